import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { loadLocale } from '../../src/i18n.js';
import type { ChatKitRequest } from '../../src/protocol/types.js';
import { mount, part, parts, sendAndWait, transcript, waitForText } from './helpers.js';
import { isFirefox } from './engine.js';

/** Files reach the element the ways a user gives them: the picker, a drop, a paste. */
function pick(el: StreamChatElement, files: File[]): void {
  const input = el.shadowRoot?.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function transfer(files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

const text = (name: string, content = 'hello file') => new File([content], name, { type: 'text/plain' });

async function png(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 8;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('no png');
  return new File([blob], name, { type: 'image/png' });
}

/** Mounts against the kit with an attachment store. */
async function mountFiles(settings: Partial<StreamChatElement> = {}, apiUrl = '/api/files', threadId?: string) {
  const mounted = await mount(apiUrl, threadId);
  Object.assign(mounted.el, { attachments: {}, ...settings });
  // The attach button shows once the composer extras have loaded (on first use).
  await waitUntil(() => parts(mounted.el, 'attach-button').length === 1, 'the attach button never showed', {
    timeout: 4000,
  });
  return mounted;
}

function chips(el: StreamChatElement): HTMLElement[] {
  return parts(el, 'attachment').filter((chip) => chip.closest('.pending'));
}

async function uploaded(el: StreamChatElement, count: number): Promise<void> {
  await waitUntil(
    () => chips(el).length === count && chips(el).every((chip) => chip.classList.contains('done')),
    'uploads never finished',
    { timeout: 4000 },
  );
}

function alertText(el: StreamChatElement): string {
  return Array.from(el.shadowRoot?.querySelectorAll('[role=alert]') ?? [])
    .map((node) => node.textContent?.trim())
    .join(' ');
}

/** Requests the page made to a path so far (resource timing sees XHR and fetch alike). */
function requestsTo(pattern: RegExp): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => pattern.test(path));
}

describe('<stream-chat> attachments', () => {
  it('uploads in two phases, shows a chip, and sends the file with the message', async () => {
    const { el } = await mountFiles();
    await expect(el).to.be.accessible();
    pick(el, [text('notes.txt')]);
    await uploaded(el, 1);
    const chip = chips(el)[0] as HTMLElement;
    expect(chip.getAttribute('aria-label')).to.equal('notes.txt');
    expect(chip.querySelector('button[aria-label="Remove"]')).to.exist;
    // The bytes went to the descriptor's URL (a PUT with its upload token, or the kit refuses them).
    expect(requestsTo(/\/api\/files\/attachments\/[\w-]+\/upload$/)).to.have.length.greaterThan(0);
    await expect(el).to.be.accessible();
    await sendAndWait(el, 'read this');
    await waitForText(el, 'files: notes.txt (text/plain)');
    expect(chips(el)).to.have.length(0);
    const sent = part(el, 'user-message');
    expect(sent.querySelector('[part=attachment]')?.textContent?.trim()).to.equal('notes.txt');
  });

  it('uploads directly to uploadUrl and shows image previews before and after sending', async () => {
    const { el } = await mountFiles({ uploadStrategy: { type: 'direct', uploadUrl: '/api/files/attachments/upload' } });
    pick(el, [await png('dot.png')]);
    await uploaded(el, 1);
    expect(chips(el)[0]?.querySelector('img')?.getAttribute('src')).to.match(/^blob:/);
    await sendAndWait(el, 'look');
    await waitForText(el, 'files: dot.png (image/png)');
    const image = part(el, 'user-message').querySelector<HTMLImageElement>('[part=attachment] img');
    expect(image?.getAttribute('src')).to.match(/\/api\/files\/attachments\/[\w-]+\/file$/);
    await waitUntil(() => image?.complete && image.naturalWidth === 8, 'the preview never loaded');
    await expect(el).to.be.accessible();
  });

  it('refuses a wrong type, a too large file and too many files in words, uploading nothing', async () => {
    const { el } = await mountFiles({ attachments: { accept: ['image/*', '.pdf'], maxSize: 16, maxCount: 2 } });
    const before = requestsTo(/\/api\/files/).length;
    pick(el, [text('notes.txt')]);
    await el.updateComplete;
    expect(alertText(el)).to.equal('notes.txt is not a supported type.');
    pick(el, [new File([new Uint8Array(40)], 'big.pdf', { type: 'application/pdf' })]);
    await el.updateComplete;
    expect(alertText(el)).to.equal('big.pdf is too large (at most 16 B).');
    pick(
      el,
      [1, 2, 3].map((n) => new File(['x'], `${n}.pdf`, { type: 'application/pdf' })),
    );
    await el.updateComplete;
    expect(alertText(el)).to.equal('You can attach at most 2 files.');
    expect(chips(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    expect(requestsTo(/\/api\/files/)).to.have.length(before);
    await loadLocale('de');
    el.locale = 'de';
    await el.updateComplete;
    pick(el, [text('notiz.txt')]);
    await el.updateComplete;
    expect(alertText(el)).to.equal('notiz.txt hat keinen unterstützten Dateityp.');
  });

  it('keeps the text when an upload fails, then retries it and sends', async () => {
    const { el } = await mountFiles({
      uploadStrategy: { type: 'direct', uploadUrl: '/api/files-faulty/attachments/upload' },
    });
    await fetch('/api/files-fail-next', { method: 'POST' });
    pick(el, [text('report.txt')]);
    await waitUntil(() => chips(el)[0]?.classList.contains('failed'), 'the upload never failed', { timeout: 4000 });
    expect(alertText(el)).to.contain('Upload failed');
    await expect(el).to.be.accessible();
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.value = 'summarize it';
    input.dispatchEvent(new Event('input'));
    (part(el, 'send-button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal([]);
    expect(input.value).to.equal('summarize it');
    const retry = Array.from(chips(el)[0]?.querySelectorAll('button') ?? []).find(
      (button) => button.textContent?.trim() === 'Retry upload',
    );
    retry?.click();
    await uploaded(el, 1);
    (part(el, 'send-button') as HTMLButtonElement).click();
    await waitForText(el, 'files: report.txt (text/plain)');
    expect(transcript(el)[0]).to.equal('user: summarize it');
    expect(parts(el, 'user-message')[0]?.querySelector('[part~="attachment"]')?.textContent).to.contain('report.txt');
  });

  it('waits for a running upload when Send is pressed, then sends the file with the text', async () => {
    const { el } = await mountFiles();
    pick(el, [text('large.txt', 'y'.repeat(60000))]);
    await el.updateComplete;
    expect(chips(el)[0]?.getAttribute('aria-busy')).to.equal('true');
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.value = 'right away';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const ended = new Promise((resolve) => el.addEventListener('stream-chat-response-end', resolve, { once: true }));
    (part(el, 'send-button') as HTMLButtonElement).click();
    await ended;
    await waitForText(el, 'Got "right away"; files: large.txt (text/plain)');
  });

  it('cancels an upload when its chip is removed mid-way, and sends without it', async () => {
    const { el } = await mountFiles({
      uploadStrategy: { type: 'direct', uploadUrl: '/api/files-hold/attachments/upload' },
    });
    const { held } = (await (await fetch('/api/files-held')).json()) as { held: number };
    pick(el, [text('slow.txt', 'x'.repeat(20000))]);
    await waitUntil(() => chips(el)[0]?.getAttribute('aria-busy') === 'true');
    expect(chips(el)[0]?.querySelector('progress')).to.exist;
    await expect(el).to.be.accessible();
    chips(el)[0]?.querySelector<HTMLButtonElement>('button[aria-label="Remove"]')?.click();
    await el.updateComplete;
    expect(chips(el)).to.have.length(0);
    await waitUntil(
      async () => ((await (await fetch('/api/files-held')).json()) as { held: number }).held > held,
      'the upload was never cancelled',
    );
    await sendAndWait(el, 'no file');
    await waitForText(el, 'files: none');
  });

  it('sends attachments without text: Send turns on once a file is uploaded, and history shows them', async () => {
    const { el } = await mountFiles();
    const send = part(el, 'send-button') as HTMLButtonElement;
    expect(send.disabled).to.equal(true);
    pick(el, [await png('only.png'), text('only.txt')]);
    await uploaded(el, 2);
    expect(send.disabled).to.equal(false);
    await expect(el).to.be.accessible();
    const ended = oneEvent(el, 'stream-chat-response-end');
    send.click();
    expect((await ended).detail.reason).to.equal('complete');
    await waitForText(el, 'Got ""; files: only.png (image/png), only.txt (text/plain)');
    expect(chips(el)).to.have.length(0);
    const sent = part(el, 'user-message');
    expect(sent.querySelector('.bubble')).to.equal(null);
    expect(Array.from(sent.querySelectorAll('[part~=attachment]'), (chip) => chip.textContent?.trim())).to.deep.equal([
      'only.png',
      'only.txt',
    ]);
    await expect(el).to.be.accessible();

    // Reloaded from the server's store: the same attachments, the image from the kit's own route.
    const reopened = await mountFiles({}, '/api/files', el.threadId ?? undefined);
    await waitUntil(() => parts(reopened.el, 'user-message').length === 1, 'the thread never loaded');
    const again = part(reopened.el, 'user-message');
    expect(Array.from(again.querySelectorAll('[part~=attachment]'), (chip) => chip.textContent?.trim())).to.deep.equal([
      'only.png',
      'only.txt',
    ]);
    const image = again.querySelector<HTMLImageElement>('[part~=attachment] img');
    expect(image?.getAttribute('src')).to.match(/\/api\/files\/attachments\/[\w-]+\/file$/);
    await waitUntil(() => image?.complete && image.naturalWidth === 8, 'the preview never loaded');
  });

  it('gives the attachments back with the text when a send fails, and Retry sends the same ones', async () => {
    const { el } = await mountFiles({}, '/api/files-flaky');
    const posted: ChatKitRequest[] = [];
    el.fetch = (input, init) => {
      posted.push(JSON.parse(String(init?.body)) as ChatKitRequest);
      return fetch(input, init);
    };
    pick(el, [text('keep.txt'), await png('keep.png')]);
    await uploaded(el, 2);
    await fetch('/api/files-fail-next-send', { method: 'POST' });
    el.setComposerValue('with files');
    await el.updateComplete;
    let ended = oneEvent(el, 'stream-chat-response-end');
    part(el, 'send-button').click();
    expect((await ended).detail.reason).to.equal('error');
    await el.updateComplete;
    // Nothing is lost: the text, and both files, uploaded and ready, back in the composer.
    expect(transcript(el)).to.deep.equal([]);
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('with files');
    expect(chips(el).map((chip) => chip.getAttribute('aria-label'))).to.deep.equal(['keep.txt', 'keep.png']);
    expect(chips(el).every((chip) => chip.classList.contains('done'))).to.equal(true);
    expect(chips(el)[1]?.querySelector('img')?.getAttribute('src')).to.match(/^blob:/);
    await expect(el).to.be.accessible();
    const first = posted.find((request) => request.type === 'threads.create');
    ended = oneEvent(el, 'stream-chat-response-end');
    part(el, 'retry-button').click();
    expect((await ended).detail.reason).to.equal('complete');
    await waitForText(el, 'Got "with files"; files: keep.txt (text/plain), keep.png (image/png)');
    const creates = posted.filter((request) => request.type === 'threads.create');
    expect(creates).to.have.length(2);
    expect(creates[1]).to.deep.equal(first);
    expect(chips(el)).to.have.length(0);
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
    expect(
      Array.from(part(el, 'user-message').querySelectorAll('[part~=attachment]'), (chip) => chip.textContent?.trim()),
    ).to.deep.equal(['keep.txt', 'keep.png']);
  });

  it('gives files alone back when their send fails; retry() sends them again', async () => {
    const { el } = await mountFiles({}, '/api/files-flaky');
    pick(el, [text('alone.txt')]);
    await uploaded(el, 1);
    await fetch('/api/files-fail-next-send', { method: 'POST' });
    let ended = oneEvent(el, 'stream-chat-response-end');
    part(el, 'send-button').click();
    expect((await ended).detail.reason).to.equal('error');
    await el.updateComplete;
    expect(chips(el).map((chip) => chip.getAttribute('aria-label'))).to.deep.equal(['alone.txt']);
    ended = oneEvent(el, 'stream-chat-response-end');
    await el.retry();
    expect((await ended).detail.reason).to.equal('complete');
    await waitForText(el, 'Got ""; files: alone.txt (text/plain)');
    expect(chips(el)).to.have.length(0);
  });

  // Firefox drops the files of a script-built ClipboardEvent's clipboardData, and a real paste
  // needs a clipboard the headless browser does not share: this one runs in Chromium only.
  (isFirefox ? it.skip : it)('takes an image pasted into the composer', async () => {
    const { el } = await mountFiles();
    const pasted = new ClipboardEvent('paste', {
      clipboardData: transfer([await png('pasted.png')]),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    part(el, 'input').dispatchEvent(pasted);
    await uploaded(el, 1);
    expect(pasted.defaultPrevented).to.equal(true);
    await sendAndWait(el, 'pasted');
    await waitForText(el, 'files: pasted.png (image/png)');
  });

  it('takes files dropped onto the element, outlining it while they are dragged over', async () => {
    const { el } = await mountFiles();
    const root = el.shadowRoot?.querySelector('.root') as HTMLElement;
    const data = transfer([text('dropped.txt'), text('second.txt')]);
    root.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(root.classList.contains('dragging')).to.equal(true);
    await expect(el).to.be.accessible();
    root.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    await uploaded(el, 2);
    expect(root.classList.contains('dragging')).to.equal(false);
    expect(chips(el).map((chip) => chip.getAttribute('aria-label'))).to.deep.equal(['dropped.txt', 'second.txt']);
    await sendAndWait(el, 'both');
    await waitForText(el, 'files: dropped.txt (text/plain), second.txt (text/plain)');
  });
});
