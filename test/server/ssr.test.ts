/**
 * Server-side rendering frameworks import the package on the server: importing the entries in
 * Node, with no DOM, must not throw and must not read browser globals at module top level.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

/** Browser globals the package must leave alone while it loads. */
const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'self',
] as const;

/** The package's own source folder. */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** One read of a browser global: which one and the file that read it. */
interface Read {
  name: string;
  file: string;
}

const reads: Read[] = [];
const saved = new Map<string, PropertyDescriptor | undefined>();

/** Reads made by the package's own modules. */
const ours = () => reads.filter((read) => read.file.startsWith(SRC));

/**
 * Imports a browser entry. The path is a variable so that the Node type-check (which has no
 * DOM.Iterable lib) does not pull the element's sources into its program; the browser config
 * type-checks them.
 */
function load(path: string): Promise<Record<string, unknown>> {
  return import(path) as Promise<Record<string, unknown>>;
}

before(() => {
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    // A getter sees every read, including `typeof window`; it answers as Node does: nothing there.
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const caller = new Error().stack?.split('\n')[2] ?? '';
        reads.push({
          name,
          file: /\(?((?:file:\/\/)?\/[^:)]+)/.exec(caller)?.[1]?.replace(/^file:\/\//, '') ?? caller,
        });
        return undefined;
      },
    });
  }
});

after(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
});

describe('importing in Node (SSR)', () => {
  it('loads stream-chat-element/element without a DOM and without reading browser globals', async () => {
    const element = await load('../../src/element.js');
    assert.equal(typeof element.StreamChatElement, 'function');
    assert.equal(typeof element.defineLocale, 'function');
    assert.equal(typeof element.StreamChatError, 'function');
    assert.deepEqual(ours(), []);
  });

  it('loads the registering entry without a DOM and without reading browser globals', async () => {
    const entry = await load('../../src/index.js');
    const element = await load('../../src/element.js');
    assert.equal(entry.StreamChatElement, element.StreamChatElement);
    assert.deepEqual(ours(), []);
  });

  it('registers the tag at most once, so a second copy of the entry does not throw', async () => {
    // A different URL is a second module instance, as with two bundled copies.
    await load(`../../src/index.js?copy=${Date.now()}`);
    const element = await load('../../src/element.js');
    // Lit's Node build installs a minimal `customElements` registry for server rendering.
    if (typeof customElements !== 'undefined')
      assert.equal(customElements.get('stream-chat'), element.StreamChatElement);
    assert.deepEqual(ours(), []);
  });

  it("leaves only Lit's own `document === undefined` server check to dependencies", () => {
    // lit-html probes `globalThis.document` once to pick its server-side code path; nothing else
    // the element depends on reads a browser global while loading.
    const others = reads.filter((read) => !read.file.startsWith(SRC));
    assert.deepEqual(
      [...new Set(others.map((read) => `${read.name} ${read.file.replace(/.*node_modules\//, '')}`))],
      ['document lit-html/src/lit-html.ts'],
    );
  });
});
