/**
 * Pure helpers on thread items: which ones the view shows, and how a streamed update changes one.
 */
import type {
  AssistantMessageContent,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  WidgetNode,
} from '../protocol/types.js';

/** Items that never reach the view. */
const HIDDEN = new Set(['hidden_context_item', 'sdk_hidden_context', 'end_of_turn']);

/** Content parts past this gap are dropped: a broken server, not a real message. */
const MAX_CONTENT_GAP = 16;

/** Whether the view shows an item at all. */
export function visible(item: ThreadItem): boolean {
  return !HIDDEN.has(item.type);
}

/** A thread without its items page. */
export function metadataOf(thread: ThreadMetadata & { items?: unknown }): ThreadMetadata {
  const { items: _items, ...metadata } = thread;
  return metadata;
}

/** Ids the controller gives optimistic messages before the server names them. */
export function isLocalId(id: string): boolean {
  return id.startsWith('local_');
}

/** Applies one streamed update to the item it names. */
export function applyUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
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
