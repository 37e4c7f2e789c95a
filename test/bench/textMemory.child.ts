/**
 * One text upload through the streaming core in a process of its own (text.bench.ts starts it with the
 * heap it measures under): prints its articles, seconds and RSS high-water mark as one JSON line.
 */
import { createReadStream } from 'node:fs';
import { extractUploadStream } from '../../shared/core/extractUpload.js';

const file = process.argv[2];
const t0 = performance.now();
let articles = 0;
for await (const event of extractUploadStream(createReadStream(file, { highWaterMark: 1024 * 1024 }), { upload: { bucket: 'bench', key: 'dump.txt' } })) {
  if (event.kind === 'articles') articles += event.articles.length; // written and forgotten, as the ingest does
}
console.log(JSON.stringify({ articles, seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
