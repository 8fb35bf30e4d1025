import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { mount, part, parts, sendAndWait } from './helpers.js';

function opacity(node: Element): string {
  return getComputedStyle(node).opacity;
}

describe('timestamps', () => {
  it('shows a localized time on hover, and keeps it in the accessibility tree', async () => {
    const { el } = await mount();
    el.locale = 'de';
    await sendAndWait(el, 'text Hallo');
    const rows = parts(el, 'message');
    expect(rows).to.have.length(2);
    for (const row of rows) {
      const time = row.querySelector('time')!;
      const when = new Date(time.dateTime);
      expect(Number.isNaN(when.getTime())).to.equal(false);
      expect(Math.abs(Date.now() - when.getTime())).to.be.lessThan(60_000);
      expect(time.textContent).to.equal(new Intl.DateTimeFormat('de', { timeStyle: 'short' }).format(when));
      expect(opacity(time), 'hidden until hover or focus').to.equal('0');
      expect(getComputedStyle(time).visibility).to.equal('visible');
      expect(time.closest('[aria-hidden="true"]')).to.equal(null);
    }
    const row = rows[1]!;
    const box = row.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 10), Math.round(box.top + 5)] });
    await waitUntil(() => opacity(row.querySelector('time')!) === '1', 'shown on hover');
    expect(opacity(rows[0]!.querySelector('time')!)).to.equal('0');
    await sendMouse({ type: 'move', position: [0, 0] });
    await expect(el).to.be.accessible();
  });

  it("shows a message's time while a control in it has keyboard focus, and every time on the focused list", async () => {
    const { el } = await mount();
    await sendAndWait(el, 'text Hello');
    const rows = parts(el, 'message');
    const focusedPart = (): string | null | undefined => el.shadowRoot!.activeElement?.getAttribute('part');
    part(el, 'input').focus();
    // The answer's own actions come first on the way back from the composer, then the list itself.
    // (Parts are compared, not elements: a failed equality of two elements hangs the test page.)
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    expect(focusedPart()).to.equal('copy-button');
    expect(opacity(rows[1]!.querySelector('time')!), "the answer's time").to.equal('1');
    expect(opacity(rows[0]!.querySelector('time')!), "the question's time").to.equal('0');
    for (let presses = 0; presses < 8 && focusedPart() !== 'messages'; presses++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedPart()).to.equal('messages');
    await waitUntil(() => rows.every((row) => opacity(row.querySelector('time')!) === '1'), 'shown on focus');
    await expect(el).to.be.accessible();
  });
});
