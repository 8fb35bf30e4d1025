import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { tolerateResizeObserverLoop } from './engine.js';
import { mount, part, parts, sendAndWait, transcript } from './helpers.js';

let namespaceCount = 0;
/** A store of its own for each test, so thread lists don't mix. */
function freshApi(): string {
  return `/api/chat/t${Date.now().toString(36)}${++namespaceCount}`;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Creates a thread through the real server with a title and an answer. */
async function createThread(api: string, title: string): Promise<void> {
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: `title ${title}\ntext answer for ${title}` }],
          attachments: [],
          inference_options: {},
        },
      },
    }),
  });
  await response.text();
}

function rowTitles(el: StreamChatElement): string[] {
  return Array.from(el.shadowRoot?.querySelectorAll('.thread-title') ?? [], (node) => node.textContent ?? '');
}

async function openHistory(el: StreamChatElement): Promise<void> {
  el.history = true;
  await el.updateComplete;
  part(el, 'history-button').click();
  // The panel's view loads on first use; then its first page.
  await waitUntil(
    () => parts(el, 'history').length === 1 && !el.shadowRoot?.querySelector('[part~="history"] .spinner'),
    'history loaded',
    { timeout: 4000 },
  );
  await el.updateComplete;
}

describe('<stream-chat> history panel', () => {
  it('lists threads newest first, opens one, and marks it current', async () => {
    const api = freshApi();
    for (const title of ['Oldest', 'Middle', 'Newest']) await createThread(api, title);
    const { el, events } = await mount(api);
    await openHistory(el);
    expect(rowTitles(el)).to.deep.equal(['Newest', 'Middle', 'Oldest']);
    await expect(el).to.be.accessible();
    const rows = el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.open') ?? [];
    const loaded = oneEvent(el, 'stream-chat-thread-load-end');
    rows[1]?.click();
    await loaded;
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal(['user: title Middle text answer for Middle', 'assistant: answer for Middle']);
    expect(events.map((event) => event.type)).to.include.members([
      'stream-chat-thread-change',
      'stream-chat-thread-load-start',
      'stream-chat-thread-load-end',
    ]);
    expect(el.shadowRoot?.querySelector('button.open[aria-current="true"] .thread-title')?.textContent).to.equal(
      'Middle',
    );
    expect(part(el, 'title').textContent).to.equal('Middle');
  });

  it('pages with after as the user scrolls the list', async () => {
    const api = freshApi();
    await post(api.replace('/api/chat/', '/api/seed/'), { threads: 45 });
    const { el } = await mount(api);
    el.style.height = '400px';
    await openHistory(el);
    // 45 seeded threads + the seed's own long thread; the first page holds 20.
    expect(rowTitles(el)).to.have.length(20);
    const list = el.shadowRoot?.querySelector('.threads') as HTMLElement;
    for (let page = 2; page <= 3; page++) {
      list.scrollTop = list.scrollHeight;
      await waitUntil(() => rowTitles(el).length === Math.min(page * 20, 46), `page ${page}`);
    }
    const titles = rowTitles(el);
    expect(new Set(titles).size).to.equal(46);
    expect(titles[0]).to.equal('Long thread');
    expect(titles.at(-1)).to.equal('Seeded 0');
  });

  it('shows new and retitled threads live', async () => {
    const api = freshApi();
    await createThread(api, 'Existing');
    const { el } = await mount(api);
    await openHistory(el);
    await sendAndWait(el, 'title Fresh title\ntext hi');
    await el.updateComplete;
    expect(rowTitles(el)).to.deep.equal(['Fresh title', 'Existing']);
  });

  it('renames a thread inline, and Escape cancels', async () => {
    const api = freshApi();
    await createThread(api, 'Before');
    const { el } = await mount(api);
    await openHistory(el);
    (el.shadowRoot?.querySelector('button[aria-label="Rename Before"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const input = el.shadowRoot?.querySelector('input.rename') as HTMLInputElement;
    expect(input.value).to.equal('Before');
    input.focus();
    input.select();
    await sendKeys({ type: 'After' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowTitles(el)[0] === 'After', 'renamed in the list');
    const listed = (await post(api, { type: 'threads.list', params: {} })) as { data: { title?: string }[] };
    expect(listed.data.map((thread) => thread.title)).to.deep.equal(['After']);

    (el.shadowRoot?.querySelector('button[aria-label="Rename After"]') as HTMLButtonElement).click();
    await el.updateComplete;
    (el.shadowRoot?.querySelector('input.rename') as HTMLInputElement).focus();
    await sendKeys({ type: 'Nope' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(rowTitles(el)).to.deep.equal(['After']);
    expect(parts(el, 'history')).to.have.length(1);
  });

  it('deletes after confirmation; deleting the open thread starts a new conversation', async () => {
    const api = freshApi();
    await createThread(api, 'Keep');
    const { el } = await mount(api);
    await sendAndWait(el, 'title Doomed\ntext bye');
    await openHistory(el);
    expect(rowTitles(el)).to.deep.equal(['Doomed', 'Keep']);
    (el.shadowRoot?.querySelector('button[aria-label="Delete Doomed"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.confirm')?.textContent).to.equal('Delete “Doomed”?');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'stream-chat-thread-change');
    (el.shadowRoot?.querySelector('.thread.editing .danger') as HTMLButtonElement).click();
    expect((await changed).detail.threadId).to.equal(null);
    await el.updateComplete;
    expect(rowTitles(el)).to.deep.equal(['Keep']);
    expect(transcript(el)).to.deep.equal([]);
    const listed = (await post(api, { type: 'threads.list', params: {} })) as { data: { title?: string }[] };
    expect(listed.data.map((thread) => thread.title)).to.deep.equal(['Keep']);
  });

  it('moves between threads with the arrow keys and closes with Escape', async () => {
    const api = freshApi();
    for (const title of ['A', 'B', 'C']) await createThread(api, title);
    const { el } = await mount(api);
    await openHistory(el);
    const rows = Array.from(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.open') ?? []);
    rows[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot?.activeElement).to.equal(rows[1]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    expect(el.shadowRoot?.activeElement).to.equal(rows[1]);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(parts(el, 'history')).to.have.length(0);
  });

  it('overlays in a narrow widget and sits beside the messages in a wide one', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 420px; height: 500px"><stream-chat api-url=${freshApi()} history></stream-chat></div>`,
    );
    const el = wrapper.querySelector('stream-chat') as StreamChatElement;
    await openHistory(el);
    await waitUntil(() => getComputedStyle(part(el, 'history')).position === 'absolute', 'overlay when narrow');
    wrapper.style.width = '900px';
    await waitUntil(() => getComputedStyle(part(el, 'history')).position === 'static', 'side panel when wide');
    expect(part(el, 'history').getBoundingClientRect().right).to.be.at.most(
      part(el, 'messages').getBoundingClientRect().left + 1,
    );
  });
});

describe('<stream-chat> thread status', () => {
  it('locks the composer with the reason as placeholder', async () => {
    const { el } = await mount(freshApi());
    await sendAndWait(el, 'status locked Read-only for maintenance\ntext locked now');
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(input.disabled).to.equal(true);
    expect(input.placeholder).to.equal('Read-only for maintenance');
  });

  it('replaces the composer with a banner when closed', async () => {
    const { el } = await mount(freshApi());
    await sendAndWait(el, 'status closed\ntext closed now');
    expect(parts(el, 'composer')).to.have.length(0);
    expect(el.shadowRoot?.querySelector('.closed-banner')?.textContent).to.equal('This conversation is closed.');
  });
});

describe('<stream-chat> remember-thread', () => {
  beforeEach(() => localStorage.removeItem('test-remember'));

  it('stores the open thread and restores it on the next load', async () => {
    const api = freshApi();
    const first = await fixture<StreamChatElement>(
      html`<stream-chat api-url=${api} remember-thread="test-remember"></stream-chat>`,
    );
    await sendAndWait(first, 'text remember me');
    await first.updateComplete;
    expect(localStorage.getItem('test-remember')).to.equal(first.threadId);

    const host = document.createElement('div');
    const again = document.createElement('stream-chat');
    again.apiUrl = api;
    again.rememberThread = 'test-remember';
    const loadStart = oneEvent(again, 'stream-chat-thread-load-start');
    const loadEnd = oneEvent(again, 'stream-chat-thread-load-end');
    host.append(again);
    document.body.append(host);
    try {
      expect((await loadStart).detail.threadId).to.equal(first.threadId);
      await loadEnd;
      await again.updateComplete;
      expect(transcript(again)).to.deep.equal(['user: text remember me', 'assistant: remember me']);
    } finally {
      host.remove();
    }
  });

  it('falls back to a new conversation when the remembered thread is gone', async () => {
    localStorage.setItem('test-remember', 'thr_gone1234');
    const el = document.createElement('stream-chat');
    el.apiUrl = freshApi();
    el.rememberThread = 'test-remember';
    const error = oneEvent(el, 'stream-chat-error');
    document.body.append(el);
    try {
      expect((await error).detail.code).to.equal('thread_not_found');
      await el.updateComplete;
      expect(el.threadId).to.equal(null);
      expect(localStorage.getItem('test-remember')).to.equal(null);
    } finally {
      el.remove();
    }
  });
});

describe('<stream-chat> long threads', () => {
  it('opens a 2,000-item thread at its newest messages and pages older ones in without jumping', async () => {
    const api = freshApi();
    const { threadId } = (await post(api.replace('/api/chat/', '/api/seed/'), { items: 2000 })) as { threadId: string };
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="height: 400px; display: flex; flex-direction: column"></div>`,
    );
    const el = document.createElement('stream-chat');
    el.apiUrl = api;
    const loaded = oneEvent(el, 'stream-chat-thread-load-end');
    el.threadId = threadId;
    wrapper.append(el);
    await loaded;
    await el.updateComplete;
    const rows = () => parts(el, 'message');
    expect(rows().length).to.equal(30);
    expect(transcript(el).at(-1)).to.equal('assistant: Answer 1999');
    const scroller = part(el, 'messages');
    await waitUntil(() => scroller.scrollTop > 0, 'scrolled to the newest message');
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.below(2);

    const anchor = rows()[0] as HTMLElement;
    expect(anchor.querySelector('.bubble')?.textContent?.trim()).to.equal('Question 1970');
    const offset = () => anchor.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop = 0;
    await nextFrame();
    const before = offset();
    const stopTolerating = tolerateResizeObserverLoop();
    try {
      await waitUntil(() => rows().length === 80, 'older page loaded');
      await el.updateComplete;
      // The row the user was looking at stays put, also while off-screen rows get their real size.
      for (let frame = 0; frame < 10; frame++) {
        await nextFrame();
        expect(Math.abs(offset() - before), `frame ${frame}`).to.be.below(2);
      }
    } finally {
      stopTolerating();
    }
    expect(transcript(el)[0]).to.equal('user: Question 1920');
    expect(el.shadowRoot?.querySelectorAll('*').length).to.be.below(1500);
  });
});

describe('<stream-chat> moved in the page', () => {
  it('finishes loading a thread when it is moved while the thread loads', async () => {
    const first = await mount();
    await sendAndWait(first.el, 'text still here');
    const el = document.createElement('stream-chat');
    el.apiUrl = '/api/chat';
    el.threadId = first.el.threadId;
    const loaded = oneEvent(el, 'stream-chat-thread-load-end');
    const a = await fixture<HTMLDivElement>(html`<div></div>`);
    const b = await fixture<HTMLDivElement>(html`<div></div>`);
    a.append(el);
    await el.updateComplete;
    // The load request is in flight now; moving the element disconnects and reconnects it.
    b.append(el);
    await loaded;
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal(['user: text still here', 'assistant: still here']);
    expect((part(el, 'input') as HTMLTextAreaElement).disabled).to.equal(false);
  });
});
