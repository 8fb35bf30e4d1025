// Prints the gzipped and brotli sizes of the script-tag builds (and of deep-chat's bundle, for
// comparison, when it is installed) and fails when one of ours is over budget.
// Run after `npm run build`: `npm run size`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * Gzip budget of each script-tag file. `stream-chat.js` is the module build a page loads; optional
 * parts (locales other than English, syntax highlighting, widgets) are `stream-chat-*.js` files
 * beside it that load on first use. The IIFE is the all-in-one file for pages without modules: it
 * holds every optional part and must stay one file, at most 60 kB.
 * The module file holds Lit (~7 kB), the marked lexer (~13 kB), the streaming markdown renderer
 * (~5 kB), styles and the element (~20 kB). The target is 40 kB; until the marked lexer gets
 * smaller, and the composer features (attachments, dictation, item actions, menus) load on first use,
 * each budget is today's size with a little room: it stops growth, it does not claim the targets.
 * (The IIFE's got 1 kB for the streaming cost work: caret marking, lazily lexed committed blocks,
 * idle warm-up of the lexer and the date formats.)
 */
const BUDGETS = { 'dist/stream-chat.js': 60 * 1024, 'dist/stream-chat.iife.js': 81 * 1024 };

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
}

let over = false;
for (const [file, budget] of Object.entries(BUDGETS)) {
  const { raw, gzip, brotli } = sizes(file);
  console.log(`${file}: ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(budget)} gzip)`);
  if (gzip > budget) {
    console.error(`${file} is over its size budget by ${kb(gzip - budget)}`);
    over = true;
  }
}
const chunks = readdirSync('dist').filter((name) => /^stream-chat-.+\.js$/.test(name));
for (const name of chunks) console.log(`  dist/${name} (loads on first use): ${kb(sizes(`dist/${name}`).gzip)} gzip`);
const deepChat = 'node_modules/deep-chat/dist/deepChat.bundle.js';
if (existsSync(deepChat)) {
  const { raw, gzip, brotli } = sizes(deepChat);
  console.log(`for comparison, deep-chat's script-tag bundle: ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);
}
process.exit(over ? 1 : 0);
