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

/** Page-side helpers the feature shots share (page scripts cannot close over this module). */
const installHelpers = () => {
  const chat = document.querySelector('stream-chat');
  const until = (ready) =>
    new Promise((resolve) => {
      const check = () => (ready() ? resolve() : setTimeout(check, 50));
      check();
    });
  // A coloured PNG drawn on a canvas, so a chip shows a real preview.
  const picture = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 96;
    const g = canvas.getContext('2d');
    const fill = g.createLinearGradient(0, 0, 96, 96);
    fill.addColorStop(0, '#2563eb');
    fill.addColorStop(1, '#f59e0b');
    g.fillStyle = fill;
    g.fillRect(0, 0, 96, 96);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    return new File([blob], 'sunset.png', { type: 'image/png' });
  };
  const attach = async (files) => {
    const input = chat.shadowRoot.querySelector('input[type=file]');
    const data = new DataTransfer();
    for (const file of files) data.items.add(file);
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await chat.updateComplete;
  };
  window.shot = { chat, until, picture, attach };
};
const startScreen = async () => {
  const { chat } = window.shot;
  await chat.updateComplete;
  const tools = chat.shadowRoot.querySelector('[part~="tool-menu"]');
  tools.value = 'search';
  tools.dispatchEvent(new Event('change', { bubbles: true }));
  await chat.updateComplete;
};
const uploading = async () => {
  const { chat, until, picture, attach } = window.shot;
  await attach([await picture(), new File(['notes '.repeat(80000)], 'meeting-notes.txt', { type: 'text/plain' })]);
  chat.setComposerValue('Summarize the notes and describe the picture');
  // The upload is throttled (see below): wait until the big file is part-way.
  const root = chat.shadowRoot;
  await until(() => root.querySelector('progress')?.value > 0.25 && root.querySelector('[part~="attachment"].done'));
};
const actions = async () => {
  const { chat, until, picture, attach } = window.shot;
  await attach([await picture()]);
  await until(() => chat.shadowRoot.querySelector('[part~="attachment"].done'));
  await chat.send('What is in this picture?');
  chat.shadowRoot.querySelector('[part~="feedback-positive-button"]').click();
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
  // The feature shots show the element alone.
  { file: 'docs/start-prompts.png', scheme: 'light', width: 760, height: 900, script: startScreen, alone: true },
  {
    file: 'docs/attachments.png',
    scheme: 'light',
    width: 760,
    height: 900,
    script: uploading,
    alone: true,
    slow: true,
  },
  {
    file: 'docs/item-actions.png',
    scheme: 'light',
    width: 760,
    height: 900,
    script: actions,
    alone: true,
    hover: true,
  },
  { file: 'docs/code-light.png', scheme: 'light', width: 800, height: 720, script: code },
  { file: 'docs/code-dark.png', scheme: 'dark', width: 800, height: 720, script: code },
];
const only = process.env.SHOTS?.split(',');
const taken = shots.filter((shot) => !only || only.includes(shot.file));
for (const { file, scheme, width, height, script, alone, slow, hover } of taken) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  // About 100 kB/s up: a 480 kB file is still on its way when the shot is taken.
  if (slow) await page.emulateNetworkConditions({ download: 10e6, upload: 100e3, latency: 20 });
  await page.evaluateOnNewDocument(() => localStorage.clear());
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await page.evaluate(installHelpers);
  await page.evaluate(script);
  // Item actions are faded until the answer is hovered or focused.
  if (hover) await page.hover('stream-chat >>> [part~="assistant-message"]:last-of-type');
  // On a phone the page scrolls; the shot shows the whole element.
  if (width < 600 || alone) await (await page.$('stream-chat')).screenshot({ path: file });
  else await page.screenshot({ path: file });
  await page.close();
}
await browser.close();
console.log(`wrote ${taken.map((shot) => shot.file).join(', ')}`);
