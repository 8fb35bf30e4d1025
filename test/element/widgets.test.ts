/**
 * Widgets, actions, workflows, structured input and generated images, against the real server
 * kit (test/support/widget-agent.ts mounted at /api/widgets).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { loadLocale } from '../../src/i18n.js';
import { mount, part, parts, sendAndWait, transcript } from './helpers.js';

const API = '/api/widgets';
const openGate = (name: string) => fetch(`/api/widgets-gate/${name}`, { method: 'POST' });

/** Sends a scenario and waits for its widget renderer to show the last item. */
async function scenario(name: string, partName = 'widget') {
  const mounted = await mount(API);
  await sendAndWait(mounted.el, name);
  await waitUntil(() => parts(mounted.el, partName).some((node) => !node.matches('.fallback')), `${partName} renders`);
  return mounted;
}

const q = <T extends Element = HTMLElement>(root: Element, selector: string): T => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const byText = (root: Element, selector: string, text: string): HTMLElement => {
  const found = Array.from(root.querySelectorAll<HTMLElement>(selector)).find(
    (node) => node.textContent?.trim() === text,
  );
  if (!found) throw new Error(`no ${selector} says "${text}"`);
  return found;
};
const lastAssistant = (el: StreamChatElement) =>
  transcript(el)
    .filter((line) => line.startsWith('assistant:'))
    .at(-1);

describe('widgets: components', () => {
  it('renders every component of the schema with labels, skipping unknown ones and off-domain images', async () => {
    const { el } = await scenario('all');
    const widget = part(el, 'widget');
    const text = widget.textContent?.replace(/\s+/g, ' ') ?? '';
    for (const shown of [
      'Status line',
      'Title text',
      'Badge text',
      'Caption text',
      'Body text',
      'In a box',
      'In a transition',
      'Your name',
      'I agree',
      'Small',
      'Large',
      'Send form',
      'Confirm',
      'Cancel',
    ]) {
      expect(text, shown).to.contain(shown);
    }
    expect(text).not.to.contain('unknown component text');
    expect(q(widget, 'strong').textContent).to.equal('Bold markdown');
    expect(q(widget, '[role=heading]').textContent?.trim()).to.equal('Title text');
    // Fields are labelled by their Label; the DatePicker is a date input with YYYY-MM-DD.
    const name = q<HTMLInputElement>(widget, 'input[name=name]');
    expect(name.labels?.[0]?.textContent).to.equal('Your name');
    expect(name.value).to.equal('Ada');
    const date = q<HTMLInputElement>(widget, 'input[name="when.start"]');
    expect(date.type).to.equal('date');
    expect(date.value).to.equal('2026-01-15');
    expect(date.labels?.[0]?.textContent).to.equal('Start');
    const select = q<HTMLSelectElement>(widget, 'select[name=plan]');
    expect(select.value).to.equal('pro');
    expect(select.labels?.[0]?.textContent).to.equal('Plan');
    expect(q<HTMLInputElement>(widget, 'input[type=checkbox][name=agree]').checked).to.equal(true);
    expect(q<HTMLInputElement>(widget, 'input[type=radio][value=l]').checked).to.equal(true);
    expect(q(widget, '[role=radiogroup]').getAttribute('aria-label')).to.equal('Size');
    // Images: only the allowed host.
    const images = Array.from(widget.querySelectorAll('img'));
    expect(images.map((img) => img.alt)).to.deep.equal(['A pixel']);
    await waitUntil(() => images[0]?.complete && images[0].naturalWidth > 0, 'the allowed image loads');
    // Chart: an SVG with a bar per value, a line and an area, plus a table for screen readers.
    const chart = q(widget, 'figure.w-chart');
    expect(chart.querySelectorAll('rect').length).to.equal(2);
    expect(chart.querySelectorAll('polyline').length).to.equal(1);
    expect(chart.querySelectorAll('polygon').length).to.equal(1);
    expect(Array.from(chart.querySelectorAll('td'), (td) => td.textContent)).to.deep.equal([
      '3',
      '1',
      '1',
      '5',
      '2',
      '2',
    ]);
    expect(byText(widget, 'button', 'Disabled').hasAttribute('disabled')).to.equal(true);
    // Icons are inline SVG.
    expect(widget.querySelectorAll('svg.w-icon').length).to.be.greaterThan(1);
    await expect(el).to.be.accessible();
  });

  it('renders a hostile widget as inert text: nothing executable, nothing requested off-origin', async () => {
    const requested: string[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => requested.push(entry.name)),
    );
    observer.observe({ type: 'resource', buffered: true });
    const { el } = await scenario('hostile');
    const widget = part(el, 'widget');
    expect(widget.querySelectorAll('script, iframe, object, embed, img').length).to.equal(0);
    for (const node of Array.from(widget.querySelectorAll('*'))) {
      for (const attr of Array.from(node.attributes)) {
        expect(attr.name.startsWith('on'), `${node.tagName} ${attr.name}`).to.equal(false);
        // Hostile text may sit in plain attributes (a name, a placeholder); never where the browser loads or runs it.
        if (/^(src|srcset|href|xlink:href|action|formaction|poster|background|style)$/.test(attr.name)) {
          expect(attr.value, `${node.tagName} ${attr.name}`).not.to.match(/javascript:|evil\.example|url\(/);
        }
      }
      const style = (node as HTMLElement).style?.cssText ?? '';
      expect(style, node.tagName).not.to.match(/url\(|expression|evil/);
    }
    expect(widget.textContent).to.contain('<script>window.__pwned=1</script>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await el.updateComplete;
    observer.disconnect();
    expect(requested.filter((url) => new URL(url).origin !== location.origin)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
  it('draws its borders in --stream-chat-border-color; the element border shorthand --stream-chat-border leaves them be', async () => {
    const { el } = await scenario('all');
    el.style.setProperty('--stream-chat-border', '3px dashed rgb(255, 0, 0)');
    el.style.setProperty('--stream-chat-border-color', 'rgb(0, 128, 0)');
    const card = q(part(el, 'widget'), '.w-card');
    const style = getComputedStyle(card);
    expect([style.borderTopWidth, style.borderTopStyle, style.borderTopColor]).to.deep.equal([
      '1px',
      'solid',
      'rgb(0, 128, 0)',
    ]);
    expect(getComputedStyle(q(card, 'hr')).borderTopColor).to.equal('rgb(0, 128, 0)');
  });
});

describe('widgets: streaming updates', () => {
  it('applies value deltas, root and component updates in place as they arrive, keeping a focused input and its value', async () => {
    const { el } = await mount(API);
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('stream').catch(() => undefined);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=widget] input[name=q]'), 'the first state renders');
    const widget = part(el, 'widget');
    const input = q<HTMLInputElement>(widget, 'input[name=q]');
    const body = byText(widget, 'p', '');
    const badge = byText(widget, '.w-badge', 'Streaming');
    input.focus();
    await sendKeys({ type: 'abc' });
    expect(widget.getAttribute('aria-busy')).to.equal('false');
    await openGate('stream');
    await waitUntil(
      () => part(el, 'widget').querySelector('[role=heading]')?.textContent?.trim() === 'Changed title',
      'the root update arrives',
    );
    expect(part(el, 'widget')).to.equal(widget);
    expect(q(widget, 'input[name=q]')).to.equal(input);
    expect(el.shadowRoot?.activeElement).to.equal(input);
    expect(input.value).to.equal('abc');
    expect(body.textContent?.trim()).to.equal('Hello world');
    // widget.component.updated swaps one component, before the item is done.
    await waitUntil(() => badge.textContent?.trim() === 'Done', 'the component update arrives');
    expect(el.responding).to.equal(true);
    expect(el.shadowRoot?.activeElement).to.equal(input);
    expect(input.value).to.equal('abc');
    await openGate('stream-done');
    await ended;
    expect(q(part(el, 'widget'), '.w-badge')).to.equal(badge);
    expect(badge.textContent?.trim()).to.equal('Done');
  });
});

describe('widgets: actions', () => {
  it('posts server actions as threads.custom_action, one response each, with the busy state where loadingBehavior says', async () => {
    const { el, names } = await scenario('actions');
    const widget = part(el, 'widget');
    const before = names().length;

    // self: the button is busy until the response ends.
    let ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Server').click();
    await el.updateComplete;
    expect(byText(widget, 'button', 'Server').getAttribute('aria-busy')).to.equal('true');
    expect(widget.getAttribute('aria-busy')).to.equal('false');
    await openGate('srv');
    await ended;
    await waitUntil(
      () => byText(widget, 'button', 'Server').getAttribute('aria-busy') === 'false',
      'the button is idle again',
    );
    expect(lastAssistant(el)).to.equal('assistant: action srv {"gate":"srv"} from widget');
    expect(names().slice(before)).to.deep.equal(['response-start', 'response-end']);

    // container: the whole widget is busy.
    ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Container').click();
    await el.updateComplete;
    expect(widget.getAttribute('aria-busy')).to.equal('true');
    await openGate('box');
    await ended;
    await waitUntil(() => widget.getAttribute('aria-busy') === 'false', 'the widget is idle again');

    // none: nothing shows busy, the action still runs.
    ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Quiet').click();
    await el.updateComplete;
    expect(widget.querySelectorAll('[aria-busy=true]').length).to.equal(0);
    await ended;
    expect(lastAssistant(el)).to.equal('assistant: action quiet null from widget');

    // A ListViewItem and a Select's change action.
    ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Pick me').click();
    await ended;
    expect(lastAssistant(el)).to.equal('assistant: action pick {"id":1} from widget');
    ended = oneEvent(el, 'stream-chat-response-end');
    const select = q<HTMLSelectElement>(widget, 'select[name=plan]');
    select.value = 'b';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await ended;
    expect(lastAssistant(el)).to.equal('assistant: action plan.changed {"plan":"b"} from widget');
  });

  it('dispatches client actions as stream-chat-action and posts nothing', async () => {
    const { el, names } = await scenario('actions');
    const before = names().length;
    const actions: unknown[] = [];
    el.addEventListener('stream-chat-action', (e) => actions.push(e.detail));
    const event = oneEvent(el, 'stream-chat-action');
    byText(part(el, 'widget'), 'button', 'Client').click();
    const { detail, bubbles, composed } = await event;
    expect({ bubbles, composed }).to.deep.equal({ bubbles: true, composed: true });
    expect(detail.action).to.deep.equal({ type: 'local', payload: { x: 1 } });
    expect(detail.itemId).to.equal(part(el, 'widget').dataset.id);
    expect(detail.widget?.type).to.equal('ListView');
    await el.updateComplete;
    expect(actions).to.have.length(1);
    // Only the action itself: no response started, nothing was posted.
    expect(names().slice(before)).to.deep.equal(['action']);
  });

  it('replaces the widget in place with the item threads.sync_custom_action returns, even while another answer streams', async () => {
    const { el } = await scenario('actions');
    const widget = part(el, 'widget');
    const ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Server').click();
    await el.updateComplete;
    expect(el.responding).to.equal(true);
    byText(widget, 'button', 'Sync').click();
    await waitUntil(() => part(el, 'widget').textContent?.includes('synced'), 'the sync answer replaces the widget');
    expect(part(el, 'widget').textContent?.trim()).to.equal('synced {"on":true}');
    expect(part(el, 'widget')).to.equal(widget);
    await openGate('srv');
    await ended;
  });

  it('submits a form with its field values merged into the payload (the action keys win); sendAction posts from code', async () => {
    const { el } = await scenario('all');
    const widget = part(el, 'widget');
    const notes = q<HTMLTextAreaElement>(widget, 'textarea[name=notes]');
    notes.value = 'Changed';
    let ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Send form').click();
    await ended;
    const said = lastAssistant(el) ?? '';
    const payload = JSON.parse(
      said.replace(/^assistant: action form.submit /, '').replace(/ from widget$/, ''),
    ) as Record<string, unknown>;
    expect(payload).to.deep.equal({
      name: 'from action',
      notes: 'Changed',
      plan: 'pro',
      when: { start: '2026-01-15' },
      agree: true,
      size: 'l',
      kept: 'action wins',
    });

    ended = oneEvent(el, 'stream-chat-response-end');
    await el.sendAction({ type: 'from.code', payload: { n: 2 } }, widget.dataset.id);
    await ended;
    expect(lastAssistant(el)).to.equal('assistant: action from.code {"n":2} from widget');
  });

  it('sendAction with handler client dispatches stream-chat-action with the widget and posts nothing', async () => {
    const { el, names } = await scenario('actions');
    const widget = part(el, 'widget');
    const before = names().length;
    const event = oneEvent(el, 'stream-chat-action');
    await el.sendAction({ type: 'pick', payload: { n: 3 }, handler: 'client' }, widget.dataset.id);
    const { detail } = await event;
    expect(detail.action).to.deep.equal({ type: 'pick', payload: { n: 3 } });
    expect(detail.itemId).to.equal(widget.dataset.id);
    expect(detail.widget?.type).to.equal('ListView');
    expect(names().slice(before)).to.deep.equal(['action']);
    expect(el.responding).to.equal(false);
  });

  it('refuses a streamed action while another answer runs, and a sync action outside a thread', async () => {
    const { el } = await scenario('actions');
    const widget = part(el, 'widget');
    const ended = oneEvent(el, 'stream-chat-response-end');
    byText(widget, 'button', 'Server').click();
    await el.updateComplete;
    const busy = await el.sendAction({ type: 'again' }, widget.dataset.id).then(
      () => null,
      (error: Error & { code?: string }) => error.code,
    );
    expect(busy).to.equal('busy');
    await openGate('srv');
    await ended;
    const fresh = await mount(API);
    const none = await fresh.el.sendAction({ type: 'star', streaming: false }).then(
      () => null,
      (error: Error & { code?: string }) => error.code,
    );
    expect(none).to.equal('nothing_to_retry');
  });
});

describe('workflows', () => {
  it('shows tasks as they arrive, then the summary title collapsed, and toggles with aria-expanded', async () => {
    const { el } = await mount(API);
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('workflow').catch(() => undefined);
    await waitUntil(
      () => el.shadowRoot?.querySelectorAll('[part~=workflow] .w-task').length === 2,
      'two tasks stream in',
    );
    const workflow = part(el, 'workflow');
    const toggle = q(workflow, 'button');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(Array.from(workflow.querySelectorAll('.w-task-title'), (t) => t.textContent)).to.deep.equal([
      'Thinking',
      'weather',
    ]);
    expect(q(workflow, '.w-task-content em').textContent).to.equal('options');
    await expect(el).to.be.accessible();
    await openGate('workflow');
    await ended;
    await el.updateComplete;
    expect(toggle.textContent?.trim()).to.equal('Checked the weather');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(q(workflow, 'ol').hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(q(workflow, 'ol').hidden).to.equal(false);
    expect(Array.from(workflow.querySelectorAll('.w-task-title'), (t) => t.textContent)).to.deep.equal([
      'Thought it over',
      'weather',
      'Read notes',
      'Looked at a picture',
      'Custom step',
    ]);
    expect(Array.from(workflow.querySelectorAll('a'), (a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/f',
    ]);
    await expect(el).to.be.accessible();
  });
});

describe('structured input', () => {
  it('asks the questions as a form; Submit posts the answers and the answered item renders read-only', async () => {
    const { el } = await scenario('question', 'structured-input');
    const form = part(el, 'structured-input');
    expect(form.tagName).to.equal('FORM');
    expect(Array.from(form.querySelectorAll('legend'), (l) => l.textContent)).to.deep.equal([
      'Which colour?',
      'Which days?',
    ]);
    expect(q<HTMLTextAreaElement>(form, 'textarea').labels?.[0]?.textContent).to.equal('Why?');
    await expect(el).to.be.accessible();
    q<HTMLInputElement>(form, 'input[name=color][value=blue]').click();
    q<HTMLInputElement>(form, 'input[name=days][value=mon]').click();
    q<HTMLInputElement>(form, 'input[name=days][value=wed]').click();
    const ended = oneEvent(el, 'stream-chat-response-end');
    byText(form, 'button', 'Submit').click();
    await ended;
    await el.updateComplete;
    expect(lastAssistant(el)).to.equal('assistant: answered: color=blue days=mon+wed why=skipped');
    const answered = part(el, 'structured-input');
    expect(answered.tagName).to.equal('DL');
    expect(answered.querySelectorAll('input, button, textarea').length).to.equal(0);
    expect(Array.from(answered.querySelectorAll('dd'), (dd) => dd.textContent?.trim())).to.deep.equal([
      'blue',
      'mon, wed',
      'Skipped',
    ]);
    await expect(el).to.be.accessible();

    // From history: the same read-only view.
    const reopened = await mount(API, el.threadId ?? undefined);
    await oneEvent(reopened.el, 'stream-chat-thread-load-end');
    await waitUntil(
      () => parts(reopened.el, 'structured-input')[0]?.tagName === 'DL',
      'the answered item renders from history',
    );
  });

  it('speaks the element\'s language: German buttons and answers with locale="de"', async () => {
    const mounted = await mount(API);
    await loadLocale('de');
    mounted.el.locale = 'de';
    await sendAndWait(mounted.el, 'question');
    await waitUntil(
      () => parts(mounted.el, 'structured-input').some((node) => node.tagName === 'FORM'),
      'the form renders',
    );
    const form = part(mounted.el, 'structured-input');
    expect(Array.from(form.querySelectorAll('button'), (b) => b.textContent?.trim())).to.include.members([
      'Absenden',
      'Überspringen',
    ]);
    await expect(mounted.el).to.be.accessible();
    const ended = oneEvent(mounted.el, 'stream-chat-response-end');
    byText(form, 'button', 'Überspringen').click();
    await ended;
    await mounted.el.updateComplete;
    expect(
      Array.from(part(mounted.el, 'structured-input').querySelectorAll('dd'), (dd) => dd.textContent?.trim()),
    ).to.deep.equal(['Übersprungen', 'Übersprungen', 'Übersprungen']);
  });

  it('Skip marks every question skipped', async () => {
    const { el } = await scenario('question', 'structured-input');
    const ended = oneEvent(el, 'stream-chat-response-end');
    byText(part(el, 'structured-input'), 'button', 'Skip').click();
    await ended;
    expect(lastAssistant(el)).to.equal('assistant: skipped: color=skipped days=skipped why=skipped');
  });
});

describe('generated images', () => {
  it('shows a placeholder while generating, then the image, only from allowed domains', async () => {
    const { el } = await mount(API);
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.send('image').catch(() => undefined);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=generated-image] [role=img]'), 'the placeholder shows');
    const figure = part(el, 'generated-image');
    expect(q(figure, '[role=img]').getAttribute('aria-label')).to.equal('Generating image…');
    await expect(el).to.be.accessible();
    await openGate('image');
    await ended;
    await el.updateComplete;
    const [allowed, blocked] = parts(el, 'generated-image');
    const img = q<HTMLImageElement>(allowed as HTMLElement, 'img');
    expect(new URL(img.src).pathname).to.equal('/test/support/pixel.svg');
    expect(img.alt).to.equal('Generated image');
    expect(blocked?.querySelector('img')).to.equal(null);
    expect(q(blocked as HTMLElement, '[role=img]').getAttribute('aria-label')).to.contain('not shown');
    await expect(el).to.be.accessible();
  });
});
