import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, sendAndWait } from './helpers.js';
import { boxes, emulateCoarsePointer } from './layout-helpers.js';

let namespaceCount = 0;
function freshApi(): string {
  return `/api/chat/p${Date.now().toString(36)}${++namespaceCount}`;
}

async function createThread(api: string, title: string): Promise<void> {
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: `title ${title}\ntext answer` }],
          attachments: [],
          inference_options: {},
        },
      },
    }),
  });
  await response.text();
}

async function openHistory(el: StreamChatElement): Promise<void> {
  el.history = true;
  await el.updateComplete;
  part(el, 'history-button').click();
  await el.updateComplete;
  await waitUntil(
    () => el.shadowRoot?.querySelector('.thread-title') && !el.shadowRoot.querySelector('[part~="history"] .spinner'),
    'history loaded',
  );
  await el.updateComplete;
}

/** Buttons a user can see, by their visible text. */
function visibleButtons(el: StreamChatElement, text: string): HTMLElement[] {
  return boxes(el).filter(
    (node): node is HTMLElement => node instanceof HTMLButtonElement && node.textContent?.trim() === text,
  );
}

afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

describe('polish', () => {
  it('styles the history close button like the other icon buttons and shows one New conversation', async () => {
    const api = freshApi();
    await createThread(api, 'First');
    const { el } = await mount(api);
    await openHistory(el);
    const close = el.shadowRoot!.querySelector<HTMLElement>('[part~="history"] .close')!;
    const toggle = part(el, 'history-button');
    expect(getComputedStyle(close).borderTopStyle, 'no browser button border').to.equal('none');
    expect(close.getBoundingClientRect().width).to.equal(toggle.getBoundingClientRect().width);
    expect(close.getBoundingClientRect().height).to.equal(toggle.getBoundingClientRect().height);
    expect(visibleButtons(el, 'New conversation')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('keeps the New conversation button in place when the title arrives, disabled in an empty chat', async () => {
    const { el } = await mount();
    const button = part(el, 'new-thread-button') as HTMLButtonElement;
    expect(button.disabled, 'nothing to leave in an empty chat').to.equal(true);
    await sendAndWait(el, 'text no title yet');
    expect(button.disabled).to.equal(false);
    const before = button.getBoundingClientRect();
    await sendAndWait(el, 'title A title\ntext now titled');
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="title"]'), 'title shown');
    const after = part(el, 'new-thread-button').getBoundingClientRect();
    expect([after.left, after.top]).to.deep.equal([before.left, before.top]);
  });

  it('puts the streaming caret on the last line of text', async () => {
    const { el } = await mount();
    void el.send('partial One short line');
    await waitUntil(() => el.shadowRoot?.querySelector('.streaming .md p')?.textContent?.includes('line'), 'streamed');
    const bubble = el.shadowRoot!.querySelector('.streaming .bubble')!;
    const paragraph = bubble.querySelector('.md p')!;
    expect(getComputedStyle(paragraph, '::after').content, 'the caret shows').to.not.equal('none');
    const row = bubble.closest('.message')!;
    const withCaret = bubble.getBoundingClientRect().height;
    row.classList.remove('streaming');
    const without = bubble.getBoundingClientRect().height;
    row.classList.add('streaming');
    expect(withCaret - without, 'the caret takes no line of its own').to.be.lessThan(1);
    el.stop();
  });

  it('shows a readable tool label', async () => {
    const { el } = await mount();
    el.addEventListener('stream-chat-client-tool', (event) => event.detail.respondWith({ ok: true }));
    await sendAndWait(el, 'tool get_selected_items {}\ntext done');
    await waitUntil(() => parts(el, 'tool').some((line) => line.textContent?.includes('Used')), 'tool line');
    expect(part(el, 'tool').textContent?.trim()).to.equal('Used get selected items');
  });

  it('shows Copy, then only Copied, after copying code', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'markdown ```sh\\nnpm test\\n```');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.md-copy')!;
    let written = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => ((written = text), Promise.resolve()) },
    });
    try {
      const label = button.querySelector('.md-copy-label')!;
      expect(label.getClientRects().length).to.equal(1);
      expect(getComputedStyle(button, '::after').content).to.be.oneOf(['none', 'normal']);
      button.click();
      await waitUntil(() => button.classList.contains('md-copied'), 'copied');
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
    expect(written).to.equal('npm test');
    expect(button.querySelector('.md-copy-label')!.getClientRects().length, '"Copy" is gone').to.equal(0);
    // Firefox reports the attr() unresolved; Chromium the string it resolves to.
    const content = getComputedStyle(button, '::after').content;
    expect(content.startsWith('attr(') ? button.getAttribute(content.slice(5, -1)) : JSON.parse(content)).to.equal(
      'Copied',
    );
    const status = el.shadowRoot!.querySelector('.md-copy-status')!;
    expect(status.textContent, 'announced').to.equal('Copied');
    expect(status.getBoundingClientRect().width, 'but not shown twice').to.be.at.most(1);
  });

  it('keeps lines to a reading width on a wide screen', async () => {
    await setViewport({ width: 1280, height: 800 });
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="height: 700px"><stream-chat api-url="/api/chat"></stream-chat></div>`,
    );
    const el = wrap.querySelector('stream-chat') as StreamChatElement;
    await sendAndWait(el, `text ${'words that go on '.repeat(40)}`);
    const paragraph = el.shadowRoot!.querySelector('.assistant .md p')!;
    expect(el.getBoundingClientRect().width).to.be.greaterThan(1200);
    expect(paragraph.getBoundingClientRect().width).to.be.at.most(800);
  });

  it('groups history rows by day, localized, and keeps titles readable at phone size', async () => {
    await setViewport({ width: 390, height: 700 });
    const api = freshApi();
    await fetch(api.replace('/api/chat/', '/api/seed/'), { method: 'POST', body: JSON.stringify({ threads: 2 }) });
    await createThread(api, 'Planning the quarterly review with the whole team');
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="height: 600px"><stream-chat api-url=${api} locale="de"></stream-chat></div>`,
    );
    const el = wrap.querySelector('stream-chat') as StreamChatElement;
    await el.updateComplete;
    await openHistory(el);
    const labels = Array.from(el.shadowRoot!.querySelectorAll('.group-label'), (node) => node.textContent?.trim());
    expect(labels.slice(0, 1)).to.deep.equal(['Heute']);
    expect(labels).to.include('Januar 2026');
    const title = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.thread-title')).find((node) =>
      node.textContent?.startsWith('Planning'),
    )!;
    expect(title.scrollWidth, 'not cut at the side').to.be.at.most(title.clientWidth);
    expect(title.scrollHeight, 'not cut at the bottom').to.be.at.most(title.clientHeight + 1);
    await expect(el).to.be.accessible();
  });

  it('makes every control at least 44x44 on a coarse pointer', async () => {
    await setViewport({ width: 390, height: 700 });
    const { el } = await mount();
    await sendAndWait(el, 'notice info Hello\nmarkdown ```sh\\nls\\n```\nerror retry Try again');
    el.history = true;
    await el.updateComplete;
    emulateCoarsePointer(el);
    const controls = boxes(el).filter((node) => node.matches('button, textarea, input'));
    expect(controls.length).to.be.greaterThan(4);
    const small = controls
      .map((node) => ({
        node: `${node.tagName} ${node.getAttribute('part') ?? node.className}`,
        box: node.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ node, box }) => `${node} ${box.width}x${box.height}`);
    expect(small).to.deep.equal([]);
  });
});
