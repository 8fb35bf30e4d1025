import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport, sendKeys } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, sendAndWait } from './helpers.js';
import { boxes, contrastOf, opacityOf, textBearing } from './layout-helpers.js';

const LONG_WORD = 'Supercalifragilistic'.repeat(12);
const LONG_URL = `https://example.com/${'very-long-path-segment/'.repeat(12)}end`;
const WIDE = [
  `markdown | ${Array.from({ length: 8 }, (_, i) => `Column heading ${i}`).join(' | ')} |`,
  `|${'---|'.repeat(8)}`,
  `| ${Array.from({ length: 8 }, (_, i) => `cell value ${i}`).join(' | ')} |`,
  '',
  '```js',
  `const line = "${'x'.repeat(300)}";`,
  '```',
  '',
  `See ${LONG_URL} and ${LONG_WORD}.`,
].join('\\n');

afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

/** Mounts a chat filling a phone-sized page. */
async function phone(width: number) {
  await setViewport({ width, height: 700 });
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="height: 640px; margin: 0; padding: 0"><stream-chat api-url="/api/chat"></stream-chat></div>`,
  );
  const el = wrap.querySelector('stream-chat') as StreamChatElement;
  await el.updateComplete;
  return el;
}

function expectInside(el: StreamChatElement): void {
  const host = el.getBoundingClientRect();
  for (const node of boxes(el)) {
    // Content of a box that scrolls on its own is clipped by it; the box itself is checked.
    if (node.parentElement?.closest('.md-pre, .md-table-wrap')) continue;
    const box = node.getBoundingClientRect();
    const name = `${node.tagName.toLowerCase()}.${node.getAttribute('class') ?? ''}`;
    expect(box.left, `${name} left`).to.be.at.least(host.left - 0.5);
    expect(box.right, `${name} right (element ends at ${host.right})`).to.be.at.most(host.right + 0.5);
  }
}

describe('layout', () => {
  for (const width of [390, 320]) {
    it(`keeps wide tables, code, URLs and words inside the element at ${width} px`, async () => {
      const el = await phone(width);
      await sendAndWait(el, WIDE);
      const log = part(el, 'messages');
      expect(log.scrollWidth, 'the conversation does not pan sideways').to.be.at.most(log.clientWidth);
      expectInside(el);
      const pre = el.shadowRoot!.querySelector('.md-pre') as HTMLElement;
      const table = el.shadowRoot!.querySelector('.md-table-wrap') as HTMLElement;
      expect(pre.scrollWidth, 'the code scrolls in its own box').to.be.greaterThan(pre.clientWidth);
      expect(table.scrollWidth, 'the table scrolls in its own box').to.be.greaterThan(table.clientWidth);
      const bubble = part(el, 'user-message').querySelector('.bubble')!.getBoundingClientRect();
      expect(bubble.right).to.be.at.most(log.getBoundingClientRect().right);
      await expect(el).to.be.accessible();
    });
  }

  for (const display of ['block', 'inline-block', 'grid', 'inline-grid', 'flex', 'inline', 'contents']) {
    it(`holds its layout under a page rule display: ${display}`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="height: 420px; width: 360px">
        <style>
          stream-chat.page-styled {
            display: ${display};
          }
        </style>
        <stream-chat class="page-styled" api-url="/api/chat"></stream-chat>
      </div>`);
      const el = wrap.querySelector('stream-chat') as StreamChatElement;
      expect(getComputedStyle(el).display).to.equal(display);
      await sendAndWait(el, 'long 60');
      const frame = wrap.getBoundingClientRect();
      const log = part(el, 'messages');
      expect(log.scrollHeight, 'the list scrolls').to.be.greaterThan(log.clientHeight + 100);
      expect(log.getBoundingClientRect().bottom).to.be.at.most(frame.bottom + 0.5);
      const composer = part(el, 'composer').getBoundingClientRect();
      expect(composer.height).to.be.greaterThan(30);
      expect(composer.bottom, 'the composer stays inside').to.be.at.most(frame.bottom + 0.5);
      expect(composer.top).to.be.at.least(frame.top);
    });
  }

  it('grows the textarea with its text and shrinks it after sending', async () => {
    const { el } = await mount();
    const input = part(el, 'input') as HTMLTextAreaElement;
    const start = input.getBoundingClientRect().height;
    input.focus();
    await sendKeys({ type: 'one two three four five six seven eight nine ten '.repeat(4) });
    await el.updateComplete;
    const grown = input.getBoundingClientRect().height;
    expect(grown, 'several lines show').to.be.greaterThan(start * 1.8);
    expect(input.scrollHeight - input.clientHeight).to.be.at.most(1);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(el, 'assistant-message').length === 1 && !el.responding, 'answered');
    await el.updateComplete;
    expect(input.getBoundingClientRect().height).to.be.closeTo(start, 1);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`gives every text at least 4.5:1 contrast in the ${theme} theme`, async () => {
      const { el } = await mount();
      el.theme = theme;
      el.history = true;
      await sendAndWait(
        el,
        'title Contrast\nnotice warning Heads up\nmarkdown # Heading\\n\\nText with a [link](https://example.com) and `code`.\\n\\n> quoted\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\\n```js\\nlet x = 1;\\n```',
      );
      await waitUntil(() => el.shadowRoot?.querySelector('[part~="title"]'), 'title shown');
      part(el, 'history-button').click();
      await waitUntil(() => el.shadowRoot?.querySelector('.thread-title'), 'history listed');
      const checked = textBearing(el).filter((node) => opacityOf(node) > 0);
      expect(checked.length).to.be.greaterThan(10);
      const failing = checked
        .map((node) => ({
          node: `${node.tagName.toLowerCase()}.${node.getAttribute('class') ?? ''} "${node.textContent?.trim().slice(0, 20)}"`,
          ratio: contrastOf(node),
        }))
        .filter(({ ratio }) => ratio < 4.5);
      expect(failing).to.deep.equal([]);
      for (const time of el.shadowRoot!.querySelectorAll('time'))
        expect(contrastOf(time), 'timestamps when shown').to.be.at.least(4.5);
    });
  }

  it('styles the history panel, which loads on first use, as the page themes it and as its rules always cascaded', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="height: 600px; --stream-chat-history-width: 321px">
        <stream-chat api-url="/api/chat" history></stream-chat>
      </div>`,
    );
    const el = wrap.querySelector('stream-chat') as StreamChatElement;
    await sendAndWait(el, 'title Styled\ntext hi');
    part(el, 'history-button').click();
    await waitUntil(() => el.shadowRoot?.querySelector('.thread-title'), 'history listed');
    const panel = part(el, 'history');
    expect(panel.getBoundingClientRect().width).to.be.closeTo(321, 1);
    expect(panel.getBoundingClientRect().left, 'shown before the conversation').to.be.closeTo(
      el.getBoundingClientRect().left,
      2,
    );
    (el.shadowRoot?.querySelector('button[aria-label="Delete Styled"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const [remove, cancel] = ['.danger', '.cancel'].map((selector) =>
      getComputedStyle(el.shadowRoot!.querySelector(`.thread.editing ${selector}`)!),
    );
    expect(remove!.color, 'the delete button is red').to.not.equal(cancel!.color);
    // The shared text-button rules came after the panel's, and still do: they set the border.
    expect(remove!.borderTopColor).to.equal(cancel!.borderTopColor);
  });

  it('styles the composer extras, which load on first use, as their rules always cascaded', async () => {
    const { el } = await mount('/api/files');
    el.style.setProperty('--stream-chat-border-color', 'rgb(1, 2, 3)');
    el.attachments = {};
    el.dictation = true;
    el.composerModels = [{ id: 'fast', label: 'Fast' }];
    await waitUntil(() => parts(el, 'dictation-button').length === 1, 'the extras showed', { timeout: 4000 });
    const style = (node: Element) => getComputedStyle(node);
    expect(style(el.shadowRoot!.querySelector('.file-input')!).display, 'the file input is hidden').to.equal('none');
    for (const name of ['attach-button', 'dictation-button']) {
      // The secondary look comes after the composer's icon button rules, which it overrides.
      expect(style(part(el, name)).backgroundColor, name).to.equal('rgba(0, 0, 0, 0)');
      expect(style(part(el, name)).borderTopColor, name).to.equal('rgb(1, 2, 3)');
      expect(style(part(el, name)).width, name).to.equal('42px');
    }
    expect(style(part(el, 'send-button')).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(style(part(el, 'model-menu')).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(style(part(el, 'model-menu')).borderTopLeftRadius).to.equal('8px');
  });

  it('keeps code left to right in a right-to-left locale', async () => {
    const { el } = await mount();
    el.locale = 'ar';
    await sendAndWait(el, `markdown ${'نص عربي طويل '.repeat(20)}\\n\\n\`\`\`js\\nconst a = 1;\\n\`\`\``);
    const pre = el.shadowRoot!.querySelector('.md-pre') as HTMLElement;
    const code = pre.querySelector('code')!;
    expect(getComputedStyle(pre.closest('.bubble')!).direction, 'the message is rtl').to.equal('rtl');
    expect(getComputedStyle(code).direction).to.equal('ltr');
    const range = document.createRange();
    range.selectNodeContents(code);
    const text = range.getBoundingClientRect();
    const box = pre.getBoundingClientRect();
    expect(text.left - box.left, 'the code starts at the left edge').to.be.lessThan(20);
    expect(box.right - text.right).to.be.greaterThan(40);
  });
});
