/**
 * The CDK app: one environment-agnostic SiftStack, checked by cdk-nag's AwsSolutions pack at every synth.
 * A finding that is neither fixed nor acknowledged (with a written reason, on the narrowest construct) fails
 * `cdk synth`. Acknowledgements live next to the resources they concern, in infra/constructs/.
 *
 * `createSiftApp()` is what the tests synthesize; running this file (as `cdk.json`'s `app` does) builds it.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { SiftStack, type SiftStackProps } from './SiftStack.js';

/** Construct id (and CloudFormation stack name) of the stack. */
export const STACK_ID = 'Sift';

export interface SiftApp {
  app: App;
  stack: SiftStack;
}

export function createSiftApp(appProps: AppProps = {}, stackProps: SiftStackProps = {}): SiftApp {
  const app = new App(appProps);
  const stack = new SiftStack(app, STACK_ID, stackProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  createSiftApp();
}
