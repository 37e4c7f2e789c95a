/**
 * The app as `cdk synth` builds it (cdk.json's context, CDK's built-in CloudFormation validation on, cdk-nag's
 * AwsSolutions pack registered): it synthesizes, cdk-nag finds nothing unacknowledged, every acknowledgement
 * is still needed and has a reason, and both function bundles load as ES modules.
 *
 * cdk-nag 3 is a CDK policy-validation plugin, not an Aspect: findings no longer appear as annotations
 * (`Annotations.fromStack(...).findError(...)` stays empty either way). They surface in three places, each
 * checked here: `app.synth()` throws on an error-level finding (in-memory mode, as under vitest), the report
 * lands in `<outdir>/validation-report.json`, and `pack.validateScope(app)` returns the violations directly.
 */
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_PROVIDED_MODULES } from '../../infra/constructs/defaults.js';
import { ENV } from '../../shared/service/storage/tableSchema.js';
import { acknowledgements, buildSiftApp, runnableAssetCopy } from './synth.js';

let app: App;
let outdir: string;

beforeAll(() => {
  ({ app, outdir } = buildSiftApp());
  app.synth();
});

/** Violations of the AwsSolutions pack; with `ignoreAcknowledgements`, what it would report without them. */
function nagViolations(options: { ignoreAcknowledgements?: boolean } = {}) {
  const pack = new AwsSolutionsChecks(undefined, { verbose: true });
  if (options.ignoreAcknowledgements) {
    // NagPack's private per-finding check; turning it off shows what each acknowledgement is holding back.
    (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  }
  return pack.validateScope(app).violations;
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const violations = nagViolations().map((v) => `${v.ruleName} (${v.severity}) at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('left nothing in the validation report of the synthesized assembly', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    const violations = (report.pluginReports as { violations?: unknown[] }[]).flatMap((r) => r.violations ?? []);
    expect(violations).toEqual([]);
  });

  it('acknowledges only findings that exist, each with a written reason', () => {
    const raw = nagViolations({ ignoreAcknowledgements: true });
    const acks = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-'));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
      const held = raw.find(
        (v) => v.ruleName === ack.id && v.violatingResources.some((r) => r.constructPath === ack.path || (r.constructPath ?? '').startsWith(`${ack.path}/`)),
      );
      expect(held, `stale acknowledgement ${ack.id} at ${ack.path}`).toBeDefined();
    }
  });

  it('acknowledges nothing at app or stack level', () => {
    for (const ack of acknowledgements(app)) expect(ack.path.split('/').length, `${ack.id} at ${ack.path}`).toBeGreaterThan(1);
  });
});

describe('Control Tower proactive controls (cdk-validator-cfnguard)', () => {
  type Suppressed = { ruleName: string; reason: string; acknowledgedAt: string; violatingConstructs: { constructPath: string }[] };
  const guardReport = () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    return (report.pluginReports as { pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations?: Suppressed[] }[])
      .find((r) => r.pluginName === 'cdk-validator-cfnguard')!;
  };

  it('ran at synth and passed: every finding fixed or acknowledged', () => {
    const report = guardReport();
    expect(report).toBeDefined();
    expect(report.conclusion).toBe('success');
    expect(report.violations).toEqual([]);
  });

  it('acknowledges only where a control does not apply, each on its own construct with a written reason', () => {
    const suppressed = guardReport().suppressedViolations ?? [];
    for (const s of suppressed) {
      expect(s.reason.length, `${s.ruleName} at ${s.acknowledgedAt}`).toBeGreaterThanOrEqual(60);
      // on a construct inside the stack (`Sift/…`), never on the app or the stack itself
      expect(s.acknowledgedAt.split('/').length, `${s.ruleName} acknowledged at ${s.acknowledgedAt}`).toBeGreaterThanOrEqual(2);
    }
    const where = (rule: string) => suppressed.filter((s) => s.ruleName === rule).flatMap((s) => s.violatingConstructs.map((c) => c.constructPath)).sort();
    expect([...new Set(suppressed.map((s) => s.ruleName))].sort()).toEqual([
      'lambda_function_public_access_prohibited_check', // SourceArn is a Fn::Join the rule cannot read
      'lambda_inside_vpc_check', // a choice, explained
      's3_bucket_default_encryption_kms_check', // access logs: SSE-S3 only
      's3_bucket_logging_enabled_check', // the access-log bucket itself
      's3_bucket_object_lock_enabled_check', // deletes are part of the contract
      's3_event_notifications_enabled_check', // set by CDK's custom resource
    ]);
    expect(where('s3_bucket_default_encryption_kms_check')).toEqual(['Sift/Drop/AccessLogs/Resource']);
    expect(where('s3_bucket_logging_enabled_check')).toEqual(['Sift/Drop/AccessLogs/Resource']);
  });

  it('each acknowledgement of a control still holds back a finding', () => {
    const suppressed = guardReport().suppressedViolations ?? [];
    const acks = acknowledgements(app).filter((a) => a.id.startsWith('cdk-validator-cfnguard::'));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const rule = ack.id.slice('cdk-validator-cfnguard::'.length);
      expect(suppressed.some((s) => s.ruleName === rule && s.acknowledgedAt === ack.path), `${ack.id} at ${ack.path}`).toBe(true);
    }
  });
});

/** Whether an import is one of the packages the Lambda runtime provides (esbuild `external` patterns). */
const runtimeProvided = (specifier: string) =>
  RUNTIME_PROVIDED_MODULES.some((p) => (p.endsWith('*') ? specifier.startsWith(p.slice(0, -1)) : specifier === p));

describe('function bundles', () => {
  const bundleDirs = () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'Sift.assets.json'), 'utf8'));
    return Object.values(manifest.files as Record<string, { source: { path: string; packaging?: string } }>)
      .filter((f) => f.source.packaging === 'zip')
      .map((f) => join(outdir, f.source.path));
  };

  it('are two minified ESM bundles with the createRequire banner and a source map', () => {
    expect(bundleDirs()).toHaveLength(2);
    for (const dir of bundleDirs()) {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      // Everything bundled but what the runtime provides: nothing else left to import but Node built-ins.
      const imports = [...code.matchAll(/(?:^|;)\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
      expect(imports).toContain('module');
      expect(imports.filter((s) => !builtinModules.includes(s.replace(/^node:/, '')) && !runtimeProvided(s))).toEqual([]);
      // ... and the SDK clients are imported from the runtime, not carried along.
      expect(imports.filter(runtimeProvided)).toContain('@aws-sdk/client-s3');
      expect(statSync(join(dir, 'index.mjs')).size).toBeLessThan(10 * 1024 * 1024);
    }
  });

  it('load as ES modules in plain Node and export a handler function', () => {
    // A separate Node process, as in Lambda (not vite's module runner), with the variables the functions get.
    const script = `for (const f of process.argv.slice(1)) { const m = await import(f); if (typeof m.handler !== 'function') throw new Error(f + ': no handler'); }`;
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: 'us-east-1', NODE_OPTIONS: '--enable-source-maps' };
    for (const name of Object.values(ENV)) env[name] = `test-${name.toLowerCase()}`;
    // Run from where the SDK the bundles leave out resolves, as the runtime provides it.
    const copies = bundleDirs().map((dir) => runnableAssetCopy(dir));
    try {
      const files = copies.map((dir) => pathToFileURL(join(dir, 'index.mjs')).href);
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...files], { env, encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    }
  });
});
