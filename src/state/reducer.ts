/**
 * The conversation state and the one pure function that changes it: the thread and its items,
 * the running response (its status, the message it may have to give back, how it failed) and
 * the composer's draft.
 *
 * No I/O, no clocks, no random ids: the controllers put ids and times into actions.
 */
import type {
  ClientToolCallItem,
  JsonValue,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
} from '../protocol/types.js';
import { serverErrorCode, type ErrorCode } from '../errors.js';
import { applyUpdate, isLocalId, metadataOf, visible } from './items.js';

/** An error the view shows, with or without a Retry button. */
export interface ShownError {
  code: ErrorCode;
  /** The server's own words (a `custom` error); the view localizes the others by code. */
  message?: string;
  allowRetry: boolean;
}

/** A notice banner from the server. */
export interface ShownNotice {
  id: number;
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string;
  /** The item the notice arrived after (null: before any), so it stays at that place in the flow. */
  after: string | null;
}

/** Where a response is: waiting for the server, streaming, or paused on a client tool call. */
type RunStatus = 'sending' | 'streaming' | 'awaiting-tool';

/** One response, from the user's send to the end of its last client-tool round trip. */
interface Run {
  /** The controller's call id: actions of an older run are ignored. */
  id: number;
  status: RunStatus;
  /** A message the server has not accepted yet, given back if the run fails or stops. */
  unsent: { itemId: string; text: string } | null;
  /** The pending client tool call that ends this round trip (it may be followed by other events). */
  call: ClientToolCallItem | null;
  /** How the run failed; its outcome once it finishes. */
  error: ShownError | null;
}

/** Everything the element renders. */
export interface ChatState {
  threadId: string | null;
  thread: ThreadMetadata | null;
  items: readonly ThreadItem[];
  /** Items still streaming (added, not yet done). */
  streaming: ReadonlySet<string>;
  progress: { text: string; icon?: string } | null;
  /** The running response; null when none runs. */
  run: Run | null;
  allowCancel: boolean;
  loading: boolean;
  /** Cursor for older items when a long thread was opened at its newest page. */
  olderCursor: string | null;
  loadingOlder: boolean;
  error: ShownError | null;
  notices: readonly ShownNotice[];
  /** Assistant messages whose answer failed part-way (known live only: the protocol does not store it). */
  incomplete: ReadonlySet<string>;
  /** The composer's text. */
  draft: string;
  /** A message the server never accepted: `retry()` sends it again. */
  failedDraft: string | null;
}

/** What happened, as the reducer hears it. */
export type Action =
  /** `resend`: the failed draft is sent again, so it leaves the composer it was given back to. */
  | { type: 'send-started'; runId: number; item: UserMessageItem; text: string; resend?: boolean }
  | { type: 'retry-started'; runId: number; itemId: string }
  /** A response started that adds no user message (a widget action, a structured input answer). */
  | { type: 'request-started'; runId: number }
  /** An item the server returned outside any stream (a sync widget action) replaces its namesake. */
  | { type: 'item-replaced'; item: ThreadItem }
  | { type: 'event-received'; event: ThreadStreamEvent; noticeId?: number }
  | { type: 'tool-output-sent'; itemId: string; output: JsonValue }
  | { type: 'run-failed'; runId: number; error: ShownError }
  | { type: 'run-finished'; runId: number }
  | { type: 'run-aborted'; runId: number }
  | { type: 'draft-changed'; text: string }
  | { type: 'request-failed'; error: ShownError }
  | { type: 'error-dismissed' }
  | { type: 'notice-dismissed'; id: number }
  | { type: 'thread-cleared' }
  | { type: 'thread-loading'; threadId: string }
  | { type: 'thread-loaded'; thread: ThreadMetadata; items: ThreadItem[]; olderCursor: string | null }
  | { type: 'older-items-requested' }
  | { type: 'older-items-loaded'; items: ThreadItem[]; olderCursor: string | null };

/** A new conversation. */
export const initialState: ChatState = {
  threadId: null,
  thread: null,
  items: [],
  streaming: new Set(),
  progress: null,
  run: null,
  allowCancel: false,
  loading: false,
  olderCursor: null,
  loadingOlder: false,
  error: null,
  notices: [],
  incomplete: new Set(),
  draft: '',
  failedDraft: null,
};

/** Applies one action. */
export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'send-started': {
      const run: Run = {
        id: action.runId,
        status: 'sending',
        unsent: { itemId: action.item.id, text: action.text },
        call: null,
        error: null,
      };
      const resent = action.resend === true && state.draft.trim() === action.text.trim();
      return {
        ...state,
        items: [...state.items, action.item],
        run,
        allowCancel: false,
        progress: null,
        error: null,
        failedDraft: null,
        draft: resent ? '' : state.draft,
      };
    }
    case 'retry-started': {
      const index = state.items.findIndex((item) => item.id === action.itemId);
      return {
        ...state,
        items: index < 0 ? state.items : state.items.slice(0, index + 1),
        run: { id: action.runId, status: 'sending', unsent: null, call: null, error: null },
        allowCancel: false,
        progress: null,
        error: null,
      };
    }
    case 'request-started':
      return {
        ...state,
        run: { id: action.runId, status: 'sending', unsent: null, call: null, error: null },
        allowCancel: false,
        progress: null,
        error: null,
      };
    case 'item-replaced':
      return applyEvent(state, { type: 'thread.item.replaced', item: action.item }, 0);
    case 'event-received':
      return runAfterEvent(applyEvent(state, action.event, action.noticeId ?? 0), action.event);
    case 'tool-output-sent': {
      const next = mapItem(state, action.itemId, (item) =>
        item.type === 'client_tool_call' ? { ...item, status: 'completed', output: action.output } : item,
      );
      return next.run ? { ...next, run: { ...next.run, status: 'sending', call: null } } : next;
    }
    case 'run-failed':
      if (state.run?.id !== action.runId) return state;
      return { ...state, run: { ...state.run, error: action.error } };
    case 'run-finished': {
      const run = state.run;
      if (run?.id !== action.runId) return state;
      const ended = endRun(state);
      if (!run.error) return ended;
      if (!run.unsent) return { ...markIncomplete(ended), error: run.error };
      // The server never accepted the message: take it out of the view and give it back.
      return { ...giveBack(ended, run.unsent), error: run.error, failedDraft: run.unsent.text };
    }
    case 'run-aborted': {
      const run = state.run;
      if (run?.id !== action.runId) return state;
      // Stopped before the server took the message: give the text back.
      return run.unsent ? giveBack(endRun(state), run.unsent) : endRun(state);
    }
    case 'draft-changed':
      return { ...state, draft: action.text };
    case 'request-failed':
      return { ...state, error: action.error, progress: null };
    case 'error-dismissed':
      return { ...state, error: null };
    case 'notice-dismissed':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'thread-cleared':
      return { ...initialState, notices: state.notices, draft: state.draft, failedDraft: state.failedDraft };
    case 'thread-loading':
      return {
        ...initialState,
        threadId: action.threadId,
        loading: true,
        draft: state.draft,
        failedDraft: state.failedDraft,
      };
    case 'thread-loaded':
      return {
        ...state,
        threadId: action.thread.id,
        // Without the items page it came with: the items are kept once, in `items`.
        thread: metadataOf(action.thread),
        items: action.items.filter(visible),
        olderCursor: action.olderCursor,
        loading: false,
      };
    case 'older-items-requested':
      return { ...state, loadingOlder: true };
    case 'older-items-loaded': {
      const known = new Set(state.items.map((item) => item.id));
      const older = action.items.filter((item) => visible(item) && !known.has(item.id));
      return { ...state, items: [...older, ...state.items], olderCursor: action.olderCursor, loadingOlder: false };
    }
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
}

/** True from a send until its response (with every tool round trip) ends. */
export function isResponding(state: ChatState): boolean {
  return state.run !== null;
}

/** The newest user message the server has accepted (has a server id). */
export function lastUserMessage(state: ChatState): UserMessageItem | undefined {
  for (let i = state.items.length - 1; i >= 0; i--) {
    const item = state.items[i];
    if (item?.type === 'user_message' && !isLocalId(item.id)) return item;
  }
  return undefined;
}

/** A failed run's answer, if it got any text, is marked incomplete. */
function markIncomplete(state: ChatState): ChatState {
  const last = state.items.at(-1);
  if (last?.type !== 'assistant_message' || !last.content.some((part) => part.text.trim())) return state;
  return { ...state, incomplete: new Set(state.incomplete).add(last.id) };
}

function endRun(state: ChatState): ChatState {
  return { ...state, run: null, allowCancel: false, progress: null, streaming: new Set() };
}

/** Removes the optimistic copy of an unsent message and puts its text back in an empty composer. */
function giveBack(state: ChatState, unsent: { itemId: string; text: string }): ChatState {
  return {
    ...state,
    items: state.items.filter((item) => item.id !== unsent.itemId),
    draft: state.draft.trim() === '' ? unsent.text : state.draft,
  };
}

/** What a stream event means for the running response. */
function runAfterEvent(state: ChatState, event: ThreadStreamEvent): ChatState {
  const run = state.run;
  if (!run) return state;
  let next: Run = run.status === 'sending' ? { ...run, status: 'streaming' } : run;
  // The server's copy of the message replaced the optimistic one: nothing to give back any more.
  const unsentId = next.unsent?.itemId;
  if (unsentId && !state.items.some((item) => item.id === unsentId)) next = { ...next, unsent: null };
  if (next.call && settles(next.call, event)) next = { ...next, call: null, status: 'streaming' };
  if (event.type === 'thread.item.done' && event.item.type === 'client_tool_call' && event.item.status === 'pending') {
    next = { ...next, call: event.item, status: 'awaiting-tool' };
  }
  if (event.type === 'error') next = { ...next, error: state.error };
  return next === run ? state : { ...state, run: next };
}

/** Whether a later event of the same stream answered, replaced or removed a pending call. */
function settles(call: ClientToolCallItem, event: ThreadStreamEvent): boolean {
  if (event.type === 'thread.item.removed') return event.item_id === call.id;
  if (event.type === 'thread.item.done' || event.type === 'thread.item.replaced') return event.item.id === call.id;
  return false;
}

function applyEvent(state: ChatState, event: ThreadStreamEvent, noticeId: number): ChatState {
  switch (event.type) {
    case 'thread.created':
      return { ...state, threadId: event.thread.id, thread: metadataOf(event.thread) };
    case 'thread.updated':
      // The payload's items page is always empty: merge metadata only.
      return { ...state, thread: metadataOf(event.thread) };
    case 'thread.item.added': {
      if (!visible(event.item)) return state;
      const streaming = new Set(state.streaming).add(event.item.id);
      return { ...upsertItem(state, event.item), streaming, progress: null };
    }
    case 'thread.item.updated':
      return mapItem(state, event.item_id, (item) => applyUpdate(item, event.update));
    case 'thread.item.done': {
      if (!visible(event.item)) return state;
      const streaming = new Set(state.streaming);
      streaming.delete(event.item.id);
      return { ...upsertItem(state, event.item), streaming, progress: null };
    }
    case 'thread.item.removed':
      return removeItem(state, event.item_id);
    case 'thread.item.replaced':
      return visible(event.item) ? mapItem(state, event.item.id, () => event.item) : removeItem(state, event.item.id);
    case 'stream_options':
      return { ...state, allowCancel: event.stream_options.allow_cancel };
    case 'progress_update':
      return { ...state, progress: event.icon ? { text: event.text, icon: event.icon } : { text: event.text } };
    case 'error':
      return {
        ...state,
        progress: null,
        error: {
          code: serverErrorCode(event.code),
          allowRetry: event.allow_retry,
          ...(event.message ? { message: event.message } : {}),
        },
      };
    case 'notice': {
      const notice: ShownNotice = {
        id: noticeId,
        level: event.level,
        message: event.message,
        after: state.items.at(-1)?.id ?? null,
      };
      if (event.title) notice.title = event.title;
      return { ...state, notices: [...state.notices, notice] };
    }
    case 'client_effect':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/**
 * Replaces the item with the same id, or appends it. The server's echo of a user message
 * replaces the optimistic copy (the newest local user message).
 */
function upsertItem(state: ChatState, item: ThreadItem): ChatState {
  let index = state.items.findIndex((existing) => existing.id === item.id);
  if (index < 0 && item.type === 'user_message') {
    index = state.items.findLastIndex((existing) => existing.type === 'user_message' && isLocalId(existing.id));
  }
  if (index < 0) return { ...state, items: [...state.items, item] };
  const items = state.items.slice();
  items[index] = item;
  return { ...state, items };
}

function removeItem(state: ChatState, id: string): ChatState {
  const streaming = new Set(state.streaming);
  streaming.delete(id);
  return { ...state, items: state.items.filter((item) => item.id !== id), streaming };
}

function mapItem(state: ChatState, id: string, change: (item: ThreadItem) => ThreadItem): ChatState {
  const index = state.items.findIndex((item) => item.id === id);
  const item = state.items[index];
  if (!item) return state;
  const next = change(item);
  if (next === item) return state;
  const items = state.items.slice();
  items[index] = next;
  return { ...state, items };
}
