// Prints the cost per delta of streaming a long markdown answer through the renderer, early and
// late in the stream, in headless Chromium. The ratio late/early shows whether the cost of a
// delta grows with the message: it should stay near 1.
//
//   node bench/markdown-stream.js [tokens=20000] [rounds=6]
//
// Uses esbuild and puppeteer-core (both installed with the dev dependencies) and the browser at
// CHROME_PATH or /usr/bin/chromium.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../test/support/chromium.js';

const tokens = Number(process.argv[2] ?? 20000);
// The first round warms up and is not counted, so at least two.
const rounds = Math.max(2, Number(process.argv[3] ?? 6));
const executablePath = findChromium();

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./markdown-stream.page.js', import.meta.url))],
  bundle: true,
  format: 'esm',
  write: false,
  minify: true,
  // Lit's production build, as users get it.
  conditions: ['production'],
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: CHROMIUM_FLAGS,
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0].text });
  await page.waitForFunction(() => typeof window.runBench === 'function');
  const { deltas, characters, results } = await page.evaluate((n, r) => window.runBench(n, r), tokens, rounds);
  console.log(
    `markdown stream: ${deltas} deltas of 4 characters (${characters} characters), median of ${rounds - 1} rounds`,
  );
  for (const r of results) {
    const us = (n) => `${n.toFixed(1).padStart(7)} µs`;
    console.log(
      `  ${r.name.padEnd(26)} first 10%: ${us(r.firstUs)}  last 10%: ${us(r.lastUs)}  ratio ${r.ratio.toFixed(2)}  whole stream ${r.totalMs.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
}
