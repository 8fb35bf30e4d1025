import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import type { ChatKitRequest } from '../../src/protocol/types.js';
import {
  deepActiveElement,
  mount,
  part,
  parts,
  recordClipboard,
  sendAndWait,
  transcript,
  waitForText,
} from './helpers.js';
import {
  FEEDBACK_STORAGE_KEY,
  MOST_FEEDBACK,
  recallFeedback,
  rememberFeedback,
} from '../../src/controllers/feedback-memory.js';

/** Mounts with every action on, recording the request bodies the element posts. */
async function mountActions(threadId?: string) {
  const mounted = await mount('/api/chat', threadId);
  const posted: ChatKitRequest[] = [];
  const statuses: number[] = [];
  mounted.el.fetch = async (input, init) => {
    posted.push(JSON.parse(String(init?.body)) as ChatKitRequest);
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  mounted.el.threadItemActions = { copy: true, feedback: true, retry: true };
  await mounted.el.updateComplete;
  return { ...mounted, posted, statuses };
}

function answerIds(el: StreamChatElement): string[] {
  return parts(el, 'assistant-message').map((row) => row.dataset.id ?? '');
}

describe('<stream-chat> item actions', () => {
  // The actions load on first use, early (script-tag.test.ts checks that their row holds its place
  // meanwhile); once in, every element on the page shows them at once. These tests start there.
  before(async () => {
    const { el } = await mount();
    await sendAndWait(el, 'text Load the actions');
    await waitUntil(() => parts(el, 'copy-button').length === 1, 'the actions never showed', { timeout: 4000 });
    el.remove();
  });

  it('shows the actions under finished answers only', async () => {
    const { el } = await mountActions();
    const started = oneEvent(el, 'stream-chat-response-start');
    void el.send('text still going\nhang').catch(() => undefined);
    await started;
    await waitForText(el, 'still going');
    expect(parts(el, 'item-actions')).to.have.length(0);
    el.stop();
    await el.updateComplete;
    await sendAndWait(el, 'text Done now');
    const rows = parts(el, 'assistant-message');
    expect(rows.at(-1)?.querySelector('[part=item-actions]')).to.exist;
    expect(rows.at(-1)?.querySelector('[part=copy-button]')?.getAttribute('aria-label')).to.equal('Copy');
    // Every icon draws: its shapes are SVG elements, not unknown HTML ones.
    const shapes = Array.from(rows.at(-1)?.querySelectorAll('[part=item-actions] svg > *') ?? []);
    expect(shapes.length).to.be.greaterThan(3);
    expect(shapes.filter((shape) => shape.namespaceURI !== 'http://www.w3.org/2000/svg')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('copies the answer text only', async () => {
    const { el } = await mountActions();
    await sendAndWait(el, 'markdown **Bold** answer\\nsecond line');
    const { written, restore } = recordClipboard();
    try {
      const copy = part(el, 'copy-button');
      copy.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => copy.getAttribute('aria-label') === 'Copied', 'never said Copied');
      expect(written).to.deep.equal(['**Bold** answer\nsecond line']);
    } finally {
      restore();
    }
  });

  it('sends thumbs up or down for the answer item and keeps the choice', async () => {
    const { el, posted, statuses } = await mountActions();
    await sendAndWait(el, 'text Rate me');
    const [answer] = answerIds(el);
    part(el, 'copy-button').focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('feedback-positive-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statuses.length === posted.length);
    const feedback = posted.filter((request) => request.type === 'items.feedback');
    expect(feedback.map((request) => request.params)).to.deep.equal([
      { thread_id: el.threadId, item_ids: [answer], kind: 'positive' },
    ]);
    expect(statuses.at(-1)).to.equal(200);
    expect(part(el, 'feedback-positive-button').getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'feedback-negative-button').getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
    part(el, 'feedback-negative-button').click();
    await el.updateComplete;
    expect(part(el, 'feedback-negative-button').getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'feedback-positive-button').getAttribute('aria-pressed')).to.equal('false');
    await sendAndWait(el, 'text Another');
    expect(parts(el, 'feedback-negative-button')[0]?.getAttribute('aria-pressed')).to.equal('true');
  });

  it('remembers the chosen thumbs across a reload of the thread, and does not post the same vote again', async () => {
    const { el, posted, statuses } = await mountActions();
    await sendAndWait(el, 'text Keep my vote');
    await sendAndWait(el, 'text Second answer');
    const [first, second] = answerIds(el);
    parts(el, 'feedback-negative-button')[1]?.click();
    await waitUntil(
      () => posted.some((request) => request.type === 'items.feedback') && statuses.length === posted.length,
    );
    const threadId = el.threadId ?? '';

    const reloaded = await mountActions(threadId);
    await waitUntil(() => answerIds(reloaded.el).length === 2, 'the thread never loaded');
    expect(answerIds(reloaded.el)).to.deep.equal([first, second]);
    const pressed = (kind: string) =>
      parts(reloaded.el, `feedback-${kind}-button`).map((button) => button.getAttribute('aria-pressed'));
    expect(pressed('negative')).to.deep.equal(['false', 'true']);
    expect(pressed('positive')).to.deep.equal(['false', 'false']);
    await expect(reloaded.el).to.be.accessible();
    // The same vote again is not news: nothing is posted.
    parts(reloaded.el, 'feedback-negative-button')[1]?.click();
    await reloaded.el.updateComplete;
    expect(reloaded.posted.filter((request) => request.type === 'items.feedback')).to.deep.equal([]);
    // A changed mind is.
    parts(reloaded.el, 'feedback-positive-button')[1]?.click();
    await waitUntil(() => reloaded.statuses.length === reloaded.posted.length && reloaded.posted.length > 0);
    expect(reloaded.posted.filter((request) => request.type === 'items.feedback').map((r) => r.params)).to.deep.equal([
      { thread_id: threadId, item_ids: [second], kind: 'positive' },
    ]);
    expect(recallFeedback('/api/chat', threadId)).to.deep.equal(new Map([[second, 'positive']]));
    // Another endpoint's thread of the same id shares nothing.
    expect(recallFeedback('/api/chat/other', threadId).size).to.equal(0);
  });

  it('takes back a vote the server refuses, says so, and does not remember it', async () => {
    const { el } = await mountActions();
    await sendAndWait(el, 'text Rate me');
    const threadId = el.threadId ?? '';
    const [answer] = answerIds(el);
    // The server refuses the vote (401 with a JSON error body); every other request goes through.
    el.fetch = (input, init) =>
      fetch(String(init?.body).includes('"items.feedback"') ? '/api/fault/http401' : input, init);
    const failed = oneEvent(el, 'stream-chat-error');
    part(el, 'feedback-positive-button').click();
    await el.updateComplete;
    expect(part(el, 'feedback-positive-button').getAttribute('aria-pressed')).to.equal('true');
    expect((await failed).detail).to.include({ code: 'feedback_failed', allowRetry: false });
    await el.updateComplete;
    expect(part(el, 'feedback-positive-button').getAttribute('aria-pressed')).to.equal('false');
    expect(recallFeedback('/api/chat', threadId).has(answer ?? '')).to.equal(false);
  });

  it('keeps a bounded record, drops the oldest first, and shrugs off storage that refuses or holds junk', async () => {
    localStorage.removeItem(FEEDBACK_STORAGE_KEY);
    for (let i = 0; i < MOST_FEEDBACK + 5; i++) rememberFeedback('/api/x', 'thr', `item_${i}`, 'positive');
    const kept = recallFeedback(new URL('/api/x', location.href).href, 'thr');
    expect(kept.size).to.equal(MOST_FEEDBACK);
    expect(kept.has('item_0')).to.equal(false);
    expect(kept.get(`item_${MOST_FEEDBACK + 4}`)).to.equal('positive');
    localStorage.setItem(FEEDBACK_STORAGE_KEY, '{not json');
    expect(recallFeedback('/api/x', 'thr').size).to.equal(0);
    localStorage.setItem(FEEDBACK_STORAGE_KEY, JSON.stringify([['x', 'meh'], 5, null]));
    expect(recallFeedback('/api/x', 'thr').size).to.equal(0);

    // A full or refused storage: voting still works and shows, it is just not remembered.
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const { el, posted, statuses } = await mountActions();
      await sendAndWait(el, 'text Rate me anyway');
      part(el, 'feedback-positive-button').click();
      await waitUntil(
        () => posted.some((request) => request.type === 'items.feedback') && statuses.length === posted.length,
      );
      await el.updateComplete;
      expect(part(el, 'feedback-positive-button').getAttribute('aria-pressed')).to.equal('true');
      expect(el.shadowRoot?.querySelector('[part=error]')).to.equal(null);
    } finally {
      Storage.prototype.setItem = setItem;
      localStorage.removeItem(FEEDBACK_STORAGE_KEY);
    }
  });

  it('regenerates from the user message before the answer, replacing the answer, with one start and end', async () => {
    const { el, posted, names } = await mountActions();
    await sendAndWait(el, 'text First answer');
    await sendAndWait(el, 'text Second answer');
    const before = answerIds(el);
    const userId = parts(el, 'user-message')[1]?.dataset.id;
    const count = names().length;
    const ended = oneEvent(el, 'stream-chat-response-end');
    parts(el, 'regenerate-button')[1]?.click();
    expect((await ended).detail.reason).to.equal('complete');
    await el.updateComplete;
    expect(names().slice(count)).to.deep.equal(['response-start', 'response-end']);
    // After the answer, the element may ask once for a title that arrives late (threads.get_by_id).
    expect(posted.filter((body) => body.type !== 'threads.get_by_id').at(-1)).to.deep.equal({
      type: 'threads.retry_after_item',
      params: { thread_id: el.threadId, item_id: userId },
    });
    expect(transcript(el)).to.deep.equal([
      'user: text First answer',
      'assistant: First answer',
      'user: text Second answer',
      'assistant: Second answer',
    ]);
    expect(answerIds(el)[0]).to.equal(before[0]);
    expect(answerIds(el)[1]).to.not.equal(before[1]);
  });
});
