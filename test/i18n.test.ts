import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { StreamChatElement } from '../src/stream-chat.js';
import { defineLocale, directionOf, loadLocale, stringsFor, type Strings } from '../src/i18n.js';
import type { ErrorCode } from '../src/errors.js';
import arList from '../src/locales/ar.js';
import deList from '../src/locales/de.js';
import esList from '../src/locales/es.js';
import frList from '../src/locales/fr.js';
import jaList from '../src/locales/ja.js';
import zhList from '../src/locales/zh.js';
import { KEYS } from '../src/locales/keys.js';
import { part, parts, sendAndWait } from './element/helpers.js';
import { recordingFetch } from './frameworks/shared.js';

const en = stringsFor('en');
const LISTS: Record<string, readonly string[]> = {
  de: deList,
  fr: frList,
  es: esList,
  ja: jaList,
  zh: zhList,
  ar: arList,
};

/** Every key path of a table (`send`, `rich.skip`, `errors.network`, …), in the table's order. */
function keys(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'string' ? [prefix + key] : keys(value as object, `${prefix}${key}.`),
  );
}

/** The string at a key path. */
function at(table: Strings, path: string): string | undefined {
  if (path.startsWith('errors.')) return table.errors[path.slice('errors.'.length) as ErrorCode];
  if (path.startsWith('rich.')) return table.rich[path.slice('rich.'.length) as keyof Strings['rich']];
  const value: unknown = table[path as keyof Strings];
  return typeof value === 'string' ? value : undefined;
}

/** The `{placeholders}` in a string, sorted. */
function placeholders(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('locales', () => {
  it('shows English until a built-in locale arrives, then renders it (runs first: nothing loaded yet)', async () => {
    expect(stringsFor('ja')).to.equal(en);
    const el = await fixture<StreamChatElement>(html`<stream-chat api-url="/api/chat" locale="ja"></stream-chat>`);
    const input = part(el, 'input') as HTMLTextAreaElement;
    await waitUntil(() => input.placeholder === 'メッセージ', 'the Japanese strings never arrived');
    expect(part(el, 'send-button').getAttribute('aria-label')).to.equal('送信');
    expect(stringsFor('ja')).to.equal(await loadLocale('ja'));
  });

  it('finds a table by full tag, then by language, then falls back to English', async () => {
    const [de, zh] = [await loadLocale('de'), await loadLocale('zh')];
    expect(stringsFor('de')).to.equal(de);
    expect(stringsFor('de-AT')).to.equal(de);
    expect(stringsFor('DE-ch')).to.equal(de);
    expect(stringsFor('zh-Hans-CN')).to.equal(zh);
    expect(stringsFor('xx')).to.equal(en);
    expect(stringsFor('')).to.equal(en);
    expect(stringsFor(undefined)).to.equal(en);
    expect(en.send).to.equal('Send');
  });

  it('uses a locale defined by the page, by language and by full tag', () => {
    expect(stringsFor('pt-BR')).to.equal(en);
    const pt: Strings = { ...en, placeholder: 'Mensagem', send: 'Enviar' };
    defineLocale('pt', pt);
    expect(stringsFor('pt-BR')).to.equal(pt);
    expect(stringsFor('pt-PT')).to.equal(pt);
    const br: Strings = { ...pt, placeholder: 'Digite uma mensagem' };
    defineLocale('pt-BR', br);
    expect(stringsFor('pt-br')).to.equal(br);
    expect(stringsFor('pt-PT')).to.equal(pt);
  });

  it("lists the keys of every English string and error code in English's order", () => {
    expect(keys(en)).to.deep.equal(KEYS);
  });

  for (const [name, list] of Object.entries(LISTS)) {
    it(`${name} translates every English string and error code, keeping its placeholders`, async () => {
      expect(list).to.have.length(KEYS.length);
      const table = await loadLocale(name);
      expect(keys(table)).to.deep.equal(KEYS);
      for (const path of KEYS) {
        const text = at(table, path);
        expect(text, `${name}: ${path}`).to.be.a('string').and.not.equal('');
        expect(placeholders(text), `${name}: ${path}`).to.deep.equal(placeholders(at(en, path)));
      }
      expect(stringsFor(name)).to.equal(table);
    });
  }

  it('lays out Arabic right to left and the others left to right', () => {
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('ar-EG')).to.equal('rtl');
    for (const name of ['en', 'de', 'fr', 'es', 'ja', 'zh']) expect(directionOf(name)).to.equal('ltr');
  });
});

describe('<stream-chat> locale', () => {
  it('shows German labels with locale="de" and sends Accept-Language: de', async () => {
    const recorder = recordingFetch();
    const el = await fixture<StreamChatElement>(
      html`<stream-chat api-url="/api/chat" locale="de" .fetch=${recorder.fetch}></stream-chat>`,
    );
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(input.placeholder).to.equal('Nachricht');
    expect(input.getAttribute('aria-label')).to.equal('Nachricht');
    expect(part(el, 'send-button').getAttribute('aria-label')).to.equal('Senden');
    expect(part(el, 'new-thread-button').textContent?.trim()).to.equal('Neue Unterhaltung');
    expect(part(el, 'messages').getAttribute('aria-label')).to.equal('Unterhaltung');
    expect(el.shadowRoot?.querySelector('.root')?.getAttribute('lang')).to.equal('de');

    await sendAndWait(el, 'text Hallo Welt');
    expect(recorder.headers.length).to.be.greaterThan(0);
    expect(recorder.headers.map((headers) => headers.get('accept-language'))).to.deep.equal(
      recorder.headers.map(() => 'de'),
    );
    expect(parts(el, 'assistant-message')[0]?.querySelector('.bubble')?.textContent?.trim()).to.equal('Hallo Welt');
  });

  it('shows errors in the element locale', async () => {
    const el = await fixture<StreamChatElement>(
      html`<stream-chat api-url="/api/fault/http500" locale="de-AT"></stream-chat>`,
    );
    const failed = oneEvent(el, 'stream-chat-error');
    el.send('Hallo').catch(() => undefined);
    const error = await failed;
    expect(error.detail.code).to.equal('http');
    expect(error.detail.message).to.equal((await loadLocale('de')).errors['http']);
    await el.updateComplete;
    expect(part(el, 'error').textContent).to.contain((await loadLocale('de')).errors['http']);
    expect(part(el, 'retry-button').textContent?.trim()).to.equal('Erneut versuchen');
  });

  it('switches strings and the request language when locale changes', async () => {
    const recorder = recordingFetch();
    const el = await fixture<StreamChatElement>(
      html`<stream-chat api-url="/api/chat" locale="ja" .fetch=${recorder.fetch}></stream-chat>`,
    );
    expect((part(el, 'input') as HTMLTextAreaElement).placeholder).to.equal((await loadLocale('ja')).placeholder);
    el.locale = 'es-MX';
    await el.updateComplete;
    expect((part(el, 'input') as HTMLTextAreaElement).placeholder).to.equal('Mensaje');
    await sendAndWait(el, 'text hola');
    expect(recorder.headers.at(-1)?.get('accept-language')).to.equal('es-MX');
  });

  it('follows the page language when no locale is set', async () => {
    const saved = document.documentElement.lang;
    document.documentElement.lang = 'fr-CA';
    try {
      const el = await fixture<StreamChatElement>(html`<stream-chat api-url="/api/chat"></stream-chat>`);
      expect((part(el, 'input') as HTMLTextAreaElement).placeholder).to.equal('Message');
      expect(part(el, 'send-button').getAttribute('aria-label')).to.equal('Envoyer');
    } finally {
      document.documentElement.lang = saved;
    }
  });

  it('lays out right to left with locale="ar", with messages in dir="auto"', async () => {
    const el = await fixture<StreamChatElement>(html`<stream-chat api-url="/api/chat" locale="ar"></stream-chat>`);
    const root = el.shadowRoot?.querySelector('.root');
    expect(root?.getAttribute('dir')).to.equal('rtl');
    expect(root?.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(part(el, 'composer')).direction).to.equal('rtl');
    expect(getComputedStyle(part(el, 'messages')).direction).to.equal('rtl');
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(input.placeholder).to.equal((await loadLocale('ar')).placeholder);
    expect(input.getAttribute('dir')).to.equal('auto');
    expect(part(el, 'send-button').getAttribute('aria-label')).to.equal('إرسال');
    await expect(el).to.be.accessible();

    await sendAndWait(el, 'text مرحبا بك');
    const user = parts(el, 'user-message')[0]?.querySelector('[dir]');
    const assistant = parts(el, 'assistant-message')[0]?.querySelector('[dir]');
    expect(user?.getAttribute('dir')).to.equal('auto');
    expect(assistant?.getAttribute('dir')).to.equal('auto');
    expect(assistant?.textContent?.trim()).to.equal('مرحبا بك');
    await expect(el).to.be.accessible();
  });
});
