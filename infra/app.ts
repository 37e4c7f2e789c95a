/**
 * The CDK app: one environment-agnostic SiftStack, checked at every synth by cdk-nag's AwsSolutions pack and by
 * the Control Tower proactive controls (`@cdklabs/cdk-validator-cfnguard`).
 * A finding that is neither fixed nor acknowledged (with a written reason, on the narrowest construct) fails
 * `cdk synth`. Acknowledgements live next to the resources they concern, in infra/constructs/.
 *
 * `createSiftApp()` is what the tests synthesize; running this file (as `cdk.json`'s `app` does) builds it.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { SiftStack, type SiftStackProps } from './SiftStack.js';

/** Construct id (and CloudFormation stack name) of the stack. */
export const STACK_ID = 'Sift';

export interface SiftApp {
  app: App;
  stack: SiftStack;
}

/**
 * Deployment choices read from the CDK context (`cdk deploy -c auth=cognito -c userPoolArn=… -c corsOrigins=…`):
 * - `auth`: `iam` (default, SigV4) or `cognito` (JWTs of the user pool `userPoolArn`);
 * - `corsOrigins`: comma-separated origins allowed to call the API from a browser;
 * - `alarmEmail`: an address subscribed to the alarm topic;
 * - `withoutIndexes`: comma-separated table indexes to leave out of this deploy (a staged index change:
 *   CloudFormation adds or deletes one global secondary index of a table per update);
 * - `keepIndexes`: comma-separated retired indexes (tableSchema.ts, RETIRED_INDEXES) to keep in this deploy
 *   (a staged removal, for the same reason).
 */
export function stackPropsFromContext(app: App): SiftStackProps {
  const context = (key: string) => {
    const value = app.node.tryGetContext(key);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const auth = context('auth') ?? 'iam';
  if (auth !== 'iam' && auth !== 'cognito') throw new Error(`context auth=${auth}: use iam or cognito`);
  const userPoolArn = context('userPoolArn');
  if (auth === 'cognito' && !userPoolArn) throw new Error('context auth=cognito needs userPoolArn (the user pool whose JWTs the API accepts)');
  const corsOrigins = context('corsOrigins')?.split(',').map((o) => o.trim()).filter(Boolean);
  const alarmEmail = context('alarmEmail');
  const withoutIndexes = context('withoutIndexes')?.split(',').map((i) => i.trim()).filter(Boolean);
  const keepIndexes = context('keepIndexes')?.split(',').map((i) => i.trim()).filter(Boolean);
  return {
    ...(withoutIndexes?.length || keepIndexes?.length ? {
      tables: { ...(withoutIndexes?.length ? { withoutIndexes } : {}), ...(keepIndexes?.length ? { keepIndexes } : {}) },
    } : {}),
    api: {
      ...(auth === 'cognito' ? { authorization: { kind: 'cognito', userPoolArn: userPoolArn! } } : {}),
      ...(corsOrigins?.length ? { corsAllowOrigins: corsOrigins } : {}),
    },
    ...(alarmEmail ? { monitoring: { alarmEmail } } : {}),
  };
}

export function createSiftApp(appProps: AppProps = {}, stackProps?: SiftStackProps): SiftApp {
  const app = new App(appProps);
  const stack = new SiftStack(app, STACK_ID, stackProps ?? stackPropsFromContext(app));
  // AWS's own proactive controls (the Control Tower rules cfn-guard ships) beside cdk-nag: a finding neither fixed
  // nor acknowledged (`acknowledgeControl` in infra/constructs/nag.ts) fails the synth as well.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new CfnGuardValidator());
  return { app, stack };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  createSiftApp();
}
