/**
 * The architecture, held by a test over the import graph (test/support/importGraph.ts): the pure core
 * (`shared/core`) reaches no service code, no AWS SDK and no environment-bound package; the service code
 * (`shared/service`) only imports downwards; everything outside the core uses it through its public surface.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCycles, importGraph, type ImportEdge, REPO, sourcesUnder } from '../../support/importGraph.js';

const PRODUCTION = ['shared', 'lambdas', 'infra', 'cli'];
const edges = importGraph(PRODUCTION);
const modules = edges.filter((e) => e.kind === 'module');
const packages = edges.filter((e) => e.kind === 'package');
const under = (prefix: string) => (path: string) => path.startsWith(prefix);
const inCore = under('shared/core/');
const shown = (list: readonly ImportEdge[]) => list.map((e) => `${e.from} -> ${e.to}`);

/** The packages the core may use, and where: each earns its place in the bundle for the reason given. */
const CORE_PACKAGES: Record<string, (from: string) => boolean> = {
  htmlparser2: () => true, // the DOM the HTML path walks
  domhandler: () => true, // its node types
  chardet: () => true, // legacy encodings without a declared charset
  // selectors are the point of source profiles, and only there (loaded when a profile exists)
  cheerio: (from) => from === 'shared/core/html/applyProfile.ts',
  // the profile document's schema, loaded on demand
  zod: (from) => from === 'shared/core/profiles/profileSchema.ts',
};
/** Where the code outside the core may enter it. */
const CORE_ENTRIES = new Set(['shared/core/index.ts', 'shared/core/profiles/profileSchema.ts']);
/**
 * The service layers, lowest first: a module may import its own layer's parts only within one part, and
 * lower layers, never a higher one. Events are plain parsing; storage the AWS SDK's one user; the pipeline
 * and the API are built on both and never on each other.
 */
const SERVICE_LAYERS: ReadonlyArray<readonly string[]> = [['events', 'storage', 'localStackInfo.ts'], ['pipeline', 'api']];
const serviceLayer = (path: string) => {
  const part = path.split('/')[2];
  const layer = SERVICE_LAYERS.findIndex((parts) => parts.includes(part));
  return { part, layer };
};

describe('the import graph', () => {
  it('has no cycle', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('is read from the sources (a graph without edges would pass every rule)', () => {
    expect(modules.some((e) => e.from === 'lambdas/ingest/handler.ts' && e.to.startsWith('shared/service/'))).toBe(true);
    expect(packages.some((e) => e.from === 'shared/core/html/parse.ts' && e.to === 'htmlparser2')).toBe(true);
  });
});

describe('the core', () => {
  it('imports only the core', () => {
    expect(shown(modules.filter((e) => inCore(e.from) && !inCore(e.to)))).toEqual([]);
  });

  it('uses only the packages it is allowed, each where it is allowed, and Node built-ins', () => {
    const stray = packages.filter((e) => inCore(e.from) && !e.to.startsWith('node:')
      && !CORE_PACKAGES[e.to]?.(e.from));
    expect(shown(stray)).toEqual([]);
  });

  it('is entered from outside only through its public surface', () => {
    const stray = modules.filter((e) => !inCore(e.from) && inCore(e.to) && !CORE_ENTRIES.has(e.to));
    expect(shown(stray)).toEqual([]);
  });

  it('does not read the environment or the command line', () => {
    // the handlers and the local stack read the environment once and pass settings down
    const readers = sourcesUnder('shared/core').filter((file) =>
      /\bprocess\.(env|argv)\b/.test(readFileSync(join(REPO, file), 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('the service code', () => {
  it('imports only downwards, and the pipeline and the API not each other', () => {
    const upward = modules.filter((e) => {
      if (!under('shared/service/')(e.from) || !under('shared/service/')(e.to)) return false;
      const from = serviceLayer(e.from);
      const to = serviceLayer(e.to);
      return to.layer > from.layer || (to.layer === from.layer && to.part !== from.part && from.layer > 0);
    });
    expect(shown(upward)).toEqual([]);
  });

  it('never imports the handlers, the command line, the infrastructure or the tests', () => {
    const stray = modules.filter((e) => under('shared/')(e.from) && /^(lambdas|cli|infra|test)\//.test(e.to));
    expect(shown(stray)).toEqual([]);
  });

  it('has one user of the AWS SDK among the shared code and the handlers: shared/service/storage', () => {
    const stray = packages.filter((e) => /^(shared|lambdas)\//.test(e.from) && /^@(aws-sdk|smithy)\//.test(e.to)
      && !e.typeOnly && !under('shared/service/storage/')(e.from));
    expect(shown(stray)).toEqual([]);
  });
});

describe('the edges of the tree', () => {
  it('the command line does not import the infrastructure; constructs import neither handlers nor the command line', () => {
    const stray = modules.filter((e) => (under('cli/')(e.from) && under('infra/')(e.to))
      || (under('infra/constructs/')(e.from) && /^(lambdas|cli)\//.test(e.to)));
    expect(shown(stray)).toEqual([]);
  });
});
