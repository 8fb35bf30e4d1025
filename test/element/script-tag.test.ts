import { expect, waitUntil } from '@open-wc/testing';
import { openScriptTagPage as openPage } from './helpers.js';
import type { PropertyDeclaration } from 'lit';
import { StreamChatElement } from '../../src/stream-chat.js';

/** The reactive properties of an element class, as Lit declared them: name, attribute, type, reflect. */
function declared(element: CustomElementConstructor | undefined): unknown[] {
  const properties = (element as unknown as { elementProperties: Map<PropertyKey, PropertyDeclaration> })
    .elementProperties;
  return Array.from(properties, ([name, options]) => [
    name,
    options.attribute ?? true,
    (options.type as { name?: string } | undefined)?.name ?? '',
    options.reflect === true,
  ]);
}

/** The script files a page loaded from the build folder (or the `held` page's copy), without their content hash. */
function scriptsLoaded(win: Window): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /^\/(?:dist|held\/\w+)\/.*\.js$/.test(path))
    .map((path) => path.replace(/^\/(?:dist|held\/\w+)\//, '').replace(/-[\w-]{8}\.js$/, '.js'));
}

describe('the script-tag builds, on a plain page under a strict CSP', () => {
  for (const build of ['module', 'classic']) {
    it(`${build}: chats with the server kit, dispatches events, and causes no CSP violation`, async () => {
      const { frame, win } = await openPage(build);
      try {
        const chat = win.document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
        await chat.send('progress Working...\neffect ping {"n":1}\ntool read_page\ntext Hello from the build');
        const answer = () =>
          Array.from(chat.shadowRoot?.querySelectorAll('[part~="assistant-message"] .bubble') ?? [], (node) =>
            node.textContent?.trim(),
          );
        await waitUntil(() => answer().includes('Hello from the build'), 'the answer rendered');
        expect(answer()).to.include('tool output: {"from":"plain page"}');
        // The item actions loaded when the response started, the client-tool plumbing when the
        // stream brought the call (the IIFE has them inside).
        if (build === 'module')
          expect(scriptsLoaded(win)).to.deep.equal([
            'stream-chat.js',
            'stream-chat-item-actions.js',
            'stream-chat-client-tools.js',
          ]);
        expect(win.chatEvents).to.deep.equal([
          'response-start',
          'thread-change',
          'progress',
          'effect',
          'client-tool',
          'response-end',
        ]);
        expect(chat.getAttribute('thread-id')).to.match(/^thr_/);
        // The builds declare the properties (attributes, types, reflection) the source does.
        expect(declared(win.customElements.get('stream-chat'))).to.deep.equal(declared(StreamChatElement));
        chat.setAttribute('idle-timeout', '1234');
        expect((chat as unknown as { idleTimeout: number }).idleTimeout).to.equal(1234);
        (chat.shadowRoot?.querySelector('[part~="history-button"]') as HTMLButtonElement).click();
        await waitUntil(() => chat.shadowRoot?.querySelector('[part~="history"] .thread-title'), 'history rendered', {
          timeout: 4000,
        });
        expect(win.violations).to.deep.equal([]);
        // The policy is really in force, and the watcher sees violations.
        expect(() => (win as unknown as typeof globalThis).eval('1')).to.throw();
        await waitUntil(() => win.violations.length === 1, 'the eval was reported');
        expect(win.violations[0]).to.match(/^script-src/);
      } finally {
        frame.remove();
      }
    });
  }

  for (const build of ['module', 'classic']) {
    it(`${build}: lays out a widget with its inline styles and causes no CSP violation`, async () => {
      const { frame, win } = await openPage(build);
      try {
        const chat = win.document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
        chat.setAttribute('api-url', '/api/widgets');
        await chat.send('all');
        const box = () =>
          Array.from(chat.shadowRoot?.querySelectorAll<HTMLElement>('[part~="widget"] .w-box') ?? []).find(
            (node) => node.textContent?.trim() === 'In a box',
          );
        await waitUntil(box, 'the widget rendered', { timeout: 4000 });
        // Padding 2 is two 4px steps; the border is blue-500 from the palette.
        const style = win.getComputedStyle(box()!);
        expect(style.paddingTop).to.equal('8px');
        expect(style.borderTopWidth).to.equal('1px');
        expect(win.violations).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }

  for (const build of ['module', 'classic']) {
    it(`${build}: aligns markdown table columns and causes no CSP violation`, async () => {
      const { frame, win } = await openPage(build);
      try {
        const chat = win.document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
        await chat.send('markdown | Item | Qty | Note |\\n|:--|:-:|--:|\\n| pear | 2 | ripe |');
        const cells = () => Array.from(chat.shadowRoot?.querySelectorAll<HTMLElement>('.md-table td') ?? []);
        await waitUntil(() => cells().length === 3, 'the table rendered', { timeout: 4000 });
        const aligns = cells().map((cell) => win.getComputedStyle(cell).textAlign);
        expect(aligns).to.deep.equal(['left', 'center', 'right']);
        expect(win.violations).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }

  it('module: a text conversation loads only the item actions; the history panel and the composer extras load theirs on first use', async () => {
    const { frame, win } = await openPage('module');
    try {
      const chat = win.document.querySelector('stream-chat') as HTMLElement & {
        send(text: string): Promise<void>;
        attachments: object | null;
        dictation: boolean;
      };
      await chat.send('text Plain text only');
      const shown = (part: string) => chat.shadowRoot?.querySelector(`[part~="${part}"]`) ?? null;
      await waitUntil(
        () => shown('assistant-message')?.textContent?.includes('Plain text only'),
        'the answer rendered',
      );
      await waitUntil(() => shown('copy-button'), 'the item actions showed', { timeout: 4000 });
      expect(scriptsLoaded(win)).to.deep.equal(['stream-chat.js', 'stream-chat-item-actions.js']);
      chat.attachments = {};
      chat.dictation = true;
      await waitUntil(() => shown('attach-button') && shown('dictation-button'), 'the composer extras showed', {
        timeout: 4000,
      });
      expect(scriptsLoaded(win)).to.deep.equal([
        'stream-chat.js',
        'stream-chat-item-actions.js',
        'stream-chat-composer-extras.js',
      ]);
      (shown('history-button') as HTMLButtonElement).click();
      await waitUntil(() => chat.shadowRoot?.querySelector('[part~="history"] .thread-title'), 'history rendered', {
        timeout: 4000,
      });
      expect(scriptsLoaded(win)).to.deep.equal([
        'stream-chat.js',
        'stream-chat-item-actions.js',
        'stream-chat-composer-extras.js',
        'stream-chat-history-list.js',
      ]);
      expect(win.violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  for (const pointer of ['fine', 'coarse']) {
    it(`module: while the item actions load, each answer keeps the place of their row, and nothing moves when they show (${pointer} pointer)`, async () => {
      const { frame, win } = await openPage('held', `?${pointer}`);
      try {
        const chat = win.document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
        const root = chat.shadowRoot!;
        chat.style.height = '400px';
        // The element's (pointer: coarse) rules, in force as on a touch screen: controls are 44 px.
        if (pointer === 'coarse') {
          const { CSSMediaRule, CSSStyleSheet } = win as unknown as typeof globalThis;
          const coarse = new CSSStyleSheet();
          for (const sheet of root.adoptedStyleSheets)
            for (const rule of Array.from(sheet.cssRules))
              if (rule instanceof CSSMediaRule && rule.media.mediaText.includes('pointer: coarse'))
                for (const inner of Array.from(rule.cssRules)) coarse.insertRule(inner.cssText, coarse.cssRules.length);
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, coarse];
        }
        await chat.send('text First answer');
        await chat.send(`text ${'A longer second answer. '.repeat(30)}`);
        const rows = () => Array.from(root.querySelectorAll<HTMLElement>('[part~="assistant-message"]'));
        await waitUntil(() => rows().length === 2, 'both answers rendered');
        const log = root.querySelector<HTMLElement>('[part~="messages"]')!;
        expect(log.scrollHeight, 'the list scrolls').to.be.greaterThan(log.clientHeight);
        await waitUntil(() => log.scrollTop + log.clientHeight >= log.scrollHeight - 1, 'the newest answer in view');
        // Each answer has its actions' row, empty, hidden from assistive technology, nothing to focus.
        const places = rows().map((row) => row.querySelector<HTMLElement>('.item-actions'));
        for (const place of places) {
          expect(place?.getAttribute('aria-hidden')).to.equal('true');
          expect(place?.querySelectorAll('button, [tabindex]')).to.have.length(0);
        }
        const layout = () => ({
          rows: rows().map((row) => row.getBoundingClientRect().height),
          actions: rows().map((row) => row.querySelector('.item-actions')?.getBoundingClientRect().height),
          tops: rows().map((row) => row.getBoundingClientRect().top),
          scrollTop: log.scrollTop,
          scrollHeight: log.scrollHeight,
        });
        const before = layout();
        expect(scriptsLoaded(win)).to.not.include('stream-chat-item-actions.js');
        await fetch('/api/held-release', { method: 'POST' });
        await waitUntil(() => root.querySelectorAll('[part~="copy-button"]').length === 2, 'the actions showed', {
          timeout: 4000,
        });
        expect(layout()).to.deep.equal(before);
        expect(before.actions[0]).to.equal(pointer === 'coarse' ? 44 : 32);
        expect(scriptsLoaded(win)).to.include('stream-chat-item-actions.js');
        expect(win.violations).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }

  it('module: a deployment without the item actions’ file shows answers without actions, and no error', async () => {
    const { frame, win } = await openPage('missing', `?${Date.now()}`);
    try {
      const chat = win.document.querySelector('stream-chat') as HTMLElement & { send(text: string): Promise<void> };
      const root = chat.shadowRoot!;
      await chat.send('text First answer');
      const rows = () => Array.from(root.querySelectorAll<HTMLElement>('[part~="assistant-message"]'));
      // The failed load takes back the place its row held.
      await waitUntil(() => rows()[0]?.querySelector('.item-actions') === null, 'no actions row', { timeout: 4000 });
      await chat.send('text Second answer');
      expect(rows().map((row) => row.querySelector('.bubble')?.textContent?.trim())).to.deep.equal([
        'First answer',
        'Second answer',
      ]);
      expect(root.querySelectorAll('.item-actions')).to.have.length(0);
      const page = win as unknown as { pageErrors: string[]; pageWarnings: string[] };
      expect(page.pageErrors).to.deep.equal([]);
      // The page's developers are told why.
      expect(page.pageWarnings.filter((text) => text.includes('the item actions did not load'))).to.have.length(1);
      expect(win.violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
