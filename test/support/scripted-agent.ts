/**
 * A test agent whose behaviour is written in the user's message, one step per line, so browser
 * tests drive the real server kit through every path:
 *
 *   text Hello there      stream these words as tokens
 *   progress Searching... a progress update
 *   effect name {"a":1}   a client effect
 *   notice info Message   a notice
 *   title Some title      set the thread title
 *   latetitle MS Title    save the title MS ms after the turn, as a slow title model does (ctx.waitUntil)
 *   tool name {"x":1}     a client tool call (ends the turn; the rest runs after the output)
 *   error custom Message  a CustomStreamError (add "retry" before the message to allow retry)
 *   crash                 an unexpected exception (stream.error)
 *   hang                  keep the stream open until the client goes away
 *   status locked Reason  set the thread status (active, locked or closed, with an optional reason)
 *   widget Copy text      a widget item (a card the element shows by its copy text)
 *   workflow A|B          a workflow item with custom tasks A and B
 *   markdown A\nB        stream markdown, with \n for line breaks, word by word
 *   partial A\nB         the same, but the message never finishes: the stream stays open
 *   long N                stream N numbered lines (for scrolling)
 *   drip N                the same, 10 ms apart (for acting mid-stream)
 *   flaky Final text      first attempt: "partial" then a retryable error; a retry streams the text
 *
 * A message with no step line gets "Echo: <text>". After a tool output arrives, the agent says
 * "tool output: `<JSON>`" and runs the steps after that tool line.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type {
  ClientToolCallItem,
  JsonObject,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
} from '../../src/protocol/types.js';
import {
  clientEffect,
  clientToolCall,
  CustomStreamError,
  notice,
  progress,
  streamAssistantText,
  type RespondContext,
  type RespondFn,
} from '../../src/server/index.js';

const STEP =
  /^(text|progress|effect|notice|title|latetitle|tool|error|crash|hang|flaky|status|widget|workflow|long|drip|markdown|partial)\b ?(.*)$/;

/** User messages whose flaky step already failed once. */
const failedOnce = new Set<string>();

export const scriptedAgent: RespondFn = async function* (thread, item, ctx) {
  let lines: string[];
  if (item) {
    lines = textOf(item).split('\n');
  } else {
    const { message, call } = await latest(thread, ctx);
    // In a code span, so markdown keeps the JSON as written (backslash escapes included).
    yield* streamAssistantText(ctx, thread, words(`tool output: \`${JSON.stringify(call?.output ?? null)}\``));
    const all = message ? textOf(message).split('\n') : [];
    const done = await completedCalls(thread, ctx, message);
    let seen = 0;
    const index = all.findIndex((line) => line.startsWith('tool ') && ++seen === done);
    lines = all.slice(index + 1);
  }
  if (item && !lines.some((line) => STEP.test(line))) {
    yield* streamAssistantText(ctx, thread, words(`Echo: ${textOf(item)}`));
    return;
  }
  for (const line of lines) {
    const match = STEP.exec(line);
    if (!match) continue;
    const [, step, rest = ''] = match;
    const [first = '', ...others] = rest.split(' ');
    switch (step) {
      case 'text':
        yield* streamAssistantText(ctx, thread, words(rest));
        break;
      case 'progress':
        yield progress(rest, 'search');
        break;
      case 'effect':
        yield clientEffect(first, others.length ? (JSON.parse(others.join(' ')) as JsonObject) : {});
        break;
      case 'notice':
        yield notice(first as 'info' | 'warning' | 'danger', others.join(' '));
        break;
      case 'title':
        thread.title = rest;
        break;
      case 'latetitle':
        ctx.waitUntil?.(saveTitleLater(thread.id, ctx, Number(first), others.join(' ')));
        break;
      case 'tool':
        yield clientToolCall(ctx, thread, first, others.length ? (JSON.parse(others.join(' ')) as JsonObject) : {});
        return;
      case 'error':
        if (first === 'retry') throw new CustomStreamError(others.join(' '), { allowRetry: true });
        throw new CustomStreamError(rest, { allowRetry: false });
      case 'crash':
        throw new Error('scripted crash');
      case 'hang':
        yield* hang(ctx);
        return;
      case 'widget':
        yield {
          type: 'thread.item.done',
          item: {
            id: ctx.newItemId('message'),
            thread_id: thread.id,
            created_at: ctx.now(),
            type: 'widget',
            widget: { type: 'Card', children: [{ type: 'Text', value: rest }] },
            copy_text: rest,
          },
        };
        break;
      case 'workflow':
        yield {
          type: 'thread.item.done',
          item: {
            id: ctx.newItemId('workflow'),
            thread_id: thread.id,
            created_at: ctx.now(),
            type: 'workflow',
            workflow: {
              type: 'custom',
              tasks: rest
                .split('|')
                .map((title) => ({ type: 'custom' as const, title, status_indicator: 'complete' as const })),
              expanded: true,
            },
          },
        };
        break;
      case 'long':
        yield* streamAssistantText(
          ctx,
          thread,
          words(Array.from({ length: Number(first) }, (_, i) => `line ${i + 1}\n\n`).join('')),
        );
        break;
      case 'markdown':
        yield* streamAssistantText(ctx, thread, words(rest.replaceAll('\\n', '\n'), 5));
        break;
      case 'partial': {
        const id = ctx.newItemId('message');
        yield {
          type: 'thread.item.added',
          item: { id, thread_id: thread.id, created_at: ctx.now(), type: 'assistant_message', content: [] },
        };
        yield {
          type: 'thread.item.updated',
          item_id: id,
          update: {
            type: 'assistant_message.content_part.added',
            content_index: 0,
            content: { type: 'output_text', text: '', annotations: [] },
          },
        };
        for await (const delta of words(rest.replaceAll('\\n', '\n'), 5)) {
          yield {
            type: 'thread.item.updated',
            item_id: id,
            update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
          };
        }
        yield* hang(ctx);
        return;
      }
      case 'drip':
        yield* streamAssistantText(
          ctx,
          thread,
          words(Array.from({ length: Number(first) }, (_, i) => `line ${i + 1}\n\n`).join(''), 10),
        );
        break;
      case 'status': {
        const reason = others.join(' ');
        thread.status =
          first === 'active'
            ? { type: 'active' }
            : { type: first as 'locked' | 'closed', ...(reason ? { reason } : {}) };
        yield progress(`status ${first}`);
        break;
      }
      case 'flaky':
        if (item && !failedOnce.has(item.id)) {
          failedOnce.add(item.id);
          yield* streamAssistantText(ctx, thread, words('partial answer'));
          throw new CustomStreamError('Flaky failure', { allowRetry: true });
        }
        yield* streamAssistantText(ctx, thread, words(rest));
        break;
    }
  }
};

/** Splits text into word tokens, keeping the spaces, yielding to the event loop between them. */
async function* words(text: string, ms = 0): AsyncGenerator<string> {
  for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
    await delay(ms);
    yield token;
  }
}

async function* hang(ctx: RespondContext): AsyncGenerator<ThreadStreamEvent> {
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function textOf(item: UserMessageItem): string {
  return item.content.map((part) => part.text).join('');
}

async function recent(thread: ThreadMetadata, ctx: RespondContext): Promise<ThreadItem[]> {
  return (await ctx.store.loadThreadItems(thread.id, undefined, 100, 'desc', ctx.context)).data;
}

async function latest(thread: ThreadMetadata, ctx: RespondContext) {
  const items = await recent(thread, ctx);
  const call = items.find((item): item is ClientToolCallItem => item.type === 'client_tool_call');
  const message = items.find((item): item is UserMessageItem => item.type === 'user_message');
  return { call, message };
}

async function completedCalls(
  thread: ThreadMetadata,
  ctx: RespondContext,
  message: UserMessageItem | undefined,
): Promise<number> {
  const items = await recent(thread, ctx);
  const since = message ? items.slice(0, items.indexOf(message)) : items;
  return since.filter((item) => item.type === 'client_tool_call' && item.status === 'completed').length;
}

/** Saves a title into the store after the turn, unless the thread is gone or was named meanwhile. */
async function saveTitleLater(threadId: string, ctx: RespondContext, ms: number, title: string): Promise<void> {
  await delay(ms);
  const stored = await ctx.store.loadThread(threadId, ctx.context);
  if (stored && !stored.title) await ctx.store.saveThread({ ...stored, title }, ctx.context);
}
