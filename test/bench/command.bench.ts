/**
 * `npm run bench -- command`: the command line extractor as a whole command, start-up included, against
 * Readability 0.6 + linkedom as a whole command (test/bench/readabilityCommand.mjs, plain node) on the same
 * corpus pages (every `source.html` of SIFT_CORPUS, default ../shared/corpus, passed as one command's files).
 *
 * Sift's command three ways: the built bundle (`node bin/extract.mjs`: the `sift-extract` bin, the launcher's
 * freshness check included), `npm run --silent extract` as the scorers call it (npm's own start-up on top), and
 * the TypeScript sources through tsx (`node --import tsx cli/extract.ts`, how `npm run extract` ran before the
 * build). Also one small page per command, which is mostly start-up.
 *
 * Rounds are interleaved (each round runs every command once) so load on a shared machine hits all alike;
 * a first round warms the disk cache (and builds dist/ when stale) and is not timed. Medians of wall time
 * and, on Linux, of CPU time (the commands' user + system, with their child processes, from /proc).
 * Environment: SIFT_BENCH_COMMAND_ROUNDS (timed rounds, default 5).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS } from '../support/referencePaths.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.SIFT_BENCH_COMMAND_ROUNDS ?? 5);

interface Command { name: string; argv: string[] }
const COMMANDS: Command[] = [
  { name: 'Sift extract, built (node bin/extract.mjs)', argv: ['node', 'bin/extract.mjs'] },
  { name: 'Sift extract, npm run --silent extract', argv: ['npm', 'run', '--silent', 'extract', '--'] },
  { name: 'Sift extract, sources through tsx', argv: ['node', '--import', 'tsx', 'cli/extract.ts'] },
  { name: 'Readability 0.6 + linkedom (node)', argv: ['node', 'test/bench/readabilityCommand.mjs'] },
];
const READABILITY = COMMANDS.length - 1;

/** Clock ticks per second of /proc's CPU times. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of this process's finished (waited-for) children and theirs: cutime + cstime; null off Linux. */
function childCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are the 14th and 15th
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
}

/** One run of a command over files: wall and CPU seconds; throws unless it printed one JSON line per file. */
function run(c: Command, files: string[]): { wall: number; cpu: number | null } {
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(c.argv[0]!, [...c.argv.slice(1), ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = childCpu();
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).length;
  if (r.error || (r.status ?? 2) > 1 || lines !== files.length) {
    throw new Error(`${c.name}: exit ${r.status}, ${lines} JSON lines for ${files.length} files: ${(r.error?.message ?? r.stderr).slice(0, 500)}`);
  }
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function compare(label: string, files: string[]): void {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`${label}: ${files.length} page${files.length > 1 ? 's' : ''}, ${(bytes / 1e6).toFixed(2)} MB, one command each, ` +
    `median of ${ROUNDS} interleaved rounds (+1 warm-up)`);
  for (const c of COMMANDS) run(c, files);
  const walls = COMMANDS.map(() => [] as number[]);
  const cpus = COMMANDS.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    COMMANDS.forEach((c, i) => {
      const t = run(c, files);
      walls[i]!.push(t.wall);
      if (t.cpu !== null) cpus[i]!.push(t.cpu);
    });
  }
  const ratio = (xs: number[][], i: number) => (xs[i]!.length ? `${(median(xs[READABILITY]!) / median(xs[i]!)).toFixed(2)}x` : 'n/a');
  COMMANDS.forEach((c, i) => {
    const wall = median(walls[i]!);
    const cpu = cpus[i]!.length ? `, CPU ${median(cpus[i]!).toFixed(2)} s` : '';
    const vs = i === READABILITY ? '' : `   Readability / this: ${ratio(walls, i)} wall, ${ratio(cpus, i)} CPU`;
    console.log(`  ${c.name.padEnd(44)} ${wall.toFixed(2).padStart(6)} s wall (${(files.length / wall).toFixed(1)} pages/s)${cpu}${vs}`);
  });
}

export default async function commandBench(): Promise<void> {
  const pages = readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, 'source.html'))).sort().map((n) => join(CORPUS, n, 'source.html'));
  const smallest = [...pages].sort((a, b) => statSync(a).size - statSync(b).size)[0]!;
  compare('start-up: the smallest page', [smallest]);
  compare('corpus pages', pages);
}
