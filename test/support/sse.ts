/**
 * Reads ChatKit server-sent events from a fetch `Response` with eventsource-parser, the same
 * parser the browser client uses, so the framing is checked the way a real client reads it.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

/** Yields raw SSE messages as they arrive; stopping early cancels the response body. */
export async function* sseMessages(response: Response): AsyncGenerator<EventSourceMessage> {
  if (!response.body) return;
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(message) });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      yield* queue.splice(0);
    }
    parser.feed(decoder.decode());
    yield* queue.splice(0);
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Yields the parsed protocol events of a stream as they arrive. */
export async function* sseEvents(response: Response): AsyncGenerator<ThreadStreamEvent> {
  for await (const message of sseMessages(response)) yield JSON.parse(message.data) as ThreadStreamEvent;
}

/** Reads a whole stream into its events. */
export async function readSse(response: Response): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  for await (const event of sseEvents(response)) events.push(event);
  return events;
}
