/**
 * The conversation state and the one pure function that changes it.
 *
 * No I/O, no clocks, no random ids: the controller puts ids and times into actions.
 */
import type {
  AssistantMessageContent,
  JsonValue,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetNode,
} from '../protocol/types.js';

/** An error the view shows, with or without a Retry button. */
export interface ShownError {
  code: string;
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
}

/** Everything the element renders. */
export interface ChatState {
  threadId: string | null;
  thread: ThreadMetadata | null;
  items: readonly ThreadItem[];
  /** Items still streaming (added, not yet done). */
  streaming: ReadonlySet<string>;
  progress: { text: string; icon?: string } | null;
  responding: boolean;
  allowCancel: boolean;
  loading: boolean;
  /** Cursor for older items when a long thread was opened at its newest page. */
  olderCursor: string | null;
  loadingOlder: boolean;
  error: ShownError | null;
  notices: readonly ShownNotice[];
}

/** What happened, as the reducer hears it. */
export type Action =
  | { type: 'send-started'; item: UserMessageItem }
  | { type: 'send-rejected'; itemId: string }
  | { type: 'retry-started'; itemId: string }
  /** A response started that adds no user message (a widget action, a structured input answer). */
  | { type: 'request-started' }
  | { type: 'event-received'; event: ThreadStreamEvent; noticeId?: number }
  | { type: 'tool-output-sent'; itemId: string; output: JsonValue }
  | { type: 'response-ended' }
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
  responding: false,
  allowCancel: false,
  loading: false,
  olderCursor: null,
  loadingOlder: false,
  error: null,
  notices: [],
};

/** Items that never reach the view. */
const HIDDEN = new Set(['hidden_context_item', 'sdk_hidden_context', 'end_of_turn']);

/** Content parts past this gap are dropped: a broken server, not a real message. */
const MAX_CONTENT_GAP = 16;

/** Applies one action. */
export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'send-started':
      return {
        ...state,
        items: [...state.items, action.item],
        responding: true,
        allowCancel: false,
        progress: null,
        error: null,
      };
    case 'send-rejected':
      return { ...state, items: state.items.filter((item) => item.id !== action.itemId) };
    case 'retry-started': {
      const index = state.items.findIndex((item) => item.id === action.itemId);
      return {
        ...state,
        items: index < 0 ? state.items : state.items.slice(0, index + 1),
        responding: true,
        allowCancel: false,
        progress: null,
        error: null,
      };
    }
    case 'request-started':
      return { ...state, responding: true, allowCancel: false, progress: null, error: null };
    case 'event-received':
      return applyEvent(state, action.event, action.noticeId ?? 0);
    case 'tool-output-sent':
      return mapItem(state, action.itemId, (item) =>
        item.type === 'client_tool_call' ? { ...item, status: 'completed', output: action.output } : item,
      );
    case 'response-ended':
      return { ...state, responding: false, allowCancel: false, progress: null, streaming: new Set() };
    case 'request-failed':
      return { ...state, error: action.error, progress: null };
    case 'error-dismissed':
      return { ...state, error: null };
    case 'notice-dismissed':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'thread-cleared':
      return { ...initialState, notices: state.notices };
    case 'thread-loading':
      return { ...initialState, threadId: action.threadId, loading: true };
    case 'thread-loaded':
      return {
        ...state,
        threadId: action.thread.id,
        thread: action.thread,
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
        error: { code: event.code, allowRetry: event.allow_retry, ...(event.message ? { message: event.message } : {}) },
      };
    case 'notice': {
      const notice: ShownNotice = { id: noticeId, level: event.level, message: event.message };
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

/** Whether the view shows an item at all. */
function visible(item: ThreadItem): boolean {
  return !HIDDEN.has(item.type);
}

function metadataOf(thread: ThreadMetadata & { items?: unknown }): ThreadMetadata {
  const { items: _items, ...metadata } = thread;
  return metadata;
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

/** Ids the controller gives optimistic messages before the server names them. */
export function isLocalId(id: string): boolean {
  return id.startsWith('local_');
}

function applyUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
    case 'assistant_message.content_part.text_delta':
    case 'assistant_message.content_part.annotation_added': {
      if (item.type !== 'assistant_message') return item;
      const content = updateContent(item.content, update);
      return content === item.content ? item : { ...item, content };
    }
    case 'widget.streaming_text.value_delta':
    case 'widget.root.updated':
    case 'widget.component.updated': {
      if (item.type !== 'widget') return item;
      return { ...item, widget: updateWidget(item.widget, update) };
    }
    case 'workflow.task.added':
    case 'workflow.task.updated': {
      if (item.type !== 'workflow') return item;
      const tasks = item.workflow.tasks.slice();
      if (update.type === 'workflow.task.added' && update.task_index >= tasks.length) tasks.push(update.task);
      else tasks[Math.min(update.task_index, tasks.length)] = update.task;
      return { ...item, workflow: { ...item.workflow, tasks } };
    }
    case 'generated_image.updated':
      return item.type === 'generated_image' ? { ...item, image: update.image } : item;
    default:
      return item;
  }
}

type ContentUpdate = Extract<ThreadItemUpdate, { type: `assistant_message.${string}` }>;

function updateContent(content: AssistantMessageContent[], update: ContentUpdate): AssistantMessageContent[] {
  const index = update.content_index;
  if (!Number.isInteger(index) || index < 0 || index > content.length + MAX_CONTENT_GAP) return content;
  const parts = content.slice();
  while (parts.length <= index) parts.push({ type: 'output_text', text: '', annotations: [] });
  const part = parts[index] as AssistantMessageContent;
  switch (update.type) {
    case 'assistant_message.content_part.added':
      parts[index] = { ...update.content, annotations: update.content.annotations ?? [] };
      break;
    case 'assistant_message.content_part.text_delta':
      parts[index] = { ...part, text: part.text + update.delta };
      break;
    case 'assistant_message.content_part.annotation_added': {
      const annotations = part.annotations.slice();
      annotations.splice(Math.min(update.annotation_index, annotations.length), 0, update.annotation);
      parts[index] = { ...part, annotations };
      break;
    }
    case 'assistant_message.content_part.done': {
      // The Agents bridge sends `done` with empty annotations: keep the ones that streamed in.
      const annotations = update.content.annotations?.length ? update.content.annotations : part.annotations;
      parts[index] = { ...update.content, annotations };
      break;
    }
  }
  return parts;
}

type WidgetUpdate = Extract<ThreadItemUpdate, { type: `widget.${string}` }>;

function updateWidget(root: WidgetNode, update: WidgetUpdate): WidgetNode {
  if (update.type === 'widget.root.updated') return update.widget;
  const id = update.component_id;
  const visit = (node: WidgetNode): WidgetNode => {
    if (node.id === id) {
      if (update.type === 'widget.component.updated') return update.component;
      const value = typeof node.value === 'string' ? node.value : '';
      return { ...node, value: value + update.delta };
    }
    const { children } = node;
    if (!children) return node;
    // A Transition holds one child, every other container a list.
    return { ...node, children: Array.isArray(children) ? children.map(visit) : visit(children) };
  };
  return visit(root);
}

/** The newest user message the server has accepted (has a server id). */
export function lastUserMessage(state: ChatState): UserMessageItem | undefined {
  for (let i = state.items.length - 1; i >= 0; i--) {
    const item = state.items[i];
    if (item?.type === 'user_message' && !isLocalId(item.id)) return item;
  }
  return undefined;
}

/** The plain text of a user message. */
export function userText(item: UserMessageItem): string {
  return item.content.map((part) => part.text).join('');
}

/** The full text of an assistant message. */
export function assistantText(content: readonly AssistantMessageContent[]): string {
  return content.map((part) => part.text).join('\n\n');
}
