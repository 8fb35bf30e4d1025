/**
 * The real <stream-chat> element, in headless Chromium (puppeteer-core), talking through a
 * round-robin proxy to two server-kit processes on one PostgreSQL database: consecutive requests
 * of one conversation land on alternate instances, and the user sees one whole conversation,
 * also after a reload that restores it from the other instance.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../support/chromium.js';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseUrl } from '../support/postgres.js';
import {
  roundRobinProxy,
  startInstance,
  stopInstance,
  type Instance,
  type Proxy,
} from '../support/postgres-instances.js';

const schema = schemaName();
let url = '';
let instances: Instance[] = [];
let proxy: Proxy;
let browser: Browser;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>two instances</title>
<script type="module" src="/element.js"></script></head>
<body><stream-chat api-url="/chatkit" remember-thread="pg-thread"></stream-chat></body></html>`;

before(async () => {
  url = await testDatabaseUrl();
  const [bundle, started] = await Promise.all([
    build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      format: 'esm',
      write: false,
      conditions: ['production'],
      tsconfig: 'tsconfig.json',
      logLevel: 'silent',
    }),
    Promise.all(['a', 'b'].map((name) => startInstance(name, { DATABASE_URL: url, STORE_SCHEMA: schema }))),
  ]);
  instances = started;
  const script = bundle.outputFiles[0]?.text ?? '';
  proxy = await roundRobinProxy(instances, (path) => {
    if (path === '/') return { type: 'text/html; charset=utf-8', body: PAGE };
    if (path === '/element.js') return { type: 'text/javascript; charset=utf-8', body: script };
    return null;
  });
  browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await Promise.all(instances.map((instance) => stopInstance(instance)));
  await dropSchemas(url, [schema]);
  await stopTestDatabase();
});

/** Sends a message through the element's public method and waits for the response to end (client tools answered). */
function send(page: Page, text: string): Promise<void> {
  return page.evaluate(async (message) => {
    const chat = document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
    const ended = new Promise((resolve) => chat.addEventListener('stream-chat-response-end', resolve, { once: true }));
    void chat.send(message).catch(() => undefined);
    await ended;
  }, text);
}

/** What the user sees in each message row, in order. */
function transcript(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('stream-chat')?.shadowRoot;
    return Array.from(root?.querySelectorAll('[part~="message"]') ?? []).map(
      (row) =>
        `${row.matches('[part~="user-message"]') ? 'user' : 'assistant'}: ${(row.querySelector('.bubble') ?? row).textContent?.trim().replace(/\s+/g, ' ')}`,
    );
  });
}

describe('<stream-chat> behind a round-robin proxy over two instances', () => {
  it('holds one conversation whose requests alternate between the instances, and restores it after a reload', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(proxy.url.replace('/chatkit', '/'));
      await page.evaluate(async () => {
        await customElements.whenDefined('stream-chat');
        document.querySelector('stream-chat')?.addEventListener('stream-chat-client-tool', (event) => {
          (event as CustomEvent<{ respondWith(value: unknown): void }>).detail.respondWith({ picked: 'green' });
        });
      });
      await send(page, 'text Hello from somewhere');
      await send(page, 'tool pick_color {}\ntext Thanks for picking');
      // The tool output is a request of its own; wait for the turn it continues to end.
      await page.waitForFunction(
        () => document.querySelector('stream-chat')?.shadowRoot?.textContent?.includes('Thanks for picking'),
        { timeout: 10_000 },
      );
      const seen = await transcript(page);
      assert.deepEqual(seen, [
        'user: text Hello from somewhere',
        'assistant: Hello from somewhere',
        'user: tool pick_color {} text Thanks for picking',
        'assistant: tool output: {"picked":"green"}',
        'assistant: Thanks for picking',
      ]);
      const before = proxy.served.length;
      await page.reload();
      await page.waitForFunction(
        (count) =>
          document.querySelector('stream-chat')?.shadowRoot?.querySelectorAll('[part~="message"]').length === count,
        { timeout: 10_000 },
        seen.length,
      );
      assert.deepEqual(await transcript(page), seen);
      assert.ok(proxy.served.length > before, 'the reload loaded the thread through the proxy');
      // Every request went to the instance after the previous one's: both served this conversation.
      proxy.served.forEach((name, index) => assert.equal(name, index % 2 ? 'b' : 'a'));
      assert.ok(proxy.served.length >= 4);
    } finally {
      await page.close();
    }
  });
});
