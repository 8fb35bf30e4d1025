import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, mount, part, parts, sendAndWait, transcript, waitForText } from './helpers.js';

describe('<stream-chat> keyboard while an answer streams', () => {
  it('keeps the input focused and typable, and Escape from the message list stops the answer', async () => {
    const { el } = await mount();
    await el.focusComposer();
    await sendKeys({ type: 'text first words\nhang' });
    const started = oneEvent(el, 'stream-chat-response-start');
    await sendKeys({ press: 'Enter' });
    await started;
    await waitForText(el, 'first words');
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(deepActiveElement()).to.equal(input);
    await sendKeys({ type: 'typing on' });
    expect(input.value).to.equal('typing on');
    part(el, 'messages').focus();
    const ended = oneEvent(el, 'stream-chat-response-end');
    await sendKeys({ press: 'Escape' });
    expect((await ended).detail.reason).to.equal('aborted');
    expect(input.value).to.equal('typing on');
  });

  it('holds a message sent meanwhile, says so, and sends it when the answer ends', async () => {
    const { el, names } = await mount();
    let answer: (value: unknown) => void = () => undefined;
    el.addEventListener('stream-chat-client-tool', (event) =>
      event.detail.respondWith(new Promise((resolve) => (answer = resolve))),
    );
    await el.focusComposer();
    const asked = oneEvent(el, 'stream-chat-client-tool');
    await sendKeys({ type: 'tool pick' });
    await sendKeys({ press: 'Enter' });
    await asked;
    await sendKeys({ type: 'next question' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const note = el.shadowRoot?.querySelector('.queued');
    expect(note?.getAttribute('role')).to.equal('status');
    expect(note?.textContent).to.contain('Sends when this answer ends').and.contain('next question');
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
    expect(deepActiveElement()).to.equal(part(el, 'input'));
    await expect(el).to.be.accessible();
    const secondStart = new Promise<void>((resolve) => {
      let starts = 0;
      el.addEventListener('stream-chat-response-start', () => ++starts === 1 && resolve());
    });
    answer({ picked: 1 });
    await secondStart;
    await oneEvent(el, 'stream-chat-response-end');
    await el.updateComplete;
    expect(names().filter((name) => name.startsWith('response-'))).to.deep.equal([
      'response-start',
      'response-end',
      'response-start',
      'response-end',
    ]);
    expect(transcript(el).slice(-2)).to.deep.equal(['user: next question', 'assistant: Echo: next question']);
    expect(el.shadowRoot?.querySelector('.queued')).to.equal(null);
    await waitUntil(() => deepActiveElement() === part(el, 'input'), 'focus stays on the input');
  });

  it('gives a waiting message back to the composer when it is cancelled or the answer fails', async () => {
    const { el } = await mount();
    await el.focusComposer();
    const started = oneEvent(el, 'stream-chat-response-start');
    await sendKeys({ type: 'hang' });
    await sendKeys({ press: 'Enter' });
    await started;
    await sendKeys({ type: 'later' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    (el.shadowRoot?.querySelector('.queued button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.queued')).to.equal(null);
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('later');
    await waitUntil(() => deepActiveElement() === part(el, 'input'), 'focus back on the input');
    el.stop();
  });

  it('keeps focus inside the element when Stop and Retry go away', async () => {
    const { el } = await mount();
    await el.focusComposer();
    const started = oneEvent(el, 'stream-chat-response-start');
    await sendKeys({ type: 'hang' });
    await sendKeys({ press: 'Enter' });
    await started;
    await waitUntil(() => parts(el, 'stop-button').length === 1, 'Stop shown');
    part(el, 'stop-button').focus();
    const ended = oneEvent(el, 'stream-chat-response-end');
    await sendKeys({ press: 'Enter' });
    await ended;
    await waitUntil(() => deepActiveElement() === part(el, 'input'), 'focus moves to the input after Stop');

    await sendAndWait(el, 'error retry Try again later');
    part(el, 'retry-button').focus();
    const retried = oneEvent(el, 'stream-chat-response-end');
    await sendKeys({ press: 'Enter' });
    await retried;
    await el.updateComplete;
    expect(parts(el, 'retry-button')).to.have.length(1);
    expect(el.shadowRoot?.activeElement).to.not.equal(null);
    expect(deepActiveElement()).to.not.equal(document.body);
  });
});
