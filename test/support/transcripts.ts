/**
 * Recorded ChatKit streams (shapes as chatkit-python 1.6.5 writes them) for client and reducer tests.
 */
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

const thread = {
  id: 'thr_1a2b3c4d',
  created_at: '2026-11-28T14:17:22.321657',
  status: { type: 'active' as const },
  metadata: {},
  items: { data: [], has_more: false },
};

/** A `threads.create` answer with progress, streamed text (with non-ASCII), a title and an effect. */
export const createTranscript: ThreadStreamEvent[] = [
  { type: 'thread.created', thread },
  {
    type: 'thread.item.done',
    item: {
      id: 'msg_user0001',
      thread_id: thread.id,
      created_at: '2026-11-28T14:17:22.400000',
      type: 'user_message',
      content: [{ type: 'input_text', text: 'hi' }],
      attachments: [],
      inference_options: {},
    },
  },
  { type: 'stream_options', stream_options: { allow_cancel: true } },
  { type: 'progress_update', icon: 'search', text: 'Searching…' },
  { type: 'client_effect', name: 'update_status', data: { state: { energy: 80 }, flash: 'Status updated!' } },
  {
    type: 'thread.item.added',
    item: {
      id: 'msg_A',
      thread_id: thread.id,
      created_at: '2026-11-28T14:17:23',
      type: 'assistant_message',
      content: [],
    },
  },
  {
    type: 'thread.item.updated',
    item_id: 'msg_A',
    update: {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: { type: 'output_text', text: '', annotations: [] },
    },
  },
  ...['Héllo', ', wörld ', '👋🏽 ', '你好', '\n\n**done**'].map((delta): ThreadStreamEvent => ({
    type: 'thread.item.updated',
    item_id: 'msg_A',
    update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
  })),
  {
    type: 'thread.item.updated',
    item_id: 'msg_A',
    update: {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content: { type: 'output_text', text: 'Héllo, wörld 👋🏽 你好\n\n**done**', annotations: [] },
    },
  },
  {
    type: 'thread.item.done',
    item: {
      id: 'msg_A',
      thread_id: thread.id,
      created_at: '2026-11-28T14:17:23',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'Héllo, wörld 👋🏽 你好\n\n**done**', annotations: [] }],
    },
  },
  { type: 'thread.updated', thread: { ...thread, title: 'Demo title' } },
];

/** Encodes events as the server writes them: one `data:` line and a blank line each. */
export function toSse(events: readonly unknown[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
}
