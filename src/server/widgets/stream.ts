/**
 * `streamWidget()` and `diffWidget()`: chatkit-python 1.6.5's `stream_widget` and `diff_widget`
 * for plain JSON widget trees.
 *
 * @see https://github.com/openai/chatkit-python/blob/v1.6.5/chatkit/server.py
 */
import type {
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
  WidgetItem,
  WidgetNode,
} from '../../protocol/types.js';
import type { RespondContext } from '../types.js';
import type { WidgetRoot } from './schema.js';

/** The updates `diffWidget` produces. */
export type WidgetUpdate = Extract<ThreadItemUpdate, { type: `widget.${string}` }>;

/** A widget root as a wire node: a typed `WidgetRoot` or any node built by hand. */
export type WidgetInput = WidgetRoot | WidgetNode;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Node).type === 'string';

const isStreamingText = (node: Node): boolean =>
  (node.type === 'Markdown' || node.type === 'Text') && typeof node.value === 'string';

function childrenOf(node: Node): Node[] {
  const { children } = node;
  if (Array.isArray(children)) return children.filter(isNode);
  return isNode(children) ? [children] : [];
}

function differs(before: unknown, after: unknown): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    return before.length !== after.length || before.some((value, index) => differs(value, after[index]));
  }
  if (isNode(before) && isNode(after)) return needsFullReplace(before, after);
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** As `diff_widget.full_replace`: anything but a cumulative Text/Markdown value change. */
function needsFullReplace(before: Node, after: Node): boolean {
  if (before.type !== after.type || before.id !== after.id || before.key !== after.key) return true;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of fields) {
    if (
      field === 'value' &&
      isStreamingText(before) &&
      isStreamingText(after) &&
      (after.value as string).startsWith(before.value as string)
    ) {
      continue;
    }
    if (differs(before[field], after[field])) return true;
  }
  return false;
}

function streamingTextById(root: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  const visit = (node: Node) => {
    if (isStreamingText(node) && typeof node.id === 'string' && node.id) found.set(node.id, node);
    childrenOf(node).forEach(visit);
  };
  visit(root);
  return found;
}

/**
 * Compares two states of a widget: a `widget.root.updated` when anything but the text of a
 * Text/Markdown component changed, otherwise one `widget.streaming_text.value_delta` per
 * component (with an `id`) whose value grew.
 *
 * @throws {Error} when a component with an id disappears, or its value changes other than by appending.
 */
export function diffWidget(before: WidgetInput, after: WidgetInput): WidgetUpdate[] {
  const from = before as Node;
  const to = after as Node;
  if (needsFullReplace(from, to))
    return [{ type: 'widget.root.updated', widget: structuredClone(after as WidgetNode) }];
  const earlier = streamingTextById(from);
  const updates: WidgetUpdate[] = [];
  for (const [id, node] of streamingTextById(to)) {
    const previous = earlier.get(id);
    if (!previous)
      throw new Error(
        `Node ${id} was not present when the widget was first rendered; nodes with an id must persist across updates.`,
      );
    const was = String(previous.value);
    const now = String(node.value);
    if (was === now) continue;
    if (!now.startsWith(was))
      throw new Error(
        `Node ${id} got a value that does not extend its previous value; widget updates must be cumulative.`,
      );
    updates.push({
      type: 'widget.streaming_text.value_delta',
      component_id: id,
      delta: now.slice(was.length),
      done: !node.streaming,
    });
  }
  return updates;
}

/** Options of {@link streamWidget}. */
export interface StreamWidgetOptions {
  /** The text used when the widget is copied (and by models reading the thread). */
  copyText?: string;
}

/**
 * Streams a widget item, as chatkit-python's `stream_widget`. A single widget becomes one
 * `thread.item.done`. An async iterable of widget states becomes `thread.item.added` with the
 * first state, the {@link diffWidget} updates between each state and the next, and
 * `thread.item.done` with the last state.
 *
 * @example
 * yield* streamWidget(ctx, thread, widgets.Card({ children: [widgets.Text({ value: 'Done' })] }));
 */
export async function* streamWidget<C>(
  ctx: RespondContext<C>,
  thread: ThreadMetadata,
  widget: WidgetInput | AsyncIterable<WidgetInput>,
  options: StreamWidgetOptions = {},
): AsyncGenerator<ThreadStreamEvent, WidgetItem | undefined> {
  const base = { type: 'widget', id: ctx.newItemId('message'), thread_id: thread.id, created_at: ctx.now() } as const;
  const item = (state: WidgetInput): WidgetItem => ({
    ...base,
    widget: structuredClone(state as WidgetNode),
    ...(options.copyText === undefined ? {} : { copy_text: options.copyText }),
  });
  if (!(Symbol.asyncIterator in widget)) {
    const done = item(widget);
    yield { type: 'thread.item.done', item: done };
    return done;
  }
  let last: WidgetInput | undefined;
  for await (const state of widget) {
    if (last === undefined) {
      yield { type: 'thread.item.added', item: item(state) };
    } else {
      for (const update of diffWidget(last, state)) yield { type: 'thread.item.updated', item_id: base.id, update };
    }
    last = structuredClone(state);
  }
  if (last === undefined) return undefined;
  const done = item(last);
  yield { type: 'thread.item.done', item: done };
  return done;
}
