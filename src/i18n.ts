/**
 * UI strings by locale. Lookup falls back from the full tag to its language, then to English.
 * English is built in; each other built-in locale is its own chunk, loaded the first time a page
 * asks for it (the element shows English until then and renders again when it arrives).
 */
import type { ErrorCode } from './errors.js';

/** UI strings of widgets, workflows, structured input and generated images. */
export interface RichStrings {
  submit: string;
  skip: string;
  skipped: string;
  working: string;
  done: string;
  generatingImage: string;
  generatedImage: string;
  imageBlocked: string;
  showMore: string;
  yourAnswer: string;
}

/** Every string the element shows. */
export interface Strings {
  placeholder: string;
  send: string;
  stop: string;
  retry: string;
  newThread: string;
  dismiss: string;
  copy: string;
  copied: string;
  messages: string;
  you: string;
  assistant: string;
  loading: string;
  toolRunning: string;
  toolDone: string;
  widget: string;
  image: string;
  closed: string;
  locked: string;
  history: string;
  openHistory: string;
  closeHistory: string;
  untitled: string;
  rename: string;
  renameTitle: string;
  delete: string;
  confirmDelete: string;
  cancel: string;
  save: string;
  /** Shown with a message that waits for the running answer to end. */
  queued: string;
  /** Marks an answer that failed part-way. */
  incomplete: string;
  noThreads: string;
  historyFailed: string;
  loadingOlder: string;
  jumpToNewest: string;
  newTextBelow: string;
  attach: string;
  remove: string;
  retryUpload: string;
  uploadFailed: string;
  attached: string;
  tooLarge: string;
  badType: string;
  tooMany: string;
  dropFiles: string;
  dictate: string;
  stopDictation: string;
  transcribing: string;
  micDenied: string;
  noMic: string;
  transcribeFailed: string;
  goodResponse: string;
  badResponse: string;
  regenerate: string;
  tool: string;
  noTool: string;
  model: string;
  suggestions: string;
  /** Widgets, workflows, structured input and generated images. */
  rich: RichStrings;
  /** One message per error code: a locale without one fails to compile. */
  errors: Record<ErrorCode, string>;
}

const en: Strings = {
  placeholder: 'Message',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  newThread: 'New conversation',
  dismiss: 'Dismiss',
  copy: 'Copy',
  copied: 'Copied',
  messages: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  loading: 'Loading conversation…',
  toolRunning: 'Asking the page: {name}…',
  toolDone: 'Used {name}',
  widget: 'Card',
  image: 'Image',
  closed: 'This conversation is closed.',
  locked: 'This conversation is locked.',
  history: 'Conversations',
  openHistory: 'Show conversations',
  closeHistory: 'Hide conversations',
  untitled: 'Untitled conversation',
  rename: 'Rename {title}',
  renameTitle: 'New title',
  delete: 'Delete {title}',
  confirmDelete: 'Delete “{title}”?',
  cancel: 'Cancel',
  save: 'Save',
  queued: 'Sends when this answer ends',
  incomplete: 'Incomplete answer',
  noThreads: 'No conversations yet.',
  historyFailed: 'Could not load conversations.',
  loadingOlder: 'Loading earlier messages…',
  jumpToNewest: 'Jump to newest',
  newTextBelow: 'New text below',
  attach: 'Attach files',
  remove: 'Remove',
  retryUpload: 'Retry upload',
  uploadFailed: 'Upload failed',
  attached: 'Attachments',
  tooLarge: '{name} is too large (at most {size}).',
  badType: '{name} is not a supported type.',
  tooMany: 'You can attach at most {count} files.',
  dropFiles: 'Drop files to attach',
  dictate: 'Dictate',
  stopDictation: 'Stop and transcribe',
  transcribing: 'Transcribing…',
  micDenied: 'Microphone access was refused.',
  noMic: 'No microphone was found.',
  transcribeFailed: 'Could not transcribe the recording.',
  goodResponse: 'Good response',
  badResponse: 'Bad response',
  regenerate: 'Regenerate',
  tool: 'Tool',
  noTool: 'No tool',
  model: 'Model',
  suggestions: 'Suggested prompts',
  rich: {
    submit: 'Submit',
    skip: 'Skip',
    skipped: 'Skipped',
    working: 'Working…',
    done: 'Done',
    generatingImage: 'Generating image…',
    generatedImage: 'Generated image',
    imageBlocked: 'Image not shown (its domain is not allowed)',
    showMore: 'Show more',
    yourAnswer: 'Your answer',
  },
  errors: {
    'stream.error': 'An error occurred when generating a response.',
    custom: 'Something went wrong.',
    network: 'Could not reach the server. Check your connection and try again.',
    offline: 'You are offline. Your message was kept; send it again when you are back online.',
    http: 'The server could not handle the request.',
    bad_content_type: 'The server sent a response this chat cannot read.',
    bad_frame: 'The server sent a malformed message.',
    empty_stream: 'The server ended the response without an answer.',
    idle_timeout: 'The server stopped responding.',
    frame_too_large: 'The server sent a message that is too large.',
    thread_not_found: 'That conversation could not be found, so a new one was started.',
    rename_failed: 'Could not rename the conversation.',
    delete_failed: 'Could not delete the conversation.',
    feedback_failed: 'Could not send your feedback.',
    busy: 'Wait for the current answer to finish.',
    empty_message: 'Type a message first.',
    nothing_to_retry: 'There is nothing to retry.',
    unknown: 'Something went wrong.',
  },
};

const tables: Record<string, Strings> = { en };

/**
 * Builds a table from a built-in locale's list, which holds its strings in English's key order:
 * a copy of English's table with each string, in order, replaced by the list's next one.
 */
function fromList(list: readonly string[]): Strings {
  let i = 0;
  // JSON.parse's reviver meets the strings of a nested table in order, before the table itself.
  return JSON.parse(JSON.stringify(en), (_key, value: unknown) =>
    typeof value == 'string' ? list[i++] : value,
  ) as Strings;
}

/** The built-in locales that load on first use, by language. */
const chunks: Record<string, () => Promise<{ default: readonly string[] }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
  zh: () => import('./locales/zh.js'),
};
const loading = new Map<string, Promise<Strings>>();

/**
 * Loads the built-in table for a locale's language, if there is one and the page has not defined
 * its own; resolves to the strings `stringsFor` then returns.
 */
export function loadLocale(locale: string | undefined): Promise<Strings> {
  const language = (locale ?? '').toLowerCase().split('-')[0] ?? '';
  const load = chunks[language];
  if (!load || tables[language]) return Promise.resolve(stringsFor(locale));
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then((module) => (tables[language] ??= fromList(module.default)));
    loading.set(language, pending);
  }
  return pending.then(() => stringsFor(locale));
}

/** Registers or replaces the strings of a locale (e.g. `'de'` or `'pt-BR'`). */
export function defineLocale(locale: string, strings: Strings): void {
  tables[locale.toLowerCase()] = strings;
}

/**
 * The strings for a locale tag, falling back by language and then to English. A built-in locale
 * not loaded yet starts loading, and `onLoaded` runs once it has arrived (a chunk that fails to
 * load leaves English in place).
 */
export function stringsFor(locale: string | undefined, onLoaded?: () => void): Strings {
  const tag = (locale ?? '').toLowerCase();
  const language = tag.split('-')[0] ?? '';
  const found = tables[tag] ?? tables[language];
  if (!found && onLoaded && chunks[language]) loadLocale(tag).then(onLoaded, () => undefined);
  return found ?? en;
}

/** The locale in use: the element's own, else the page's, else the browser's. */
export function resolveLocale(locale: string | undefined): string {
  return locale || document.documentElement.lang || navigator.language || 'en';
}

/** The text an error shows: the server's own words, else the localized message for its code. */
export function describeError(strings: Strings, error: { code: ErrorCode; message?: string }): string {
  return error.message || strings.errors[error.code];
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The text direction of a locale's script. */
export function directionOf(locale: string | undefined): 'ltr' | 'rtl' {
  return RTL.has((locale ?? '').toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}
