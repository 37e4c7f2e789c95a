/**
 * One worker thread of an `extract` run (cli/extractFiles.ts): says it is ready once it has loaded the core
 * and the run's profiles, then answers each `{ index, file }` message with the file's line and fingerprints, one file at a
 * time in the order they came. Built into dist/extractWorker.cjs beside the commands (cli/build.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ExtractOptions, extractFile, loadProfileDir } from './extractFiles.js';

const options = workerData as ExtractOptions;
// The main thread loaded the same folder without error before starting any worker (and messages wait in the
// port until a listener is there). Not a top-level await: the bundle is CommonJS (cli/build.mjs).
void loadProfileDir(options.profilesDir).then((profiles) => {
  let reading = Promise.resolve();
  parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
    reading = reading.then(async () => parentPort!.postMessage({ index, extracted: await extractFile(file, options.format, profiles) }));
  });
  parentPort!.postMessage({ ready: true });
});
