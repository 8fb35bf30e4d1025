// Takes screenshots of the running demo for the README: `node demo/screenshot.js [baseUrl]`.
// Needs `npm start` running and a Chromium (CHROME_PATH or /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../test/support/chromium.js';

const base = process.argv[2] ?? 'http://127.0.0.1:5173';
const browser = await puppeteer.launch({
  executablePath: findChromium(),
  headless: true,
  args: CHROMIUM_FLAGS,
});
mkdirSync('docs', { recursive: true });
const shots = [
  { file: 'docs/demo-light.png', scheme: 'light', width: 1100, height: 720 },
  { file: 'docs/demo-dark.png', scheme: 'dark', width: 1100, height: 720 },
  { file: 'docs/demo-phone.png', scheme: 'light', width: 390, height: 844 },
  { file: 'docs/demo-phone-dark.png', scheme: 'dark', width: 390, height: 844 },
];
for (const { file, scheme, width, height } of shots) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.evaluateOnNewDocument(() => localStorage.clear());
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await page.evaluate(async () => {
    const chat = document.querySelector('stream-chat');
    await chat.send('search streaming chat widgets');
    await chat.send('status');
  });
  // On a phone the page scrolls; the shot shows the whole element.
  if (width < 600) await (await page.$('stream-chat')).screenshot({ path: file });
  else await page.screenshot({ path: file });
  await page.close();
}
await browser.close();
console.log(`wrote ${shots.map((shot) => shot.file).join(', ')}`);
