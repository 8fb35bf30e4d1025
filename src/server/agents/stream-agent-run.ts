/**
 * A streamed Agents SDK run as ChatKit events, like chatkit-python's `stream_agent_response`
 * (chatkit/agents.py): model text as assistant messages, tool calls as progress lines, the
 * events tools emit in order with them, a client tool call as the turn's last event, and an idle
 * timeout that ends a silent run with a retryable error.
 */
import type {
  Annotation,
  AssistantMessageContent,
  AssistantMessageItem,
  ClientToolCallItem,
  JsonObject,
  JsonValue,
  ThreadStreamEvent,
} from '../../protocol/types.js';
import { CustomStreamError } from '../errors.js';
import { progress } from '../respond-helpers.js';
import { attachSink, type AgentChatContext } from './chat-context.js';

/**
 * The parts of an Agents SDK stream event the bridge reads. The SDK's `RunStreamEvent`
 * (`raw_model_stream_event`, `run_item_stream_event`, `agent_updated_stream_event`) fits it, so
 * the server kit's types never depend on the optional `@openai/agents` package.
 */
export interface AgentRunEvent {
  readonly type: string;
  readonly name?: string;
  readonly data?: unknown;
  readonly item?: unknown;
}

/** A streamed agent run: the SDK's `StreamedRunResult` (from `run(agent, input, { stream: true })`) fits it. */
export interface AgentRun extends AsyncIterable<AgentRunEvent> {
  /** Settles when the run is over. */
  readonly completed?: Promise<unknown>;
  /** The error that ended the run, if any. */
  readonly error?: unknown;
}

/** A tool call the model made, as {@link StreamAgentRunOptions.toolProgress} sees it. */
export interface AgentToolCall {
  /** The tool name (a function tool, or a hosted tool such as `web_search_call`). */
  name: string;
  /** `function` for function tools (yours and client tools), `hosted` for provider-run tools. */
  kind: 'function' | 'hosted';
  /** The parsed arguments (`{}` when they are not a JSON object). */
  arguments: JsonObject;
}

/** Options of {@link streamAgentRun}. */
export interface StreamAgentRunOptions {
  /**
   * Names of the client tools: a call to one of them ends the turn with a pending
   * `client_tool_call` item (give the agent `toolUseBehavior: { stopAtToolNames: names }`).
   * Only the first client tool call of a turn is sent to the page.
   */
  clientTools?: readonly string[];
  /**
   * The progress line shown when the model calls a tool, or null for none. Defaults to
   * "Using <name>…" for every tool.
   */
  toolProgress?: (call: AgentToolCall) => string | { text: string; icon?: string } | null;
  /**
   * Ends the run with a "took too long" error when neither the model nor a tool sent anything
   * for this many ms. Defaults to 120 000; 0 turns it off.
   */
  idleTimeoutMs?: number;
  /** Aborted by the bridge when the idle timeout fires, to stop the SDK run. */
  abort?: AbortController;
}

/** The message of the error that ends a run idle for longer than `idleTimeoutMs`. */
export const IDLE_TIMEOUT_MESSAGE = 'The assistant took too long to answer. Please try again.';

type Entry =
  | { kind: 'chat'; event: ThreadStreamEvent }
  | { kind: 'sdk'; event: AgentRunEvent }
  | { kind: 'end' }
  | { kind: 'failed'; error: unknown };

/**
 * Turns a streamed Agents SDK run into ChatKit events, like chatkit-python's
 * `stream_agent_response`: model text becomes assistant messages (`thread.item.added`,
 * `content_part.added`, `text_delta`s, `content_part.done`, `thread.item.done`), tool calls become
 * `progress_update`s, events that tools emit through the {@link AgentChatContext} are streamed
 * in order with them, and a client tool call ends the turn with a pending `client_tool_call`.
 * Start the run with `context: chat`.
 *
 * @param chat - The context the run was started with.
 * @param run - The streamed run (`StreamedRunResult`).
 * @param options - Client tools, progress wording and the idle timeout.
 * @throws The run's error (map provider errors with `providerStreamError`).
 */
export async function* streamAgentRun<C>(
  chat: AgentChatContext<C>,
  run: AgentRun,
  options: StreamAgentRunOptions = {},
): AsyncGenerator<ThreadStreamEvent> {
  const queue = new EntryQueue();
  const detach = attachSink(chat, (event) => queue.push({ kind: 'chat', event }));
  void pump(run, queue);
  const mapper = new RunMapper(chat, options);
  const idleMs = options.idleTimeoutMs ?? 120_000;
  try {
    for (;;) {
      const entry = await queue.next(idleMs);
      if (entry === TIMED_OUT) {
        options.abort?.abort(new Error(IDLE_TIMEOUT_MESSAGE));
        throw new CustomStreamError(IDLE_TIMEOUT_MESSAGE, { allowRetry: true });
      }
      switch (entry.kind) {
        case 'chat':
          yield entry.event;
          break;
        case 'sdk':
          yield* mapper.map(entry.event);
          break;
        case 'end':
          yield* mapper.finish();
          return;
        case 'failed':
          throw entry.error;
      }
    }
  } finally {
    detach();
  }
}

async function pump(run: AgentRun, queue: EntryQueue): Promise<void> {
  try {
    for await (const event of run) queue.push({ kind: 'sdk', event });
    await run.completed;
    if (run.error !== undefined && run.error !== null) throw run.error;
    queue.push({ kind: 'end' });
  } catch (error) {
    queue.push({ kind: 'failed', error });
  }
}

const TIMED_OUT = Symbol('timed out');

/** A FIFO with one reader: SDK events and tool events land in the order they happen. */
class EntryQueue {
  private readonly entries: Entry[] = [];
  private wake: (() => void) | undefined;

  push(entry: Entry): void {
    this.entries.push(entry);
    this.wake?.();
  }

  async next(timeoutMs: number): Promise<Entry | typeof TIMED_OUT> {
    for (;;) {
      const entry = this.entries.shift();
      if (entry) return entry;
      const woke = await new Promise<boolean>((resolve) => {
        const timer = timeoutMs > 0 ? setTimeout(() => resolve(false), timeoutMs) : undefined;
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.wake = undefined;
      if (!woke) return TIMED_OUT;
    }
  }
}

interface OpenMessage {
  item: AssistantMessageItem;
  providerId: string | undefined;
}

/** Keeps the state of one run's mapping: open assistant messages and the pending client call. */
class RunMapper<C> {
  private readonly open: OpenMessage[] = [];
  private pendingCall: ClientToolCallItem | undefined;
  private readonly clientTools: ReadonlySet<string>;

  constructor(
    private readonly chat: AgentChatContext<C>,
    private readonly options: StreamAgentRunOptions,
  ) {
    this.clientTools = new Set(options.clientTools ?? []);
  }

  *map(event: AgentRunEvent): Generator<ThreadStreamEvent> {
    if (event.type === 'raw_model_stream_event') {
      const data = event.data;
      if (isRecord(data) && data.type === 'output_text_delta' && typeof data.delta === 'string') {
        yield* this.delta(data.delta, stringOr(data.itemId), contentIndex(data.providerData));
      }
      return;
    }
    if (event.type !== 'run_item_stream_event' || !isRecord(event.item)) return;
    const raw = event.item.rawItem;
    if (!isRecord(raw)) return;
    if (event.name === 'message_output_created') yield* this.messageDone(raw);
    else if (event.name === 'tool_called') yield* this.toolCalled(raw);
  }

  *finish(): Generator<ThreadStreamEvent> {
    for (const message of this.open.splice(0)) yield* this.close(message, message.item.content);
    if (this.pendingCall) yield { type: 'thread.item.done', item: this.pendingCall };
  }

  private *delta(delta: string, providerId: string | undefined, index: number): Generator<ThreadStreamEvent> {
    if (delta === '') return;
    let message = this.open.find((entry) => entry.providerId === providerId);
    if (!message) {
      message = this.openMessage(providerId);
      yield { type: 'thread.item.added', item: structuredClone({ ...message.item, content: [] }) };
    }
    yield* this.ensurePart(message, index);
    const part = message.item.content[index];
    if (part) part.text += delta;
    yield {
      type: 'thread.item.updated',
      item_id: message.item.id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: index, delta },
    };
  }

  private *messageDone(raw: Record<string, unknown>): Generator<ThreadStreamEvent> {
    const parts = finalParts(raw.content);
    const providerId = stringOr(raw.id);
    const at = this.open.findIndex((entry) => entry.providerId === providerId);
    const [message] = this.open.splice(at === -1 ? 0 : at, 1);
    if (message) {
      yield* this.close(message, parts);
      return;
    }
    // The provider sent the message without streaming it: show it in one go.
    if (parts.every((part) => part.text === '')) return;
    const fresh = this.newMessage(providerId);
    yield { type: 'thread.item.added', item: structuredClone({ ...fresh.item, content: [] }) };
    for (const [index, part] of parts.entries()) {
      yield* this.ensurePart(fresh, index);
      if (part.text === '') continue;
      yield {
        type: 'thread.item.updated',
        item_id: fresh.item.id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: index, delta: part.text },
      };
    }
    yield* this.close(fresh, parts);
  }

  private *toolCalled(raw: Record<string, unknown>): Generator<ThreadStreamEvent> {
    const name = stringOr(raw.name);
    if (name === undefined) return;
    const kind = raw.type === 'function_call' ? 'function' : raw.type === 'hosted_tool_call' ? 'hosted' : undefined;
    if (!kind) return;
    const args = parseArguments(raw.arguments);
    const line = (this.options.toolProgress ?? defaultToolProgress)({ name, kind, arguments: args });
    if (line !== null) yield typeof line === 'string' ? progress(line) : progress(line.text, line.icon);
    const callId = stringOr(raw.callId);
    if (kind === 'function' && this.clientTools.has(name) && !this.pendingCall && callId !== undefined) {
      const { request, thread } = this.chat;
      this.pendingCall = {
        type: 'client_tool_call',
        id: request.newItemId('tool_call'),
        thread_id: thread.id,
        created_at: request.now(),
        status: 'pending',
        // The model's own call id: the next turn replays this call with the page's output.
        call_id: callId,
        name,
        arguments: args,
      };
    }
  }

  private openMessage(providerId: string | undefined): OpenMessage {
    const message = this.newMessage(providerId);
    this.open.push(message);
    return message;
  }

  private newMessage(providerId: string | undefined): OpenMessage {
    const { request, thread } = this.chat;
    return {
      providerId,
      item: {
        type: 'assistant_message',
        id: request.newItemId('message'),
        thread_id: thread.id,
        created_at: request.now(),
        content: [],
      },
    };
  }

  /**
   * Adds the parts up to `index` that the client has not seen yet, as chatkit-python's
   * `_apply_assistant_message_update` (chatkit/server.py) does: "Pad the content list so the
   * requested content_index exists before we write into it."
   */
  private *ensurePart(message: OpenMessage, index: number): Generator<ThreadStreamEvent> {
    while (message.item.content.length <= index) {
      const content_index = message.item.content.length;
      message.item.content.push(textPart(''));
      yield {
        type: 'thread.item.updated',
        item_id: message.item.id,
        update: { type: 'assistant_message.content_part.added', content_index, content: textPart('') },
      };
    }
  }

  private *close(message: OpenMessage, parts: AssistantMessageContent[]): Generator<ThreadStreamEvent> {
    // The final text is authoritative; parts the stream never opened are opened first.
    const final = parts.length > 0 ? parts : message.item.content;
    yield* this.ensurePart(message, final.length - 1);
    for (const [index, part] of final.entries()) {
      yield {
        type: 'thread.item.updated',
        item_id: message.item.id,
        update: { type: 'assistant_message.content_part.done', content_index: index, content: structuredClone(part) },
      };
    }
    yield { type: 'thread.item.done', item: { ...message.item, content: structuredClone(final) } };
  }
}

/** The default tool progress line: "Using <name>…". */
export function defaultToolProgress(call: AgentToolCall): string {
  return `Using ${call.name}…`;
}

function textPart(text: string, annotations: Annotation[] = []): AssistantMessageContent {
  return { type: 'output_text', text, annotations };
}

/** The final parts of an SDK message output item: output text (with URL citations) and refusals. */
function finalParts(content: unknown): AssistantMessageContent[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown) => {
    if (!isRecord(part)) return [];
    if (part.type === 'output_text' && typeof part.text === 'string') return [textPart(part.text, annotations(part))];
    if (part.type === 'refusal' && typeof part.refusal === 'string') return [textPart(part.refusal)];
    return [];
  });
}

/** URL citations of a Responses output text part (the SDK keeps them in `providerData`). */
function annotations(part: Record<string, unknown>): Annotation[] {
  const list = isRecord(part.providerData) ? part.providerData.annotations : part.annotations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (!isRecord(entry) || entry.type !== 'url_citation' || typeof entry.url !== 'string') return [];
    const title = typeof entry.title === 'string' && entry.title !== '' ? entry.title : entry.url;
    const annotation: Annotation = { type: 'annotation', source: { type: 'url', title, url: entry.url } };
    if (typeof entry.end_index === 'number') annotation.index = entry.end_index;
    return [annotation];
  });
}

function contentIndex(providerData: unknown): number {
  const index = isRecord(providerData) ? providerData.content_index : undefined;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : 0;
}

function parseArguments(raw: unknown): JsonObject {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  try {
    const parsed: JsonValue = JSON.parse(raw) as JsonValue;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
