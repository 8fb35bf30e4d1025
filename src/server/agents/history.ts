/**
 * A thread's stored items as Agents SDK model input: user and assistant messages, completed
 * client tool calls as function call and result pairs, hidden context as system messages, and
 * attachments as data URLs (or named in text); the newest items up to a limit, oldest first.
 */
import type { Attachment, ThreadItem, ThreadMetadata, UserMessageItem } from '../../protocol/types.js';
import type { RespondContext } from '../types.js';

/** One part of a user message for the model: text, an image or a file (as data URLs). */
export type AgentUserContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image: string }
  | { type: 'input_file'; file: string; filename: string };

/**
 * One model input item in the Agents SDK's format (an `AgentInputItem`): what a thread's stored
 * items become when they are sent back to the model.
 */
export type AgentInputMessage =
  | { type: 'message'; role: 'user'; content: AgentUserContent[] }
  | { type: 'message'; role: 'assistant'; status: 'completed'; content: { type: 'output_text'; text: string }[] }
  | { type: 'message'; role: 'system'; content: string }
  | { type: 'function_call'; callId: string; name: string; arguments: string; status: 'completed' }
  | { type: 'function_call_result'; callId: string; name: string; status: 'completed'; output: string };

/** Options of {@link threadItemsToAgentInput} and {@link loadAgentInput}. */
export interface AgentInputOptions {
  /**
   * Converts one item, or returns undefined to use the default conversion. Return `[]` to leave
   * the item out.
   */
  convert?: (item: ThreadItem) => AgentInputMessage[] | undefined;
  /**
   * The model input of attachments by id ({@link loadAgentInput} reads them through
   * `ctx.attachments`). Attachments not in it are only named, in text.
   */
  attachments?: ReadonlyMap<string, AgentUserContent[]>;
}

/** Options of {@link loadAgentInput}. */
export interface LoadAgentInputOptions extends AgentInputOptions {
  /** How many of the newest items to send at most. Defaults to 100. */
  limit?: number;
}

/** The most recent items sent to the model by default. */
export const DEFAULT_HISTORY_LIMIT = 100;

/**
 * Turns stored thread items into model input: user messages, assistant messages, completed client
 * tool calls (a `function_call` and its `function_call_result`, so the model sees what the page
 * answered), hidden context notes (as system messages) and widgets with copy text. Pending client
 * tool calls, tasks, workflows and other display-only items are left out.
 *
 * @param items - The items, oldest first.
 * @param options - A per-item conversion hook.
 */
export function threadItemsToAgentInput(
  items: readonly ThreadItem[],
  options: AgentInputOptions = {},
): AgentInputMessage[] {
  return items.flatMap((item) => options.convert?.(item) ?? defaultConversion(item, options.attachments));
}

/**
 * Loads the newest items of a thread from the store (at most `limit`, 100 by default) and turns
 * them into model input with {@link threadItemsToAgentInput}. The user message being answered is
 * already stored, so it is the last input item.
 *
 * @param thread - The thread being answered.
 * @param ctx - The respond context (store and request context).
 * @param options - The item limit and a per-item conversion hook.
 */
export async function loadAgentInput<C>(
  thread: ThreadMetadata,
  ctx: RespondContext<C>,
  options: LoadAgentInputOptions = {},
): Promise<AgentInputMessage[]> {
  const limit = Math.max(1, options.limit ?? DEFAULT_HISTORY_LIMIT);
  const newestFirst: ThreadItem[] = [];
  let after: string | undefined;
  while (newestFirst.length < limit) {
    const page = await ctx.store.loadThreadItems(thread.id, after, limit - newestFirst.length, 'desc', ctx.context);
    newestFirst.push(...page.data);
    if (!page.has_more || page.after === undefined) break;
    after = page.after;
  }
  const items = newestFirst.slice(0, limit).reverse();
  const attachments = new Map(options.attachments);
  for (const item of items) {
    if (item.type !== 'user_message') continue;
    for (const attachment of item.attachments) {
      if (attachments.has(attachment.id)) continue;
      const content = await attachmentInput(attachment, ctx);
      if (content) attachments.set(attachment.id, content);
    }
  }
  return threadItemsToAgentInput(items, { ...options, attachments });
}

/** Largest text file sent to the model as text, in characters; longer ones are cut. */
const MAX_TEXT_CHARS = 100_000;

/**
 * Reads an attachment for the model: images as image inputs, text (and JSON, CSV, Markdown) as
 * text, anything else as a file input. Null when there is no attachment store or no such file.
 */
async function attachmentInput<C>(attachment: Attachment, ctx: RespondContext<C>): Promise<AgentUserContent[] | null> {
  const file = await ctx.attachments?.openAttachment(attachment.id, ctx.context);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  const mime = file.attachment.mime_type;
  if (mime.startsWith('image/'))
    return [{ type: 'input_image', image: `data:${mime};base64,${data.toString('base64')}` }];
  if (mime.startsWith('text/') || mime === 'application/json') {
    const text = data.toString('utf8');
    const shown = text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n[cut: the file is longer]` : text;
    return [{ type: 'input_text', text: `Attached file ${attachment.name} (${mime}):\n${shown}` }];
  }
  return [{ type: 'input_file', file: `data:${mime};base64,${data.toString('base64')}`, filename: attachment.name }];
}

function defaultConversion(
  item: ThreadItem,
  attachments: ReadonlyMap<string, AgentUserContent[]> | undefined,
): AgentInputMessage[] {
  switch (item.type) {
    case 'user_message':
      return [{ type: 'message', role: 'user', content: userContent(item, attachments) }];
    case 'assistant_message': {
      const content = item.content
        .filter((part) => part.text !== '')
        .map((part) => ({ type: 'output_text' as const, text: part.text }));
      return content.length > 0 ? [{ type: 'message', role: 'assistant', status: 'completed', content }] : [];
    }
    case 'client_tool_call':
      // A pending call has no output yet; the model must never see a call without its result.
      if (item.status !== 'completed') return [];
      return [
        {
          type: 'function_call',
          callId: item.call_id,
          name: item.name,
          arguments: JSON.stringify(item.arguments),
          status: 'completed',
        },
        {
          type: 'function_call_result',
          callId: item.call_id,
          name: item.name,
          status: 'completed',
          output: JSON.stringify(item.output ?? null),
        },
      ];
    case 'hidden_context_item':
    case 'sdk_hidden_context': {
      const text = typeof item.content === 'string' ? item.content : JSON.stringify(item.content ?? null);
      return [{ type: 'message', role: 'system', content: text }];
    }
    case 'widget':
      return item.copy_text
        ? [
            {
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: item.copy_text }],
            },
          ]
        : [];
    default:
      return [];
  }
}

function userContent(
  item: UserMessageItem,
  attachments: ReadonlyMap<string, AgentUserContent[]> | undefined,
): AgentUserContent[] {
  const parts: AgentUserContent[] = item.content.map((part) => ({ type: 'input_text' as const, text: part.text }));
  if (item.quoted_text) parts.unshift({ type: 'input_text', text: `Quoting: ${item.quoted_text}` });
  const unread: string[] = [];
  for (const attachment of item.attachments) {
    const content = attachments?.get(attachment.id);
    if (content) parts.push(...content);
    else unread.push(attachment.name);
  }
  if (unread.length > 0)
    parts.push({ type: 'input_text', text: `Attached files (not shown to you): ${unread.join(', ')}` });
  return parts;
}
