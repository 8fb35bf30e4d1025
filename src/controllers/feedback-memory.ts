/**
 * Remembers the thumbs up/down a user gave, in this browser. The ChatKit protocol only sends
 * feedback (`items.feedback`); it never echoes it back: chatkit-python's `add_feedback` is a hook
 * that stores nothing by default, and thread items have no feedback field. So the choice is kept
 * in `localStorage`, one bounded record for every element on the origin, keyed by endpoint,
 * thread and item. Storage that is missing, full or refused (private modes, sandboxed frames)
 * only means the choice is not remembered.
 */
import type { FeedbackKind } from '../features.js';

/** The `localStorage` key of the record. */
export const FEEDBACK_STORAGE_KEY = 'stream-chat-feedback';
/** Most choices kept; the oldest go first. */
export const MOST_FEEDBACK = 200;

type Entry = [key: string, kind: FeedbackKind];

/** The choices remembered for one thread of one endpoint, by item id. */
export function recallFeedback(endpoint: string, threadId: string): Map<string, FeedbackKind> {
  const prefix = threadKey(endpoint, threadId);
  const found = new Map<string, FeedbackKind>();
  for (const [key, kind] of read()) {
    if (!key.startsWith(prefix)) continue;
    const itemId = parseId(key.slice(prefix.length));
    if (itemId !== null) found.set(itemId, kind);
  }
  return found;
}

/** Remembers a choice, as the newest entry of the record. */
export function rememberFeedback(endpoint: string, threadId: string, itemId: string, kind: FeedbackKind): void {
  const key = threadKey(endpoint, threadId) + JSON.stringify(itemId);
  const entries = read().filter(([each]) => each !== key);
  entries.push([key, kind]);
  write(entries.slice(-MOST_FEEDBACK));
}

/**
 * The start of a thread's keys (an item's key adds its JSON id). The endpoint is an absolute URL,
 * so two pages naming it differently share their choices.
 */
function threadKey(endpoint: string, threadId: string): string {
  let url = endpoint;
  try {
    url = new URL(endpoint, globalThis.document?.baseURI).href;
  } catch {
    // Not a URL a browser can resolve: the name as given still keeps endpoints apart.
  }
  return JSON.stringify([url, threadId]) + ':';
}

function read(): Entry[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(FEEDBACK_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function write(entries: Entry[]): void {
  try {
    globalThis.localStorage?.setItem(FEEDBACK_STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Full or refused: the choice shows until the thread is left, as without storage.
  }
}

function parseId(text: string): string | null {
  try {
    const id: unknown = JSON.parse(text);
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    (value[1] === 'positive' || value[1] === 'negative')
  );
}
