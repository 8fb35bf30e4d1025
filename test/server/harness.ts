/** A real node:http server around the server kit, bound to 127.0.0.1:0, plus request builders. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import type { ThreadItem, ThreadStreamEvent, UserMessageInput } from '../../src/protocol/types.js';
import {
  ChatKitServer,
  MemoryStore,
  createChatKitHandler,
  type ActionFn,
  type ChatKitHandlerOptions,
  type ChatKitServerOptions,
  type RespondFn,
  type SyncActionFn,
} from '../../src/server/index.js';
import { readSse } from '../support/sse.js';

/** A memory store that lets a test await an item being written (no sleeps). */
export class WatchedStore extends MemoryStore {
  private waiters: { match: (item: ThreadItem) => boolean; resolve: (item: ThreadItem) => void }[] = [];

  override async addThreadItem(threadId: string, item: ThreadItem, context: unknown): Promise<void> {
    await super.addThreadItem(threadId, item, context);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(item)) return true;
      waiter.resolve(item);
      return false;
    });
  }

  /** Resolves with the first item added from now on that matches. */
  added(match: (item: ThreadItem) => boolean): Promise<ThreadItem> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** All items of a thread, oldest first, hidden ones included. */
  async all(threadId: string): Promise<ThreadItem[]> {
    return (await this.loadThreadItems(threadId, undefined, 1000, 'asc', undefined)).data;
  }
}

export interface Harness {
  url: string;
  store: WatchedStore;
  /** Errors the server reported through onError. */
  errors: unknown[];
  /** POSTs a JSON body (or a raw string). */
  post(body: unknown, init?: RequestInit): Promise<Response>;
  /** POSTs a streaming request and returns all its events (asserting 200 + SSE headers). */
  stream(body: unknown): Promise<ThreadStreamEvent[]>;
  /** POSTs a non-streaming request and returns status and parsed JSON. */
  json(body: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  action?: ActionFn;
  syncAction?: SyncActionFn;
  maxBodyBytes?: number;
  store?: WatchedStore;
  context?: (req: IncomingMessage) => unknown;
  /** Further handler options (allowed origins, limits, timeouts). */
  handler?: Omit<ChatKitHandlerOptions<unknown>, 'context' | 'maxBodyBytes'>;
  /** Further server options (attachment store, transcribe hook). */
  server?: Pick<ChatKitServerOptions<unknown>, 'attachments' | 'transcribe'>;
  /** Wraps the handler (to simulate a framework that parses the body first). */
  wrap?: (handler: ReturnType<typeof createChatKitHandler>) => ReturnType<typeof createChatKitHandler>;
}

export async function startServer(respond: RespondFn, options: HarnessOptions = {}): Promise<Harness> {
  const store = options.store ?? new WatchedStore();
  const errors: unknown[] = [];
  const server = new ChatKitServer({
    ...options.server,
    store,
    respond,
    action: options.action,
    syncAction: options.syncAction,
    onError: (error) => errors.push(error),
  });
  const handler = createChatKitHandler(server, {
    ...options.handler,
    maxBodyBytes: options.maxBodyBytes,
    context: options.context,
  });
  const http = createServer(options.wrap ? options.wrap(handler) : handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/chatkit`;
  const post = (body: unknown, init: RequestInit = {}) =>
    fetch(url, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
      // A JSON client always says so; a test adding its own headers keeps it.
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    url,
    store,
    errors,
    post,
    async stream(body) {
      const response = await post(body);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      return readSse(response);
    },
    async json(body) {
      const response = await post(body);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      return { status: response.status, body: await response.json() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** A user message input as the client sends it. */
export function input(text: string, extra: Partial<UserMessageInput> = {}): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {}, ...extra };
}

export const createThread = (text: string) => ({ type: 'threads.create', params: { input: input(text) } });
export const addMessage = (threadId: string, text: string) => ({
  type: 'threads.add_user_message',
  params: { thread_id: threadId, input: input(text) },
});

export const types = (events: ThreadStreamEvent[]) => events.map((event) => event.type);

/** The id of the thread a `threads.create` stream created. */
export function createdThreadId(events: ThreadStreamEvent[]): string {
  const first = events[0];
  assert.equal(first?.type, 'thread.created');
  return first.thread.id;
}

/** The final text of every assistant message done in a stream. */
export function assistantTexts(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'thread.item.done' && event.item.type === 'assistant_message'
      ? [event.item.content.map((part) => part.text).join('')]
      : [],
  );
}

/** Joins the text deltas of a stream. */
export function deltas(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
      ? [event.update.delta]
      : [],
  );
}
