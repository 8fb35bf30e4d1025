import type { ThreadItem, ThreadMetadata, UserMessageItem } from '../../protocol/types.js';
import type { RespondContext } from '../chatkit-server.js';

/**
 * One model input item in the Agents SDK's format (an `AgentInputItem`): what a thread's stored
 * items become when they are sent back to the model.
 */
export type AgentInputMessage =
  | { type: 'message'; role: 'user'; content: { type: 'input_text'; text: string }[] }
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
export function threadItemsToAgentInput(items: readonly ThreadItem[], options: AgentInputOptions = {}): AgentInputMessage[] {
  return items.flatMap((item) => options.convert?.(item) ?? defaultConversion(item));
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
  return threadItemsToAgentInput(newestFirst.slice(0, limit).reverse(), options);
}

function defaultConversion(item: ThreadItem): AgentInputMessage[] {
  switch (item.type) {
    case 'user_message':
      return [{ type: 'message', role: 'user', content: userContent(item) }];
    case 'assistant_message': {
      const content = item.content.filter((part) => part.text !== '').map((part) => ({ type: 'output_text' as const, text: part.text }));
      return content.length > 0 ? [{ type: 'message', role: 'assistant', status: 'completed', content }] : [];
    }
    case 'client_tool_call':
      // A pending call has no output yet; the model must never see a call without its result.
      if (item.status !== 'completed') return [];
      return [
        { type: 'function_call', callId: item.call_id, name: item.name, arguments: JSON.stringify(item.arguments), status: 'completed' },
        { type: 'function_call_result', callId: item.call_id, name: item.name, status: 'completed', output: JSON.stringify(item.output ?? null) },
      ];
    case 'hidden_context_item':
    case 'sdk_hidden_context': {
      const text = typeof item.content === 'string' ? item.content : JSON.stringify(item.content ?? null);
      return [{ type: 'message', role: 'system', content: text }];
    }
    case 'widget':
      return item.copy_text
        ? [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: item.copy_text }] }]
        : [];
    default:
      return [];
  }
}

function userContent(item: UserMessageItem): { type: 'input_text'; text: string }[] {
  const parts = item.content.map((part) => ({ type: 'input_text' as const, text: part.text }));
  if (item.quoted_text) parts.unshift({ type: 'input_text', text: `Quoting: ${item.quoted_text}` });
  const names = item.attachments.map((attachment) => attachment.name);
  if (names.length > 0) parts.push({ type: 'input_text', text: `Attached files (not shown to you): ${names.join(', ')}` });
  return parts;
}
