import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { chromiumOnly } from './engine.js';
import { mount, part } from './helpers.js';

/** README promises that need a browser to check. */
describe('<stream-chat> README promises', () => {
  it('two copies on one page never throw (both script-tag builds loaded together)', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/pages/both.html';
    const errors: string[] = [];
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      (frame.contentWindow as Window).addEventListener('error', (event) => errors.push(event.message));
      await loaded;
      const win = frame.contentWindow as Window;
      await win.customElements.whenDefined('stream-chat');
      // Let the second (module) copy run too.
      await waitUntil(() => win.document.readyState === 'complete', 'page complete');
      await new Promise((resolve) => win.requestAnimationFrame(resolve));
      expect(errors).to.deep.equal([]);
      expect((win as unknown as { pageErrors: string[] }).pageErrors).to.deep.equal([]);
      expect((win as unknown as { violations: string[] }).violations).to.deep.equal([]);
      expect(win.document.querySelector('stream-chat')?.shadowRoot).to.not.equal(null);
    } finally {
      frame.remove();
    }
  });

  it('rejects a blank message without sending anything', async () => {
    const { el, events } = await mount();
    let error: unknown;
    await el.send('   ').catch((caught: unknown) => (error = caught));
    expect(error).to.have.property('code', 'empty_message');
    expect(events).to.deep.equal([]);
  });

  it('follows theme: dark colours with theme="dark", light ones with theme="light"', async () => {
    const light = await fixture<StreamChatElement>(html`<stream-chat theme="light"></stream-chat>`);
    const dark = await fixture<StreamChatElement>(html`<stream-chat theme="dark"></stream-chat>`);
    const background = (el: StreamChatElement) => getComputedStyle(el).backgroundColor;
    expect(background(light)).to.equal('rgb(255, 255, 255)');
    expect(background(dark)).to.equal('rgb(13, 17, 23)');
  });

  chromiumOnly('prefers-color-scheme emulation is a CDP command')(
    'follows the system scheme without theme, and a set theme wins over it',
    async () => {
      const light = await fixture<StreamChatElement>(html`<stream-chat theme="light"></stream-chat>`);
      const auto = await fixture<StreamChatElement>(html`<stream-chat></stream-chat>`);
      const background = (el: StreamChatElement) => getComputedStyle(el).backgroundColor;
      expect(background(auto)).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      try {
        expect(background(auto)).to.equal('rgb(13, 17, 23)');
        expect(background(light)).to.equal('rgb(255, 255, 255)');
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
      expect(background(auto)).to.equal('rgb(255, 255, 255)');
    },
  );

  it('a page can theme it from :root with --stream-chat-* properties', async () => {
    document.documentElement.style.setProperty('--stream-chat-accent', 'rgb(124, 58, 237)');
    try {
      const el = await fixture<StreamChatElement>(html`<stream-chat theme="light"></stream-chat>`);
      el.setComposerValue('hi');
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'send-button')).backgroundColor).to.equal('rgb(124, 58, 237)');
    } finally {
      document.documentElement.style.removeProperty('--stream-chat-accent');
    }
  });

  chromiumOnly('prefers-reduced-motion emulation is a CDP command')(
    'stops animations for prefers-reduced-motion',
    async () => {
      const { el } = await mount();
      void el.send('progress Working...\nhang').catch(() => undefined);
      await waitUntil(() => el.shadowRoot?.querySelector('.spinner'), 'spinner shown');
      const spinner = el.shadowRoot?.querySelector('.spinner') as HTMLElement;
      expect(getComputedStyle(spinner).animationName).to.equal('spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(spinner).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
        el.stop();
      }
    },
  );

  it('shows a visible focus ring when the keyboard moves focus', async () => {
    const { el } = await mount();
    el.setComposerValue('hello');
    await el.updateComplete;
    (part(el, 'input') as HTMLTextAreaElement).focus();
    await sendKeys({ press: 'Tab' });
    const button = part(el, 'send-button');
    expect(el.shadowRoot?.activeElement).to.equal(button);
    const style = getComputedStyle(button);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});
