/**
 * Remembers the thumbs up/down a user gave, in this browser. The ChatKit protocol only sends
 * feedback (`items.feedback`); it never echoes it back: chatkit-python's `add_feedback` is a hook
 * that stores nothing by default, and thread items have no feedback field. So the choice is kept
 * in `localStorage`, one bounded record for every element on the origin, keyed by endpoint,
 * thread and item. Storage that is missing, full or refused (private modes, sandboxed frames)
 * only means the choice is not remembered.
 */
import type { FeedbackKind } from '../features.js';
import { readStorage, writeStorage } from './storage.js';

/** The `localStorage` key of the record. */
export const FEEDBACK_STORAGE_KEY = 'stream-chat-feedback';
/** Most choices kept; the oldest go first. */
export const MOST_FEEDBACK = 200;

/** One choice: the endpoint's absolute URL (two pages naming it differently share it), thread, item, kind. */
type Entry = [endpoint: string, threadId: string, itemId: string, kind: FeedbackKind];

/** The choices remembered for one thread of one endpoint, by item id. */
export function recallFeedback(endpoint: string, threadId: string): Map<string, FeedbackKind> {
  const url = absolute(endpoint);
  return new Map(read().flatMap(([u, t, item, kind]) => (u === url && t === threadId ? [[item, kind]] : [])));
}

/** Remembers a choice, as the newest entry of the record; no `kind` forgets the item's choice. */
export function rememberFeedback(
  endpoint: string,
  threadId: string,
  itemId: string,
  kind: FeedbackKind | undefined,
): void {
  const key = [absolute(endpoint), threadId, itemId].join('\n');
  const entries = read().filter((each) => each.slice(0, 3).join('\n') !== key);
  if (kind) entries.push([absolute(endpoint), threadId, itemId, kind]);
  // Full or refused storage: the choice shows until the thread is left, as without storage.
  writeStorage(FEEDBACK_STORAGE_KEY, JSON.stringify(entries.slice(-MOST_FEEDBACK)));
}

function absolute(endpoint: string): string {
  try {
    return new URL(endpoint, document.baseURI).href;
  } catch {
    return endpoint;
  }
}

function read(): Entry[] {
  try {
    const parsed: unknown = JSON.parse(readStorage(FEEDBACK_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    // Junk in the record (not JSON): nothing remembered.
    return [];
  }
}

/** An entry of the right shape; one with other ids than strings just never matches. */
function isEntry(value: unknown): value is Entry {
  return Array.isArray(value) && (value[3] === 'positive' || value[3] === 'negative');
}
