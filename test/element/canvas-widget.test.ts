/**
 * The demo's `canvas` word on demo/canvas.html: a widget whose buttons (client actions) drive the
 * page's board, against the demo agent at /chatkit; nothing is posted for them.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { mount, parts, sendAndWait } from './helpers.js';

type Chat = HTMLElement & { send(text: string): Promise<void>; updateComplete: Promise<boolean>; responding: boolean };

const button = (root: ParentNode, text: string): HTMLButtonElement => {
  const found = Array.from(root.querySelectorAll('button')).find((node) => node.textContent?.trim() === text);
  if (!found) throw new Error(`no button says "${text}"`);
  return found;
};

describe('demo canvas widget', () => {
  it('selects every shape, clears them and marks the map from the widget, posting nothing', async () => {
    localStorage.clear();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 700px; border: 0';
    frame.src = '/demo/canvas.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const win = frame.contentWindow as Window & typeof globalThis;
      const doc = win.document;
      await win.customElements.whenDefined('stream-chat');
      const chat = doc.querySelector('stream-chat') as Chat;
      await chat.send('canvas');
      await waitUntil(() => chat.shadowRoot?.querySelector('[part~="widget"]'), 'the widget renders', {
        timeout: 5000,
      });
      const widget = chat.shadowRoot?.querySelector('[part~="widget"]') as HTMLElement;
      const pressed = () =>
        Array.from(doc.querySelectorAll('#board .shape'), (shape) => shape.getAttribute('aria-pressed'));
      expect(pressed()).to.deep.equal(['false', 'false', 'false', 'false', 'false']);

      // Watch for requests from here on: client actions post nothing.
      const posted: string[] = [];
      const observer = new win.PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => posted.push(entry.name)),
      );
      observer.observe({ type: 'resource' });
      button(widget, 'Select all').click();
      expect(pressed()).to.deep.equal(['true', 'true', 'true', 'true', 'true']);
      button(widget, 'Clear selection').click();
      expect(pressed()).to.deep.equal(['false', 'false', 'false', 'false', 'false']);
      button(widget, 'Mark the centre').click();
      expect(Array.from(doc.querySelectorAll('#board .marker'), (marker) => marker.textContent)).to.deep.equal([
        'Centre',
      ]);
      await new Promise((resolve) => win.requestAnimationFrame(resolve));
      observer.disconnect();
      expect(posted.filter((name) => name.includes('/chatkit'))).to.deep.equal([]);
      expect(chat.responding).to.equal(false);

      // The selection a widget made is what the client tool reports.
      button(widget, 'Select all').click();
      await chat.send('what is selected?');
      const answers = Array.from(
        chat.shadowRoot?.querySelectorAll('[part~="assistant-message"]') ?? [],
        (node) => node.textContent ?? '',
      );
      expect(answers.at(-1)).to.contain('circle-e');
    } finally {
      frame.remove();
    }
  });

  it('is accessible', async () => {
    const { el } = await mount('/chatkit');
    await sendAndWait(el, 'canvas');
    // The first widget on a page loads the renderers: allow for a slow machine.
    await waitUntil(() => parts(el, 'widget').length === 1, 'the widget renders', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });
});
