import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { tolerateResizeObserverLoop } from './engine.js';
import { part, parts, sendAndWait, transcript, waitForText } from './helpers.js';

/** The message rows and notices of the conversation, in the order a user scrolls past them. */
function flow(el: StreamChatElement): string[] {
  return Array.from(
    el.shadowRoot?.querySelectorAll<HTMLElement>('[part~="message"], [part~="notice"]') ?? [],
    (node) =>
      node.matches('[part~="notice"]')
        ? `notice: ${node.textContent?.replace('×', '').trim()}`
        : `${node.matches('[part~="user-message"]') ? 'user' : 'assistant'}: ${(node.querySelector('.bubble') ?? node).textContent?.trim().replace(/\s+/g, ' ')}`,
  );
}

async function mountTall(): Promise<StreamChatElement> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="height: 400px; display: flex"><stream-chat api-url="/api/chat"></stream-chat></div>`,
  );
  const el = wrapper.querySelector('stream-chat') as StreamChatElement;
  await el.updateComplete;
  return el;
}

describe('<stream-chat> notices in the conversation', () => {
  it('stay where they arrived and scroll away with older messages', async () => {
    const el = await mountTall();
    await sendAndWait(el, 'text first answer\nnotice warning Quota almost reached');
    // Firefox reports a ResizeObserver loop while the long answer's rows take their height.
    const stopTolerating = tolerateResizeObserverLoop();
    try {
      await sendAndWait(el, 'long 40');
      expect(flow(el).slice(0, 4)).to.deep.equal([
        'user: text first answer notice warning Quota almost reached',
        'assistant: first answer',
        'notice: Quota almost reached',
        'user: long 40',
      ]);
      const log = part(el, 'messages');
      log.scrollTop = log.scrollHeight;
      const notice = part(el, 'notice').getBoundingClientRect();
      expect(notice.bottom, 'the old notice scrolled out of view').to.be.below(log.getBoundingClientRect().top);
    } finally {
      stopTolerating();
    }
    await expect(el).to.be.accessible();
  });

  it('a notice before any answer text sits before that answer', async () => {
    const el = await mountTall();
    await sendAndWait(el, 'notice info Heads up\ntext after the notice');
    expect(flow(el)).to.deep.equal([
      'user: notice info Heads up text after the notice',
      'notice: Heads up',
      'assistant: after the notice',
    ]);
  });
});

describe('<stream-chat> a failed answer', () => {
  it('marks its partial text incomplete, visibly and for screen readers, until a retry replaces it', async () => {
    const el = await mountTall();
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('flaky the full answer').catch(() => undefined);
    expect((await ended).detail.reason).to.equal('error');
    await el.updateComplete;
    const answer = parts(el, 'assistant-message')[0] as HTMLElement;
    const note = answer.querySelector('.incomplete-note') as HTMLElement;
    expect(note.textContent).to.equal('Incomplete answer');
    expect(note.getBoundingClientRect().height).to.be.above(0);
    expect(answer.classList.contains('incomplete')).to.equal(true);
    await expect(el).to.be.accessible();

    const retried = oneEvent(el, 'stream-chat-response-end');
    part(el, 'retry-button').click();
    expect((await retried).detail.reason).to.equal('complete');
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal(['user: flaky the full answer', 'assistant: the full answer']);
    expect(el.shadowRoot?.querySelector('.incomplete-note')).to.equal(null);
  });

  it('does not mark an answer the user stopped, nor a complete one', async () => {
    const el = await mountTall();
    await sendAndWait(el, 'text fine');
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('partial Half an ans').catch(() => undefined);
    await waitForText(el, 'Half an ans');
    el.stop();
    await ended;
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.incomplete-note')).to.equal(null);
  });
});
