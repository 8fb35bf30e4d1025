import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mount, part, parts, sendAndWait, transcript } from './helpers.js';

/** The focused element, looking through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const atEnd = (scroller: HTMLElement) => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;

describe('<stream-chat> jump to newest', () => {
  it('offers a labelled button when the user scrolls up from a streaming answer, says new text arrived, and jumps back by keyboard', async () => {
    const { el } = await mount();
    el.style.height = '300px';
    await sendAndWait(el, 'long 30');
    const scroller = part(el, 'messages');
    await waitUntil(() => atEnd(scroller), 'followed to the end');
    expect(parts(el, 'scroll-button')).to.have.length(0);

    const rows = transcript(el).length;
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('drip 150');
    await waitUntil(
      () => transcript(el).length === rows + 2 && transcript(el).at(-1)?.includes('line 3'),
      'the answer started',
      { timeout: 3000 },
    );
    expect(parts(el, 'scroll-button'), 'no button while following').to.have.length(0);
    scroller.scrollTop = 0;
    await waitUntil(() => parts(el, 'scroll-button').length === 1, 'the button appears once the user scrolled up');
    await waitUntil(
      () => part(el, 'scroll-button').textContent?.includes('New text below'),
      'says new text arrived below',
    );
    const button = part(el, 'scroll-button');
    expect(button.getAttribute('aria-label')).to.equal('Jump to newest: New text below');
    expect(button.getBoundingClientRect().bottom).to.be.at.most(scroller.getBoundingClientRect().bottom + 1);
    expect(scroller.scrollTop, 'the list stays where the user put it').to.be.below(50);
    await expect(el).to.be.accessible();

    scroller.focus();
    // The earlier answers' action buttons come first in tab order; the button follows the list.
    for (let presses = 0; presses < 20 && deepActive() !== button; presses++) await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(button);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(parts(el, 'scroll-button')).to.have.length(0);
    expect(deepActive(), 'focus stays in the element').to.equal(scroller);
    await waitUntil(() => atEnd(scroller), 'jumped to the newest text');

    // Following again: the rest of the answer keeps the list at the end.
    await ended;
    await el.updateComplete;
    expect(transcript(el).at(-1)).to.contain('line 150');
    await waitUntil(() => atEnd(scroller), 'still at the end when the answer ends');
    expect(parts(el, 'scroll-button')).to.have.length(0);
  });

  it('shows no button when the user scrolls up in a finished conversation', async () => {
    const { el } = await mount();
    el.style.height = '300px';
    await sendAndWait(el, 'long 30');
    const scroller = part(el, 'messages');
    await waitUntil(() => atEnd(scroller), 'followed to the end');
    const scrolled = oneEvent(scroller, 'scroll');
    scroller.scrollTop = 0;
    await scrolled;
    await el.updateComplete;
    expect(parts(el, 'scroll-button')).to.have.length(0);
  });
});
