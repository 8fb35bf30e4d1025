/**
 * A title that arrives after the answer: the server ends the response when the answer is done,
 * and a slow title model saves the title later. After a response ends on a thread that still has
 * no title, the element asks for the thread once (`threads.get_by_id`, which the server holds
 * until the pending title is saved, 30 s at most) and applies the title like a `thread.updated`.
 */
import { requestJson } from '../protocol/client.js';
import type { Thread } from '../protocol/types.js';
import type { ChatConfig } from './chat-store.js';

/**
 * Fetches the open thread once and applies its title, unless the reply comes too late: the
 * open thread changed or a new response started meanwhile (`current()` says whether it still
 * applies). Failures are silent: the title is a nicety, and the next load shows it anyway.
 */
export async function fetchLateTitle(config: ChatConfig, threadId: string, current: () => boolean): Promise<void> {
  let thread: Thread;
  try {
    thread = await requestJson({ type: 'threads.get_by_id', params: { thread_id: threadId } }, config.request());
  } catch {
    return;
  }
  const { store } = config;
  if (!current() || store.state.threadId !== threadId || store.state.run || store.state.thread?.title) return;
  if (typeof thread.title !== 'string' || !thread.title || thread.id !== threadId) return;
  store.apply({ type: 'event-received', event: { type: 'thread.updated', thread } });
  config.dispatch('stream-chat-thread-update', {
    thread: { id: threadId, title: thread.title, status: thread.status },
  });
}
