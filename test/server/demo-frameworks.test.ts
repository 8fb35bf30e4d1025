/**
 * The Vue, React and Angular demos as `npm run demo:<name>` serves them (Vite's dev server with
 * the demo backend at /chatkit), in real headless Chromium and Firefox, on phones and a desktop
 * window: nothing wider than the window or over the chat, its header and composer on screen, a
 * message typed and sent with real key presses and clicks, and the page hearing the effect.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_FLAGS, findChromium } from '../support/chromium.js';
import { FIREFOX_ENV, FIREFOX_PREFS, findFirefox } from '../support/firefox.js';

const DEMOS = ['vue', 'react', 'angular'] as const;
const SIZES = [
  { name: '390x844', width: 390, height: 844, minChat: 360 },
  { name: '320x640', width: 320, height: 640, minChat: 290 },
  { name: '1280x800', width: 1280, height: 800, minChat: 700 },
];
const layoutScript = fileURLToPath(new URL('../support/demo-layout.js', import.meta.url));
// The demo agent answers without pauses (read by demo/vite.shared.ts when Vite loads the config).
process.env.DEMO_DELAY_MS = '0';
const engines = (process.env.WTR_BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim());

/** One browser per engine for the whole file (Firefox alone takes seconds to start). */
const browsers = new Map<string, Promise<Browser>>();
after(async () => {
  for (const browser of browsers.values()) await (await browser).close();
});
function browserFor(engine: string): Promise<Browser> {
  let browser = browsers.get(engine);
  if (!browser) {
    browser = launch(engine);
    browsers.set(engine, browser);
  }
  return browser;
}

function launch(engine: string): Promise<Browser> {
  if (engine === 'firefox') {
    const executablePath = findFirefox();
    if (!executablePath)
      throw new Error('No Firefox found: install firefox-esr, set FIREFOX_PATH, or run WTR_BROWSERS=chromium.');
    return puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      env: FIREFOX_ENV,
      extraPrefsFirefox: FIREFOX_PREFS,
    });
  }
  return puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
}

/** The centre of a part of the chat, in page coordinates. */
async function centre(page: Page, part: string): Promise<{ x: number; y: number }> {
  return page.evaluate((name) => {
    const box = document
      .querySelector('stream-chat')
      ?.shadowRoot?.querySelector(`[part~="${name}"]`)
      ?.getBoundingClientRect();
    if (!box) throw new Error(`no ${name}`);
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, part);
}

for (const demo of DEMOS) {
  describe(`npm run demo:${demo}`, { timeout: 300_000 }, () => {
    let server: ViteDevServer;
    let base: string;
    before(async () => {
      server = await createServer({
        configFile: fileURLToPath(new URL(`../../demo/${demo}/vite.config.ts`, import.meta.url)),
        logLevel: 'warn',
        server: { port: 0, host: '127.0.0.1', hmr: false },
      });
      await server.listen();
      base = server.resolvedUrls?.local[0] ?? '';
      assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    });
    after(() => server?.close());

    for (const engine of engines) {
      describe(engine, () => {
        let browser: Browser;
        before(async () => {
          browser = await browserFor(engine);
        });

        for (const size of SIZES) {
          it(`at ${size.name}: fits, the chat's header and composer are on screen, and a message goes through`, async () => {
            const page = await browser.newPage();
            const failed: string[] = [];
            page.on('response', (response) => {
              if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
            });
            try {
              await page.setViewport({ width: size.width, height: size.height });
              await page.goto(base, { waitUntil: 'load' });
              await page.waitForFunction(
                () => document.querySelector('stream-chat')?.shadowRoot?.querySelector('[part~="input"]'),
                { timeout: 60_000 },
              );
              await page.addScriptTag({ path: layoutScript });
              const problems = (minChat: number) =>
                page.evaluate(
                  (min) => (globalThis as unknown as { layoutProblems(min: number): string[] }).layoutProblems(min),
                  minChat,
                );
              assert.deepEqual(await problems(size.minChat), []);

              const input = await centre(page, 'input');
              await page.mouse.click(input.x, input.y);
              await page.keyboard.type('status');
              const send = await centre(page, 'send-button');
              await page.mouse.click(send.x, send.y);
              await page.waitForFunction(
                () => {
                  const answers =
                    document
                      .querySelector('stream-chat')
                      ?.shadowRoot?.querySelectorAll('[part~="assistant-message"]') ?? [];
                  return Array.from(answers).some((answer) => answer.textContent?.includes('Your status is updated'));
                },
                { timeout: 30_000 },
              );
              // The framework app heard the update_status effect and rendered it.
              await page.waitForFunction(() => document.body.textContent?.includes('Energy 80'), { timeout: 10_000 });
              // The answer is over: Stop has turned back into Send.
              await page.waitForFunction(
                () => !(document.querySelector('stream-chat') as unknown as { responding: boolean }).responding,
                { timeout: 30_000 },
              );
              assert.deepEqual(await problems(size.minChat), []);
              // No 404 (the favicon included), no failed /chatkit request.
              assert.deepEqual(failed, []);
            } finally {
              await page.close();
            }
          });
        }
      });
    }
  });
}
