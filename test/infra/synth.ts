/**
 * Test helpers: synthesize the Sift app the way `cdk synth` does (same code, cdk.json's context and feature
 * flags) into a temporary directory.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSiftApp, type SiftApp } from '../../infra/app.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The `context` block of cdk.json (feature flags), as the CLI would pass it. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;
}

export interface SynthOptions {
  /** Run CDK's built-in CloudFormation template validation (about 10 s). @default true */
  builtinCloudFormationValidation?: boolean;
  /** Extra CDK context (`-c key=value`), as a deployment would pass it. */
  context?: Record<string, string>;
}

/** Builds the app in a fresh temporary outdir (bundles both functions); synthesize with `app.synth()`. */
export function buildSiftApp(options: SynthOptions = {}): SiftApp & { outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'sift-cdk-'));
  const sift = createSiftApp({
    outdir,
    context: { ...cdkJsonContext(), ...options.context },
    builtinCloudFormationValidation: options.builtinCloudFormationValidation ?? true,
  });
  return { ...sift, outdir };
}

/** Every acknowledgement recorded in the app: construct path, rule id, reason. */
export function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

/**
 * A copy of a function asset where its imports resolve as in Lambda: the bundles leave out the packages the
 * runtime provides (RUNTIME_PROVIDED_MODULES, the AWS SDK), so they are run from under this repository, whose
 * node_modules stands in for the runtime's. Returns the copy's folder (the caller removes it).
 */
export function runnableAssetCopy(assetDir: string, name = basename(assetDir)): string {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'sift-assets', name);
  cpSync(assetDir, dir, { recursive: true });
  return dir;
}
