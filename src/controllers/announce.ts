/**
 * What a stream event means for the host page: the events that change the thread, report
 * progress, run a client effect or show a notice are re-emitted as the element's public events.
 */
import type { ThreadStreamEvent } from '../protocol/types.js';
import type { ChatConfig } from './chat-store.js';

/** Re-emits what a stream event means for the host page; other events say nothing to it. */
export function announce(dispatch: ChatConfig['dispatch'], event: ThreadStreamEvent): void {
  switch (event.type) {
    case 'thread.created':
      dispatch('stream-chat-thread-change', { threadId: event.thread.id });
      break;
    case 'thread.updated': {
      const { id, title, status } = event.thread;
      dispatch('stream-chat-thread-update', { thread: title === undefined ? { id, status } : { id, title, status } });
      break;
    }
    case 'progress_update':
      dispatch('stream-chat-progress', event.icon ? { text: event.text, icon: event.icon } : { text: event.text });
      break;
    case 'client_effect':
      dispatch('stream-chat-effect', { name: event.name, data: event.data ?? {} });
      break;
    case 'notice':
      dispatch(
        'stream-chat-notice',
        event.title
          ? { level: event.level, message: event.message, title: event.title }
          : { level: event.level, message: event.message },
      );
      break;
    default:
      break;
  }
}
