#!/usr/bin/env node
// `sift`: the built command line (cli/sift.ts, built into dist/ by cli/build.mjs when stale).
// `sift extract …` starts the extractor's own, smaller bundle (the one `npm run extract` runs) without the SDK's.
import { launch } from '../cli/build.mjs';

if (process.argv[2] === 'extract') {
  process.argv.splice(2, 1);
  await launch('extract');
} else {
  await launch('sift');
}
