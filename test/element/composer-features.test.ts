import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, transcript, waitForText } from './helpers.js';

function alertText(el: StreamChatElement): string {
  return Array.from(el.shadowRoot?.querySelectorAll('[role=alert]') ?? [])
    .map((node) => node.textContent?.trim())
    .join(' ')
    .trim();
}

/** Waits for a part of the composer extras, which load on first use. */
async function shown(el: StreamChatElement, name: string): Promise<void> {
  await waitUntil(() => parts(el, name).length === 1, `no part "${name}"`, { timeout: 4000 });
}

function choose(select: HTMLElement, value: string): void {
  (select as HTMLSelectElement).value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<stream-chat> start prompts', () => {
  it('shows the greeting and prompts, sends a clicked prompt, then hides them', async () => {
    const { el } = await mount('/api/files');
    el.greeting = 'How can I help?';
    el.startPrompts = [
      { label: 'Plan a trip', prompt: 'Plan a weekend in Lyon', icon: '🧭' },
      { label: 'Write a poem', prompt: 'A poem about rain' },
    ];
    await el.updateComplete;
    expect(parts(el, 'start-prompt').map((button) => button.textContent?.trim())).to.deep.equal([
      '🧭 Plan a trip',
      'Write a poem',
    ]);
    await expect(el).to.be.accessible();
    const ended = oneEvent(el, 'stream-chat-response-end');
    parts(el, 'start-prompt')[0]?.click();
    await ended;
    await el.updateComplete;
    expect(transcript(el)[0]).to.equal('user: Plan a weekend in Lyon');
    expect(parts(el, 'start-prompt')).to.have.length(0);
  });
});

describe('<stream-chat> composer menus', () => {
  it('preselects the default model, sends the chosen tool and model, and shows the tool placeholder', async () => {
    const { el } = await mount('/api/files');
    el.composerTools = [
      { id: 'search', label: 'Search', placeholder: 'Search the web' },
      { id: 'draw', label: 'Draw' },
    ];
    el.composerModels = [
      { id: 'fast', label: 'Fast' },
      { id: 'smart', label: 'Smart', default: true },
    ];
    await shown(el, 'model-menu');
    const tools = part(el, 'tool-menu') as HTMLSelectElement;
    const models = part(el, 'model-menu') as HTMLSelectElement;
    expect(models.value).to.equal('smart');
    expect(tools.value).to.equal('');
    await expect(el).to.be.accessible();
    choose(tools, 'search');
    await el.updateComplete;
    expect(part(el, 'input').getAttribute('placeholder')).to.equal('Search the web');
    await el.send('first');
    await waitForText(el, 'Got "first"; files: none; tool: search; model: smart');
    choose(models, 'fast');
    choose(part(el, 'tool-menu'), '');
    await el.updateComplete;
    expect(part(el, 'input').getAttribute('placeholder')).to.equal('Message');
    await el.send('second');
    await waitForText(el, 'Got "second"; files: none; tool: none; model: fast');
  });
});

describe('<stream-chat> dictation', () => {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  afterEach(() => {
    navigator.mediaDevices.getUserMedia = real;
  });

  it('records on the first click and transcribes into the composer on the second', async () => {
    const { el } = await mount('/api/files');
    el.dictation = true;
    await shown(el, 'dictation-button');
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.value = 'Note:';
    input.dispatchEvent(new Event('input'));
    const button = part(el, 'dictation-button');
    expect(button.getAttribute('aria-label')).to.equal('Dictate');
    button.click();
    await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'never recorded', { timeout: 4000 });
    expect(button.getAttribute('aria-label')).to.equal('Stop and transcribe');
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(
      () => input.value.startsWith('Note: heard some bytes of audio/') || alertText(el),
      'the transcription never arrived',
      { timeout: 4000 },
    );
    expect(alertText(el)).to.equal('');
    expect(input.value).to.match(/^Note: heard some bytes of audio\/\w+$/);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(transcript(el)).to.deep.equal([]);
    expect(alertText(el)).to.equal('');
  });

  for (const [name, message] of [
    ['NotAllowedError', 'Microphone access was refused.'],
    ['NotFoundError', 'No microphone was found.'],
  ] as const) {
    it(`says so when getUserMedia fails with ${name}`, async () => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', name));
      const { el } = await mount('/api/files');
      el.dictation = true;
      await shown(el, 'dictation-button');
      part(el, 'dictation-button').click();
      await waitUntil(() => alertText(el) === message, `never said "${message}"`, { timeout: 4000 });
      expect(part(el, 'dictation-button').getAttribute('aria-pressed')).to.equal('false');
      await expect(el).to.be.accessible();
    });
  }

  it('says so when the server cannot transcribe', async () => {
    const { el } = await mount('/api/chat');
    el.dictation = true;
    await shown(el, 'dictation-button');
    const button = part(el, 'dictation-button');
    button.click();
    await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'never recorded', { timeout: 4000 });
    button.click();
    await waitUntil(() => alertText(el) === 'Could not transcribe the recording.', 'never reported the failure', {
      timeout: 4000,
    });
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
  });
});
