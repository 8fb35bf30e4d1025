// Takes screenshots of the running demo for the README: `node demo/screenshot.js [baseUrl]`.
// Needs `npm start` running and a Chromium (CHROME_PATH or /usr/bin/chromium). SHOTS=docs/widget.png
// (a comma-separated list) takes only those.
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
const tour = async () => {
  const chat = document.querySelector('stream-chat');
  await chat.send('search streaming chat widgets');
  await chat.send('status');
};
const widget = async () => {
  const chat = document.querySelector('stream-chat');
  await chat.send('widget');
  await new Promise((resolve) => setTimeout(resolve, 500));
};
const workflow = async () => {
  const chat = document.querySelector('stream-chat');
  await chat.send('workflow');
  // Done workflows fold under their summary: open it to show the tasks.
  chat.shadowRoot.querySelector('[part~="workflow"] button').click();
  await chat.updateComplete;
};
const code = async () => {
  const chat = document.querySelector('stream-chat');
  await chat.send('snippet');
  // The highlighter loads on first use: wait for its colours.
  while (!chat.shadowRoot.querySelector('.md-pre [class^="hl-"]')) await new Promise(requestAnimationFrame);
};
const shots = [
  { file: 'docs/demo-light.png', scheme: 'light', width: 1100, height: 720, script: tour },
  { file: 'docs/demo-dark.png', scheme: 'dark', width: 1100, height: 720, script: tour },
  { file: 'docs/demo-phone.png', scheme: 'light', width: 390, height: 844, script: tour },
  { file: 'docs/demo-phone-dark.png', scheme: 'dark', width: 390, height: 844, script: tour },
  { file: 'docs/widget.png', scheme: 'light', width: 800, height: 760, script: widget },
  { file: 'docs/workflow.png', scheme: 'light', width: 800, height: 560, script: workflow },
  { file: 'docs/code-light.png', scheme: 'light', width: 800, height: 720, script: code },
  { file: 'docs/code-dark.png', scheme: 'dark', width: 800, height: 720, script: code },
];
const only = process.env.SHOTS?.split(',');
const taken = shots.filter((shot) => !only || only.includes(shot.file));
for (const { file, scheme, width, height, script } of taken) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.evaluateOnNewDocument(() => localStorage.clear());
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await page.evaluate(script);
  // On a phone the page scrolls; the shot shows the whole element.
  if (width < 600) await (await page.$('stream-chat')).screenshot({ path: file });
  else await page.screenshot({ path: file });
  await page.close();
}
await browser.close();
console.log(`wrote ${taken.map((shot) => shot.file).join(', ')}`);
