// Prints the gzipped and brotli sizes of the script-tag builds and fails when one is over budget.
// Run after `npm run build`: `npm run size`.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** Budget for each script-tag file, gzipped. */
const BUDGET_GZIP = 40 * 1024;

let over = false;
for (const file of ['dist/stream-chat.js', 'dist/stream-chat.iife.js']) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`${file}: ${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(BUDGET_GZIP)} gzip)`);
  if (gzip > BUDGET_GZIP) {
    console.error(`${file} is over its size budget by ${kb(gzip - BUDGET_GZIP)}`);
    over = true;
  }
}
process.exit(over ? 1 : 0);
