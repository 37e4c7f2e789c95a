/**
 * The built command line: cli/extract.ts and cli/sift.ts bundled by esbuild into plain JavaScript under dist/,
 * so the commands start with plain `node` (no TypeScript loader, no module resolution across node_modules).
 *
 * `launch(name)` (bin/extract.mjs, bin/sift.mjs) runs dist/<name>.cjs, building it first when it is missing
 * or older than what it was built from, so a `git pull` or an edit never runs stale code. dist/inputs.json
 * records the size and mtime of every project file the bundles were built from, plus the files that change
 * how they build (package and lock files, tsconfig, this file); checking them is a stat each (a few ms).
 * `node cli/build.mjs` builds unconditionally (the `prepare` script, run by `npm ci` and `npm install`).
 *
 * The bundles are CommonJS so that V8 can start from a code cache of them (`vm.Script` takes one; Node 20 has
 * none for ES modules): a run compiles what it calls, and leaves dist/<name>.cjs.cache for the next one, which
 * then skips parsing and compiling (the extractor on one small page: 0.13 -> 0.10 s of CPU). The cache is
 * stamped with a hash of the bundle, Node's version and the architecture, and V8 checks its own flags, so a
 * rebuilt bundle or another Node compiles afresh and writes a new one; when dist/ cannot be written the
 * command simply runs without one.
 *
 * Plain JavaScript with no imports beyond Node's own: it runs before anything is built. esbuild is imported
 * only when a build is needed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** One level under the root, as cli/ is: cli/sift.ts finds the root as `..` from its own file either way. */
const OUT_DIR = join(ROOT, 'dist');
const MANIFEST = join(OUT_DIR, 'inputs.json');
/** The commands, and the worker thread `extract` spreads a run's files over (cli/extractFiles.ts). */
const ENTRIES = { extract: 'cli/extract.ts', sift: 'cli/sift.ts', extractWorker: 'cli/extractWorker.ts' };
/** Files that change the bundles without being one of their inputs (node_modules/.package-lock.json: any install). */
const BUILD_FILES = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'cli/build.mjs'];

/**
 * `import('node:…')` in a dependency, made a `require` (a bundled stub module): a dynamic import in a `vm.Script`
 * goes through an experimental loader, which warns on stderr when used.
 */
const builtinImports = {
  name: 'builtin-imports',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin-import' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-import' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** [mtime ms, size] of a file under the root, or null when it is missing. */
function stamp(path) {
  try {
    const s = statSync(join(ROOT, path));
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** Whether dist/ holds bundles built from the files as they are now. */
export function isFresh() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return false;
  }
  if (Object.keys(ENTRIES).some((name) => !manifest.outputs?.includes(`dist/${name}.cjs`) || !stamp(`dist/${name}.cjs`))) return false;
  return Object.entries(manifest.inputs ?? {}).every(([path, was]) => {
    const now = stamp(path);
    return now === null ? was === null : was !== null && now[0] === was[0] && now[1] === was[1];
  });
}

/**
 * Builds dist/extract.cjs, dist/sift.cjs and dist/extractWorker.cjs. Each file is written beside its place and renamed over it, so a
 * command starting meanwhile (or a second build running at once) reads an old or a new bundle, never half of one.
 */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const started = Date.now();
  const before = new Map(BUILD_FILES.map((f) => [f, stamp(f)]));
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    // CommonJS, for the code cache (see above); `import.meta.url` (cli/sift.ts, cli/extractFiles.ts) is the file's URL
    format: 'cjs',
    define: { 'import.meta.url': '__bundle_url' },
    banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    target: 'node20',
    // Arabic and other marker tables stay UTF-8, not \uXXXX escapes (as in the Lambda bundles).
    charset: 'utf8',
    // Everything is bundled (dependencies and devDependencies are installed here): one file loads faster than
    // Node resolving and reading hundreds of modules.
    // Not minified: stack traces stay readable and minifying saved no measurable start-up (about 300 ms either way).
    metafile: true,
    write: false,
    plugins: [builtinImports],
    logLevel: 'silent',
  });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) {
    if (path.startsWith('node_modules/') || path.startsWith('builtin-import:')) continue;
    const now = stamp(path);
    // changed while esbuild ran: the bundle may hold the older text, so the next run builds again
    inputs[path] = now && now[0] >= started ? [-1, -1] : now;
  }
  for (const [path, was] of before) inputs[path] = was;
  mkdirSync(OUT_DIR, { recursive: true });
  const replace = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  for (const file of result.outputFiles) replace(file.path, file.contents);
  // the ES module bundles of earlier builds, and their caches (a bundle's cache is stale once it is rebuilt)
  for (const name of Object.keys(ENTRIES)) for (const old of [`${name}.mjs`, `${name}.cjs.cache`]) rmSync(join(OUT_DIR, old), { force: true });
  // last: a manifest is never newer than the bundles it describes
  const outputs = result.outputFiles.map((f) => relative(ROOT, f.path));
  replace(MANIFEST, `${JSON.stringify({ outputs, inputs })}\n`);
}

/** Runs the built command `name` (a key of ENTRIES), building it first when dist/ is missing or stale. */
export async function launch(name) {
  if (!isFresh()) {
    try {
      await build();
    } catch (error) {
      // esbuild's errors name the file, line and problem; a missing esbuild means the devDependencies are not installed
      const message = error?.errors?.length
        ? error.errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n')
        : error?.code === 'ERR_MODULE_NOT_FOUND' ? 'esbuild is not installed: run `npm ci` first' : String(error?.message ?? error);
      process.stderr.write(`${name}: could not build the command line (cli/build.mjs):\n${message}\n`);
      process.exitCode = 1;
      return;
    }
  }
  runBundle(join(OUT_DIR, `${name}.cjs`));
}

/**
 * Runs a CommonJS bundle as Node would (module wrapper, `require` from its place), compiled from its code cache
 * when there is a good one, and writes one when there was none, once the command is done (by then V8 has
 * compiled every function the run called, and a cache holds them all).
 */
function runBundle(file) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.cache`;
  const stampOf = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest();
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    if (stampOf.equals(cache.subarray(0, stampOf.length))) cachedData = cache.subarray(stampOf.length);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([stampOf, script.createCachedData()]));
        renameSync(temporary, cacheFile);
      } catch {
        // a read-only install: the next run compiles again
      }
    });
  }
  const module = { exports: {}, filename: file, id: file, loaded: false, children: [], paths: [] };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await build();
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    // an install without devDependencies: nothing to build with, and the commands say so when run
    process.stderr.write('cli/build.mjs: esbuild is not installed, the command line is not built\n');
  }
}
