#!/usr/bin/env node
// `extract`: the built command line extractor (cli/extract.ts, built into dist/ by cli/build.mjs when stale).
import { launch } from '../cli/build.mjs';

await launch('extract');
