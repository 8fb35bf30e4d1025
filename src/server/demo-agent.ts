/**
 * The built-in demo agent that `npm start` runs: deterministic, no model, a keyword per behaviour
 * (streaming, progress, a client tool, effects, notices, errors) so that every feature of the
 * element can be tried and tested by hand.
 */
import type { JsonObject, JsonValue, ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '../protocol/types.js';
import type { RespondContext, RespondFn } from './types.js';
import { describeReceived } from './demo-received.js';
import { CustomStreamError } from './errors.js';
import { clientEffect, clientToolCall, notice, progress, streamAssistantText } from './respond-helpers.js';
import { answerAfterStructuredInput, WIDGET_COMMANDS } from './demo-widgets.js';

/** Options of {@link createDemoAgent}. */
export interface DemoAgentOptions {
  /**
   * Pause between streamed tokens in ms (progress steps wait 5×, `slow` at least 150 ms per
   * token). Defaults to 20; use 0 in tests (tokens still go out one event-loop turn apart).
   */
  delayMs?: number;
}

/** A keyword the demo agent reacts to, as listed on the demo page. */
export interface DemoCommand {
  /** The word to type (case-insensitive, matched at the start of a word). */
  keyword: string;
  /** What the agent does then. */
  description: string;
}

interface Turn {
  thread: ThreadMetadata;
  ctx: RespondContext<unknown>;
  text: string;
  delayMs: number;
  /** Streams `text` as one assistant message, token by token. */
  say(text: string, delayMs?: number): AsyncGenerator<ThreadStreamEvent>;
  pause(ms: number): Promise<void>;
}

interface Command extends DemoCommand {
  aliases: string[];
  run(turn: Turn): AsyncGenerator<ThreadStreamEvent>;
}

const COMMANDS: Command[] = [
  {
    keyword: 'crash',
    aliases: [],
    description: 'Throws an unexpected error: the stream ends with a generic `stream.error` the user may retry.',
    async *run() {
      throw new Error('The demo agent crashed on purpose.');
    },
  },
  {
    keyword: 'error',
    aliases: [],
    description:
      'Streams a few words, then fails with the custom error "The demo agent failed on purpose." (retry allowed).',
    async *run(turn) {
      async function* words(): AsyncGenerator<string> {
        yield* paced('Let me start on that, and then', turn);
        throw new CustomStreamError('The demo agent failed on purpose.', { allowRetry: true });
      }
      yield* streamAssistantText(turn.ctx, turn.thread, words());
    },
  },
  {
    keyword: 'selected',
    aliases: ['selection'],
    description:
      'Shows "Reading selection...", then calls the `get_selected_items` client tool and answers with what the page returns, e.g. `{itemIds: ["a", "b"]}` (also: "selection").',
    async *run(turn) {
      yield progress('Reading selection...');
      yield clientToolCall(turn.ctx, turn.thread, 'get_selected_items', {});
    },
  },
  {
    keyword: 'search',
    aliases: [],
    description:
      'Shows progress updates ("Searching articles...", "Found 12 articles...", "Processing article 1/12...") and lists the results.',
    async *run(turn) {
      const step = turn.delayMs * 5;
      yield progress('Searching articles...', 'search');
      await turn.pause(step);
      const total = 12;
      yield progress(`Found ${total} articles...`);
      await turn.pause(step);
      for (let index = 0; index < total; index += 5) {
        yield progress(`Processing article ${index + 1}/${total}...`);
        await turn.pause(step);
      }
      yield* turn.say(
        [
          `I searched for **${oneLine(turn.text)}** and read ${total} articles. The most relevant:`,
          '',
          '1. **Streaming responses with server-sent events**: why `text/event-stream` keeps the UI responsive.',
          '2. **Client effects versus client tools**: fire-and-forget updates versus questions the page answers.',
          '3. **Progress updates**: keeping users informed during long operations.',
        ].join('\n'),
      );
    },
  },
  {
    keyword: 'status',
    aliases: [],
    description:
      'Sends the `update_status` client effect `{state: {energy: 80, happiness: 90}, flash: "Status updated!"}`.',
    async *run(turn) {
      yield clientEffect('update_status', { state: { energy: 80, happiness: 90 }, flash: 'Status updated!' });
      yield* turn.say('Your status is updated: **energy 80**, **happiness 90**.');
    },
  },
  {
    keyword: 'notify',
    aliases: [],
    description: 'Sends the `show_notification` client effect `{message: "Task completed!"}`.',
    async *run(turn) {
      yield clientEffect('show_notification', { message: 'Task completed!' });
      yield* turn.say('Done: I asked the page to show a notification.');
    },
  },
  {
    keyword: 'marker',
    aliases: ['map'],
    description:
      'Sends the `add_marker` client effect `{id, lat, lng, label}`, derived from your text: "marker for Paris" labels it "Paris" (also: "map").',
    async *run(turn) {
      const marker = markerFor(turn.text);
      yield clientEffect('add_marker', marker);
      yield* turn.say(`I added the marker **${marker.label}** at ${marker.lat}, ${marker.lng}.`);
    },
  },
  {
    keyword: 'notice',
    aliases: [],
    description: 'Sends an info `notice` with a Markdown message.',
    async *run(turn) {
      yield notice(
        'info',
        'This is a **notice** from the demo agent. Notices carry Markdown, such as `code` and [links](https://github.com/openai/chatkit-python).',
        'Heads up',
      );
      yield* turn.say('I sent you a notice.');
    },
  },
  {
    keyword: 'slow',
    aliases: [],
    description: 'Streams a long answer slowly, to try the Stop button.',
    async *run(turn) {
      const words = Array.from({ length: 60 }, (_, index) => `word${index + 1}`).join(' ');
      yield* turn.say(`Streaming slowly so you can press Stop: ${words}.`, Math.max(150, turn.delayMs * 8));
    },
  },
  {
    keyword: 'snippet',
    aliases: ['highlight'],
    description: 'Answers with short code blocks in TypeScript, Python and shell, to show syntax highlighting.',
    async *run(turn) {
      yield* turn.say(
        [
          'A client that sends one message, in three languages:',
          '',
          '```ts',
          '// Post a message to a ChatKit endpoint.',
          'export async function ask(url: string, text: string): Promise<boolean> {',
          "  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ text }) });",
          '  return response.status === 200;',
          '}',
          '```',
          '',
          '```python',
          'def ask(url, text):',
          '    """Send one message."""',
          '    return requests.post(url, json={"text": text}, timeout=30)  # seconds',
          '```',
          '',
          '```bash',
          `curl -N -X POST "$CHAT_URL" --data '{"type": "threads.create"}'`,
          '```',
        ].join('\n'),
      );
    },
  },
  // Widgets, workflows and structured input (demo-widgets.ts).
  ...WIDGET_COMMANDS,
];

/**
 * The commands of the demo agent, in the order they are tried: the first whose keyword (or an
 * alias named in its description) starts a word of the message wins; otherwise the agent echoes.
 */
export const DEMO_COMMANDS: readonly DemoCommand[] = Object.freeze(
  COMMANDS.map(({ keyword, description }) => Object.freeze({ keyword, description })),
);

/**
 * Creates the built-in deterministic demo agent: no model, no API key, the same answer for the
 * same text. It names an untitled thread after the first message (3 to 5 words), then reacts to
 * the first keyword of {@link DEMO_COMMANDS} found in the message (case-insensitive):
 *
 * - `crash`: throws a plain error (→ `stream.error`, retry allowed).
 * - `error`: streams a few words, then throws `CustomStreamError("The demo agent failed on purpose.", {allowRetry: true})`.
 * - `selected` / `selection`: progress "Reading selection...", then a pending `get_selected_items`
 *   client tool call with `{}` that ends the turn; once the output arrives it answers
 *   "You have 2 items selected: a, b." for `{itemIds: ["a", "b"]}`, or reports `{error}`.
 * - `search`: progress "Searching articles..." (icon `search`), "Found 12 articles...",
 *   "Processing article 1/12...", "6/12", "11/12", then a list of results.
 * - `status`: client effect `update_status` `{state: {energy: 80, happiness: 90}, flash: "Status updated!"}`.
 * - `notify`: client effect `show_notification` `{message: "Task completed!"}`.
 * - `marker` / `map`: client effect `add_marker` `{id, lat, lng, label}` derived from the text.
 * - `notice`: an info `notice` with Markdown.
 * - `slow`: a long answer at 150 ms or more per token, for trying Stop.
 * - anything else: a Markdown answer (heading, bold, list, code span, fenced block) echoing the text.
 *
 * @param options - Token pacing.
 * @returns A respond function for `ChatKitServer`.
 */
export function createDemoAgent<C = unknown>(options: DemoAgentOptions = {}): RespondFn<C> {
  const delayMs = Math.max(0, options.delayMs ?? 20);
  return async function* demoAgent(thread, item, ctx) {
    const text = item ? messageText(item) : '';
    const turn: Turn = {
      thread,
      ctx,
      text,
      delayMs,
      say: (answer, ms = delayMs) => streamAssistantText(ctx, thread, paced(answer, { ctx, delayMs: ms })),
      pause: (ms) => pause(ms, ctx.signal),
    };
    if (!item) {
      const answered = await answerAfterStructuredInput(turn);
      yield* answered === undefined ? continueAfterTool(turn) : turn.say(answered);
      return;
    }
    const names = item.attachments.map((attachment) => attachment.name).join(' ');
    if (!thread.title) thread.title = demoTitle(text || names);
    const command = COMMANDS.find(({ keyword, aliases }) =>
      [keyword, ...aliases].some((word) => new RegExp(`\\b${word}`, 'i').test(text)),
    );
    const received = await describeReceived(item, ctx);
    // A demo command that carried only the composer's model (the page preselects one) goes
    // straight to its answer; files or a chosen tool are always described first.
    const modelOnly = item.attachments.length === 0 && !item.inference_options.tool_choice;
    if (received && !(command && modelOnly)) yield* turn.say(received);
    // Files sent without a word: describing them is the whole answer.
    if (!text && received) return;
    yield* command ? command.run(turn) : turn.say(echo(text));
  };
}

/**
 * Derives the demo agent's deterministic 3-5 word thread title from a message: its first five
 * words, or "Chat about …" for shorter messages.
 *
 * @param text - The first user message.
 */
export function demoTitle(text: string): string {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0) return 'A new conversation';
  const picked = words.length >= 3 ? words.slice(0, 5) : ['Chat', 'about', ...words];
  const title = picked.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Answers after the page posted a client tool output (respond called with `item === null`). */
async function* continueAfterTool(turn: Turn): AsyncGenerator<ThreadStreamEvent> {
  const { ctx, thread } = turn;
  const recent = await ctx.store.loadThreadItems(thread.id, undefined, 20, 'desc', ctx.context);
  const call = recent.data.find((entry) => entry.type === 'client_tool_call');
  if (call?.type !== 'client_tool_call' || call.status !== 'completed') {
    yield* turn.say('There is nothing for me to continue.');
    return;
  }
  if (call.name === 'get_selected_items') {
    yield* turn.say(describeSelection(call.output));
    return;
  }
  yield* turn.say(
    `The page answered \`${call.name}\` with:\n\n\`\`\`json\n${JSON.stringify(call.output ?? null, null, 2)}\n\`\`\``,
  );
}

function describeSelection(output: JsonValue | undefined): string {
  if (isObject(output) && typeof output.error === 'string') return `I could not read your selection: ${output.error}`;
  const ids = isObject(output) && Array.isArray(output.itemIds) ? output.itemIds.map((id) => String(id)) : null;
  if (!ids) return `The page sent a selection I do not understand: \`${JSON.stringify(output ?? null)}\`.`;
  if (ids.length === 0) return 'You have no items selected.';
  return `You have ${ids.length} ${ids.length === 1 ? 'item' : 'items'} selected: ${ids.join(', ')}.`;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageText(item: UserMessageItem): string {
  return item.content
    .map((part) => part.text)
    .join(' ')
    .trim();
}

function oneLine(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').replaceAll('*', '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function echo(text: string): string {
  const longestTicks = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestTicks + 1));
  return [
    '### Demo reply',
    '',
    `You said **${oneLine(text)}**. This built-in agent needs no API key, and it can:`,
    '',
    '- stream Markdown token by token, like this answer',
    '- show progress updates (try `search`)',
    '- send client effects (try `status`, `notify` or `marker`)',
    '- ask the page through a client tool (try `selected`)',
    '',
    'Your message, verbatim:',
    '',
    `${fence}text`,
    text,
    fence,
  ].join('\n');
}

/** FNV-1a: a tiny stable hash, so the same text always gives the same marker. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (const char of text) {
    value ^= char.codePointAt(0) ?? 0;
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

function markerFor(text: string): { id: string; lat: number; lng: number; label: string } {
  const value = hash(text.toLowerCase());
  const place = /\b(?:for|at|in|on|near)\s+(.+)$/i
    .exec(text)?.[1]
    ?.replace(/[.!?]+$/, '')
    .trim();
  return {
    id: `marker_${value.toString(16).padStart(8, '0')}`,
    lat: Number(((value % 14000) / 100 - 70).toFixed(2)),
    lng: Number((((value >>> 7) % 36000) / 100 - 180).toFixed(2)),
    label: place ? place.slice(0, 40) : 'Demo marker',
  };
}

/** Splits text into small tokens (whitespace travels with the next word); joined, they give the text back. */
function demoTokens(text: string): string[] {
  return text.match(/\s*\S{1,5}|\s+$/g) ?? [];
}

async function* paced(text: string, turn: { ctx: RespondContext<unknown>; delayMs: number }): AsyncGenerator<string> {
  for (const token of demoTokens(text)) {
    await pause(turn.delayMs, turn.ctx.signal);
    if (turn.ctx.signal.aborted) return;
    yield token;
  }
}

/** Waits `ms` (or one event-loop turn for 0), returning early when the client goes away. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
