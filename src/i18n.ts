/**
 * UI strings by locale. Lookup falls back from the full tag to its language, then to English.
 */
import { ar } from './locales/ar.js';
import { de } from './locales/de.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';
import { ja } from './locales/ja.js';
import { zh } from './locales/zh.js';
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
  noThreads: string;
  historyFailed: string;
  loadingOlder: string;
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
  noThreads: 'No conversations yet.',
  historyFailed: 'Could not load conversations.',
  loadingOlder: 'Loading earlier messages…',
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
  },  errors: {
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
    busy: 'Wait for the current answer to finish.',
    empty_message: 'Type a message first.',
    nothing_to_retry: 'There is nothing to retry.',
    unknown: 'Something went wrong.',
  },
};

const tables: Record<string, Strings> = { en, de, fr, es, ja, zh, ar };

/** Registers or replaces the strings of a locale (e.g. `'de'` or `'pt-BR'`). */
export function defineLocale(locale: string, strings: Strings): void {
  tables[locale.toLowerCase()] = strings;
}

/** The strings for a locale tag, falling back by language and then to English. */
export function stringsFor(locale: string | undefined): Strings {
  const tag = (locale ?? '').toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0] ?? ''] ?? en;
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
