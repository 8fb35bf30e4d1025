/**
 * axe in every state a widget, workflow, structured input or generated image goes through, driven
 * by the real server kit's scenarios (test/support/widget-agent.ts at /api/widgets): busy states of
 * each loadingBehavior, a card form refused by validation and then sent, confirm and cancel,
 * streamed updates, a workflow done and collapsed, skipped questions, a generated image part-way.
 * widgets.test.ts checks the other states (every component, hostile input, a running workflow,
 * pending and answered questions, images placed and refused) alongside their behaviour.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, sendAndWait, transcript } from './helpers.js';

const API = '/api/widgets';
const openGate = (name: string) => fetch(`/api/widgets-gate/${name}`, { method: 'POST' });

async function scenario(name: string, partName = 'widget', theme: 'light' | 'dark' = 'light') {
  const mounted = await mount(API);
  mounted.el.theme = theme;
  await sendAndWait(mounted.el, name);
  await waitUntil(() => parts(mounted.el, partName).some((node) => !node.matches('.fallback')), `${partName} renders`);
  return mounted;
}

const button = (root: Element, label: string): HTMLButtonElement => {
  const found = Array.from(root.querySelectorAll('button')).find((node) => node.textContent?.trim() === label);
  if (!found) throw new Error(`no button says "${label}"`);
  return found;
};

function deepActive(el: StreamChatElement): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

const lastAssistant = (el: StreamChatElement) =>
  transcript(el)
    .filter((line) => line.startsWith('assistant:'))
    .at(-1);

describe('accessibility of widget states', () => {
  it('every component in the dark theme', async () => {
    const { el } = await scenario('all', 'widget', 'dark');
    await expect(el).to.be.accessible();
  });

  it('each loadingBehavior while its action runs', async () => {
    const { el } = await scenario('actions');
    const widget = part(el, 'widget');
    for (const [label, gate] of [
      ['Server', 'srv'],
      ['Container', 'box'],
    ] as const) {
      const ended = oneEvent(el, 'stream-chat-response-end');
      button(widget, label).click();
      await el.updateComplete;
      expect(widget.querySelectorAll('[aria-busy=true]').length + Number(widget.ariaBusy === 'true')).to.equal(1);
      await expect(el).to.be.accessible();
      await openGate(gate);
      await ended;
    }
    const ended = oneEvent(el, 'stream-chat-response-end');
    button(widget, 'Quiet').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await ended;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('a card form: refused by validation, busy on confirm, then cancel', async () => {
    const { el, names } = await scenario('form');
    const card = part(el, 'widget');
    const field = (name: string) => card.querySelector(`[name="${name}"]`) as HTMLInputElement;
    await expect(el).to.be.accessible();
    const before = names().length;

    // Required name empty, phone not matching its pattern: nothing is posted, the name gets focus.
    button(card, 'Book').click();
    await el.updateComplete;
    expect(names().slice(before)).to.deep.equal([]);
    expect(deepActive(el)).to.equal(field('name'));
    expect([field('name').validity.valueMissing, field('phone').validity.patternMismatch]).to.deep.equal([true, true]);
    expect(field('table').disabled && field('notes').disabled).to.equal(true);
    await expect(el).to.be.accessible();

    field('name').value = 'Ada';
    field('phone').value = '555 1234';
    field('terms').click();
    let ended = oneEvent(el, 'stream-chat-response-end');
    button(card, 'Book').click();
    await el.updateComplete;
    expect(button(card, 'Book').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await openGate('book');
    await ended;
    // Disabled fields are not sent, as a browser form would not send them.
    expect(lastAssistant(el)).to.equal(
      'assistant: action book {"name":"Ada","phone":"555 1234","terms":true,"gate":"book"} from widget',
    );

    ended = oneEvent(el, 'stream-chat-response-end');
    button(card, 'Cancel').click();
    await el.updateComplete;
    expect(button(card, 'Cancel').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await openGate('cancel');
    await ended;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('a widget while its updates stream and once done', async () => {
    const { el } = await mount(API);
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('stream').catch(() => undefined);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=widget] input[name=q]'), 'the first state renders');
    await expect(el).to.be.accessible();
    await openGate('stream');
    await waitUntil(() => part(el, 'widget').textContent?.includes('Done'), 'the component update arrives');
    await expect(el).to.be.accessible();
    await openGate('stream-done');
    await ended;
    await expect(el).to.be.accessible();
  });

  it('a workflow done and collapsed', async () => {
    const { el } = await mount(API);
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('workflow').catch(() => undefined);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=workflow]'), 'the workflow shows');
    await openGate('workflow');
    await ended;
    await el.updateComplete;
    expect(part(el, 'workflow').querySelector('button')?.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('skipped questions, read-only', async () => {
    const { el } = await scenario('question', 'structured-input');
    const ended = oneEvent(el, 'stream-chat-response-end');
    button(part(el, 'structured-input'), 'Skip').click();
    await ended;
    await el.updateComplete;
    expect(part(el, 'structured-input').tagName).to.equal('DL');
    await expect(el).to.be.accessible();
  });

  it('a generated image part-way, in the dark theme', async () => {
    const { el } = await mount(API);
    el.theme = 'dark';
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('image').catch(() => undefined);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=generated-image]'), 'the placeholder shows');
    await expect(el).to.be.accessible();
    await openGate('image');
    await ended;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
