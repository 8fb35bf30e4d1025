/**
 * Random stream events from a small vocabulary, for the fuzz tests: well-framed, or (by chance)
 * deliberately broken frames.
 */
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

const TEXTS = ['', 'a', ' ', 'héllo', '👋🏽', '\n', '```', '**', '<script>x</script>', 'data: fake\n\n', '\r\n', '你好'];
const ITEM_TYPES = [
  'assistant_message',
  'user_message',
  'client_tool_call',
  'widget',
  'workflow',
  'task',
  'generated_image',
  'end_of_turn',
  'hidden_context_item',
  'mystery_item',
];

/** A random event from a small vocabulary, as the parser delivers it. */
export function randomEvent(random: () => number): ThreadStreamEvent {
  for (;;) {
    const event = JSON.parse(randomFrame(random, true).slice('data: '.length)) as ThreadStreamEvent;
    // The client drops event types it does not know before they reach the reducer.
    if ((event.type as string) !== 'totally.new.event') return event;
  }
}

/** A random but well-framed or deliberately broken event, from a small vocabulary. */
export function randomFrame(random: () => number, wellFramed = false): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const id = `i${Math.floor(random() * 4)}`;
  const text = pick(TEXTS);
  const index = pick([0, 0, 1, 2, -1, 40, 1e9]);
  const item = () => ({
    id,
    thread_id: 't',
    created_at: 'x',
    type: pick(ITEM_TYPES),
    content: random() < 0.8 ? [{ type: 'output_text', text, annotations: [] }] : [],
    status: 'pending',
    call_id: 'c',
    name: 'n',
    arguments: {},
    widget: { type: 'Card', children: [{ type: 'Text', id: 'w', value: text }] },
    workflow: { type: 'custom', tasks: [], expanded: true },
    task: { type: 'custom', title: text },
  });
  const updates = [
    {
      type: 'assistant_message.content_part.added',
      content_index: index,
      content: { type: 'output_text', text, annotations: [] },
    },
    { type: 'assistant_message.content_part.text_delta', content_index: index, delta: text },
    {
      type: 'assistant_message.content_part.annotation_added',
      content_index: index,
      annotation_index: index,
      annotation: { type: 'annotation', source: { type: 'url', title: text, url: 'https://e.x' } },
    },
    {
      type: 'assistant_message.content_part.done',
      content_index: index,
      content: { type: 'output_text', text, annotations: [] },
    },
    { type: 'widget.streaming_text.value_delta', component_id: 'w', delta: text, done: false },
    { type: 'workflow.task.added', task_index: index, task: { type: 'custom', title: text } },
    { type: 'unknown.update', x: 1 },
  ];
  const events: unknown[] = [
    {
      type: 'thread.created',
      thread: {
        id: 't',
        created_at: 'x',
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      },
    },
    {
      type: 'thread.updated',
      thread: {
        id: 't',
        created_at: 'x',
        title: text,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      },
    },
    { type: 'thread.item.added', item: item() },
    { type: 'thread.item.updated', item_id: id, update: pick(updates) },
    { type: 'thread.item.updated', item_id: id, update: pick(updates) },
    { type: 'thread.item.done', item: item() },
    { type: 'thread.item.removed', item_id: id },
    { type: 'thread.item.replaced', item: item() },
    { type: 'stream_options', stream_options: { allow_cancel: random() < 0.5 } },
    { type: 'progress_update', text },
    {
      type: 'error',
      code: pick(['stream.error', 'custom', 'future.code']),
      message: text,
      allow_retry: random() < 0.5,
    },
    { type: 'notice', level: 'info', message: text },
    { type: 'client_effect', name: text, data: {} },
    { type: 'totally.new.event' },
  ];
  const roll = wellFramed ? 1 : random();
  if (roll < 0.03) return 'data: {not json\n\n';
  if (roll < 0.05) return 'data: [1,2,3]\n\n';
  if (roll < 0.06) return ': a comment\n\n';
  if (roll < 0.07) return 'event: ignored\ndata: {"type":"progress_update","text":"named"}\n\n';
  return `data: ${JSON.stringify(pick(events))}\n\n`;
}
