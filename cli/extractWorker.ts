/**
 * One worker thread of an `extract` run (cli/extractFiles.ts): says it is ready once it has loaded the core
 * and the run's profiles, then answers each `{ index, file }` message with the file's line and fingerprints, one file at a
 * time in the order they came. Built into dist/extractWorker.mjs beside the commands (cli/build.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ExtractOptions, extractFile, loadProfileDir } from './extractFiles.js';

const options = workerData as ExtractOptions;
// The main thread loaded the same folder without error before starting any worker.
const profiles = await loadProfileDir(options.profilesDir);
let reading = Promise.resolve();
parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
  reading = reading.then(async () => parentPort!.postMessage({ index, extracted: await extractFile(file, options.format, profiles) }));
});
parentPort!.postMessage({ ready: true });
