import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { deepActiveElement, part, parts } from './helpers.js';

let namespaceCount = 0;

/** An element with a history of its own, holding threads with these titles (newest last). */
async function mountWithThreads(titles: string[], style = 'width: 900px; height: 600px'): Promise<StreamChatElement> {
  const api = `/api/chat/k${Date.now().toString(36)}${++namespaceCount}`;
  for (const title of titles) {
    const input = {
      content: [{ type: 'input_text', text: `title ${title}\ntext answer for ${title}` }],
      attachments: [],
      inference_options: {},
    };
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'threads.create', params: { input } }),
    });
    await response.text();
  }
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${style}><stream-chat api-url=${api} history></stream-chat></div>`,
  );
  const el = wrapper.querySelector('stream-chat') as StreamChatElement;
  await el.updateComplete;
  return el;
}

/** Opens the panel with the keyboard and waits for its rows. */
async function openWithKeyboard(el: StreamChatElement, rows: number): Promise<void> {
  part(el, 'history-button').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(
    () =>
      el.shadowRoot?.querySelectorAll('.thread').length === rows && !el.shadowRoot.querySelector('.history .spinner'),
    'history rows',
  );
  await el.updateComplete;
}

function titles(el: StreamChatElement): string[] {
  return Array.from(el.shadowRoot?.querySelectorAll('.thread-title') ?? [], (node) => node.textContent ?? '');
}

function row(el: StreamChatElement, title: string): HTMLElement {
  const found = Array.from(el.shadowRoot?.querySelectorAll<HTMLElement>('.thread') ?? []).find(
    (li) => li.querySelector('.thread-title')?.textContent === title,
  );
  if (!found) throw new Error(`no row "${title}"`);
  return found;
}

function center(element: Element): [number, number] {
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

describe('<stream-chat> history panel from the keyboard', () => {
  afterEach(() => resetMouse());

  it('opens from its toggle and Tab reaches the list; Escape closes it with focus back on the toggle', async () => {
    const el = await mountWithThreads(['One', 'Two']);
    await openWithKeyboard(el, 2);
    expect(deepActiveElement()?.closest('[part~="history"]')).to.equal(part(el, 'history'));
    for (let press = 0; press < 3 && !deepActiveElement()?.closest('.threads'); press++)
      await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.closest('.threads'), 'a row is focused').to.not.equal(null);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(parts(el, 'history')).to.have.length(0);
    await waitUntil(() => deepActiveElement() === part(el, 'history-button'), 'focus back on the toggle');
  });

  it('the pencil focuses the rename box: typing works, Enter saves, Escape cancels', async () => {
    const el = await mountWithThreads(['Before']);
    await openWithKeyboard(el, 1);
    (row(el, 'Before').querySelector('.rename-button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => deepActiveElement()?.matches('input.rename') === true, 'rename box focused');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'After' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el)[0] === 'After', 'renamed');
    await waitUntil(
      () => deepActiveElement() === row(el, 'After').querySelector('button.open'),
      'focus on the renamed row',
    );

    (row(el, 'After').querySelector('.rename-button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.matches('input.rename') === true, 'rename box focused again');
    await sendKeys({ type: 'Nope' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['After']);
    expect(parts(el, 'history')).to.have.length(1);
    await waitUntil(
      () => deepActiveElement() === row(el, 'After').querySelector('.rename-button'),
      'focus back on the pencil',
    );
  });

  it('has visible Save and Cancel buttons, and clicking away cancels', async () => {
    const el = await mountWithThreads(['Mouse']);
    await openWithKeyboard(el, 1);
    await sendMouse({ type: 'click', position: center(row(el, 'Mouse').querySelector('.rename-button') as Element) });
    await waitUntil(() => deepActiveElement()?.matches('input.rename') === true, 'rename box focused by a click');
    const buttons = Array.from(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.thread.editing button') ?? []);
    expect(buttons.map((button) => button.textContent?.trim())).to.deep.equal(['Save', 'Cancel']);
    expect(buttons.every((button) => button.getBoundingClientRect().width > 0)).to.equal(true);
    await sendKeys({ type: 'Clicked' });
    await sendMouse({ type: 'click', position: center(buttons[0] as Element) });
    await waitUntil(() => titles(el)[0] === 'Clicked', 'saved with the Save button');

    await sendMouse({ type: 'click', position: center(row(el, 'Clicked').querySelector('.rename-button') as Element) });
    await waitUntil(() => el.shadowRoot?.querySelector('input.rename') !== null, 'editing');
    await sendMouse({ type: 'click', position: center(part(el, 'messages')) });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.thread.editing'), 'no row left in edit mode').to.equal(null);
    expect(titles(el)).to.deep.equal(['Clicked']);

    await sendMouse({ type: 'click', position: center(row(el, 'Clicked').querySelector('.rename-button') as Element) });
    await waitUntil(() => el.shadowRoot?.querySelector('input.rename') !== null, 'editing again');
    await sendMouse({
      type: 'click',
      position: center(Array.from(el.shadowRoot?.querySelectorAll('.thread.editing button') ?? [])[1] as Element),
    });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.thread.editing')).to.equal(null);
    expect(deepActiveElement()).to.not.equal(document.body);
  });

  it('the bin keeps focus in the list: the next row, then the toggle', async () => {
    const el = await mountWithThreads(['Second', 'First']);
    await openWithKeyboard(el, 2);
    expect(titles(el)).to.deep.equal(['First', 'Second']);
    (row(el, 'First').querySelector('button[aria-label="Delete First"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.textContent?.trim() === 'Cancel', 'focus on the confirmation');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).join() === 'Second', 'deleted');
    await waitUntil(
      () => deepActiveElement() === row(el, 'Second').querySelector('button.open'),
      'focus on the next row',
    );

    (row(el, 'Second').querySelector('button[aria-label="Delete Second"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.textContent?.trim() === 'Cancel', 'focus on the confirmation');
    (el.shadowRoot?.querySelector('.thread.editing .danger') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).length === 0, 'deleted');
    await waitUntil(() => deepActiveElement() === part(el, 'history-button'), 'focus on the toggle');
  });

  it('the close button gives focus back to the toggle', async () => {
    const el = await mountWithThreads(['Only']);
    await openWithKeyboard(el, 1);
    (el.shadowRoot?.querySelector('.history .close') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(parts(el, 'history')).to.have.length(0);
    await waitUntil(() => deepActiveElement() === part(el, 'history-button'), 'focus on the toggle');
  });
});

describe('<stream-chat> history overlay on a phone', () => {
  before(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => resetMouse());

  it('has a backdrop; a tap outside closes it and Escape closes it, focus on the toggle', async () => {
    const el = await mountWithThreads(['Phone'], 'width: 100%; height: 800px');
    await openWithKeyboard(el, 1);
    await waitUntil(() => getComputedStyle(part(el, 'history')).position === 'absolute', 'overlay');
    const backdrop = el.shadowRoot?.querySelector('.backdrop') as HTMLElement;
    expect(backdrop, 'backdrop').to.not.equal(null);
    const panel = part(el, 'history').getBoundingClientRect();
    const host = el.getBoundingClientRect();
    expect(backdrop.getBoundingClientRect().width).to.be.closeTo(host.width - 2, 2);
    expect(getComputedStyle(backdrop).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    await expect(el).to.be.accessible();
    await sendMouse({
      type: 'click',
      position: [Math.round((panel.right + host.right) / 2), Math.round(host.top + host.height / 2)],
    });
    await el.updateComplete;
    expect(parts(el, 'history')).to.have.length(0);
    expect(el.shadowRoot?.querySelector('.backdrop')).to.equal(null);
    await waitUntil(() => deepActiveElement() === part(el, 'history-button'), 'focus on the toggle after the tap');

    await openWithKeyboard(el, 1);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(parts(el, 'history')).to.have.length(0);
    await waitUntil(() => deepActiveElement() === part(el, 'history-button'), 'focus on the toggle after Escape');
  });
});
