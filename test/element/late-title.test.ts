import { expect, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts } from './helpers.js';

/** Real fetch to the real kit, recording each request's type and the `threads.get_by_id` replies. */
function recordRequests(el: StreamChatElement) {
  const types: string[] = [];
  const replies: Promise<string>[] = [];
  el.fetch = async (input, init) => {
    const type = (JSON.parse(String(init?.body)) as { type: string }).type;
    types.push(type);
    const response = await fetch(input, init);
    if (type === 'threads.get_by_id') replies.push(response.clone().text());
    return response;
  };
  return { types, replies };
}

/** Lets the element handle a reply it has read. */
async function settle(el: StreamChatElement): Promise<void> {
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
}

describe('<stream-chat> a title that arrives after the answer', () => {
  it('ends the response first, then shows the title in the header and the history list', async () => {
    const { el, names, events } = await mount('/api/chat/late' + Date.now().toString(36));
    const { types } = recordRequests(el);
    el.history = true;
    await el.updateComplete;
    part(el, 'history-button').click();
    await waitUntil(() => el.shadowRoot?.querySelector('.history-note') !== null, 'empty history loaded');
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('latetitle 800 Slow title\ntext quick answer');
    expect((await ended).detail.reason).to.equal('complete');
    await el.updateComplete;
    expect(parts(el, 'title')).to.have.length(0);
    const updated = oneEvent(el, 'stream-chat-thread-update');
    expect((await updated).detail).to.deep.equal({
      thread: { id: el.threadId, title: 'Slow title', status: { type: 'active' } },
    });
    await el.updateComplete;
    expect(part(el, 'title').textContent).to.equal('Slow title');
    await waitUntil(
      () => el.shadowRoot?.querySelector('.thread-title')?.textContent === 'Slow title',
      'history row titled',
    );
    expect(names().indexOf('response-end')).to.be.below(names().indexOf('thread-update'));
    expect(types.filter((type) => type === 'threads.get_by_id')).to.have.length(1);
    expect(events.filter((event) => event.type === 'stream-chat-thread-update')).to.have.length(1);
  });

  it('asks nothing when the title came with the answer', async () => {
    const { el } = await mount();
    const { types } = recordRequests(el);
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('title Quick title\ntext ok');
    await ended;
    await settle(el);
    expect(part(el, 'title').textContent).to.equal('Quick title');
    expect(types).to.deep.equal(['threads.create']);
  });

  it('drops the title when another thread was opened meanwhile', async () => {
    const { el, names } = await mount();
    const { replies } = recordRequests(el);
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('latetitle 600 Too late\ntext answer');
    await ended;
    el.newThread();
    await waitUntil(() => replies.length === 1, 'title request sent');
    expect(await replies[0]).to.contain('Too late');
    await settle(el);
    expect(parts(el, 'title')).to.have.length(0);
    expect(names()).to.not.include('thread-update');
  });

  it('drops the title when a new response started meanwhile', async () => {
    const { el, names } = await mount();
    const { replies } = recordRequests(el);
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('latetitle 600 Too late\ntext answer');
    await ended;
    const running = el.send('hang').catch(() => undefined);
    await waitUntil(() => replies.length === 1, 'title request sent');
    expect(await replies[0]).to.contain('Too late');
    await settle(el);
    expect(parts(el, 'title')).to.have.length(0);
    expect(names()).to.not.include('thread-update');
    el.stop();
    await running;
  });
});
