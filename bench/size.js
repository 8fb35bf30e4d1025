// Prints the gzipped and brotli sizes of the script-tag builds (and of deep-chat's bundle, for
// comparison, when it is installed) and fails when one of ours is over budget.
// Run after `npm run build`: `npm run size`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * Gzip budget of each script-tag file. `stream-chat.js` is the module build a page loads: all a
 * text conversation needs at first paint (Lit, marked's lexer trimmed to the element's options,
 * the streaming markdown renderer, English, the element). Optional parts are `stream-chat-*.js`
 * files beside it: the item actions (loaded early: while the page is idle, or when a response or a
 * thread load starts), and what loads on first use: locales other than English, widgets and the
 * other rich items (with what their actions do), the history panel (with its styles), the composer
 * extras (attachments, dictation, the tool and model menus, with their styles), the client-tool
 * plumbing (when a stream first brings a call), syntax highlighting. The IIFE is the all-in-one
 * file for pages without modules: it holds every optional part and must stay one file.
 * The goals are 40 kB and 60 kB (TARGETS). Each budget is today's size with a little room (the IIFE's
 * with room for syntax highlighting): it stops growth, it does not claim the goals.
 */
// The IIFE also inlines the syntax highlighter (3.7 kB gzip), which the module loads on first use.
// Loading the item actions separately took 1 kB off the module and put 0.3 kB of loading code
// into the IIFE, hence its 78.5 kB.
const BUDGETS = { 'dist/stream-chat.js': 48 * 1024, 'dist/stream-chat.iife.js': 78.5 * 1024 };
const TARGETS = { 'dist/stream-chat.js': 40 * 1024, 'dist/stream-chat.iife.js': 60 * 1024 };

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
}

let over = false;
for (const [file, budget] of Object.entries(BUDGETS)) {
  const { raw, gzip, brotli } = sizes(file);
  console.log(
    `${file}: ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(budget)}, goal ${kb(TARGETS[file])} gzip)`,
  );
  if (gzip > budget) {
    console.error(`${file} is over its size budget by ${kb(gzip - budget)}`);
    over = true;
  }
}
const chunks = readdirSync('dist').filter((name) => /^stream-chat-.+\.js$/.test(name));
for (const name of chunks) console.log(`  dist/${name} (loads on first use): ${kb(sizes(`dist/${name}`).gzip)} gzip`);
// A text conversation is one request: the module imports its optional parts only with `import()`.
const staticImports = readFileSync('dist/stream-chat.js', 'utf8').match(
  /(?:^|[;}])\s*import\s*[\w{*][^;]*?from\s*["'][^"']+["']/g,
);
if (staticImports) {
  console.error(`dist/stream-chat.js imports other files at load: ${staticImports.join(', ')}`);
  over = true;
}
const deepChat = 'node_modules/deep-chat/dist/deepChat.bundle.js';
if (existsSync(deepChat)) {
  const { raw, gzip, brotli } = sizes(deepChat);
  console.log(`for comparison, deep-chat's script-tag bundle: ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);
}
process.exit(over ? 1 : 0);
