/**
 * What rich items (widgets, workflows, structured input, generated images) do in the element,
 * loaded with their renderers and styles as one file of its own beside the module (`RichItems`
 * loads it on first use; the all-in-one IIFE has it inside). It keeps their busy and expanded
 * state, and routes widget actions: client handlers become `stream-chat-action`, streaming server actions
 * and structured input answers run as responses in the run controller, and sync actions post
 * `threads.sync_custom_action` and put the returned item in place (also while a response runs).
 */
import type { TemplateResult } from 'lit';
import { requestJson } from '../protocol/client.js';
import type { Action, StructuredInputSubmission, ThreadItem } from '../protocol/types.js';
import { StreamChatError } from '../errors.js';
import type { RichItemOptions } from '../views/messages.js';
import { renderRichItem } from '../widgets/index.js';
import type { ActionRequest, RichContext, WidgetAction } from '../widgets/context.js';
import { showError, shownError } from './chat-store.js';
import type { RichConfig, RichHost } from './rich-items.js';

export { richStyles } from '../widgets/index.js';

export class RichActions {
  private readonly busy = new Set<string>();
  private readonly expanded = new Map<string, boolean>();

  constructor(
    private readonly host: RichHost,
    private readonly config: RichConfig,
  ) {}

  /** Renders a rich item, or undefined (the caller shows its fallback) for an item it does not render. */
  readonly render = (item: ThreadItem, options: RichItemOptions): TemplateResult | undefined => {
    const ctx: RichContext = {
      ...options,
      busy: this.busy,
      expanded: this.expanded,
      strings: this.config.strings(),
      act: (request) => void this.run(request).catch(() => undefined),
      toggle: (itemId, open) => {
        this.expanded.set(itemId, open);
        this.host.requestUpdate();
      },
      answer: (itemId, input) => void this.answer(itemId, input),
    };
    const result = renderRichItem(item, ctx);
    return typeof result === 'symbol' ? undefined : result;
  };

  /** Sends `action` for `itemId` from code (`sendAction`): as a widget's button would. */
  send(action: WidgetAction, itemId: string | null): Promise<void> {
    const item =
      itemId === null ? undefined : this.config.store.state.items.find((candidate) => candidate.id === itemId);
    return this.run({ action, itemId, widget: item?.type === 'widget' ? item.widget : null, busyKey: null });
  }

  /** Runs an action: client handlers dispatch, server handlers post (streamed or sync). */
  private async run(request: ActionRequest): Promise<void> {
    const { action, itemId, widget } = request;
    const wire = action.payload === undefined ? { type: action.type } : { type: action.type, payload: action.payload };
    if (action.handler === 'client') {
      this.config.dispatch('stream-chat-action', { action: wire, itemId, widget });
      return;
    }
    this.setBusy(request.busyKey, true);
    try {
      if (action.streaming === false) await this.sync(wire, itemId);
      else await this.config.run.action(wire, itemId);
    } finally {
      this.setBusy(request.busyKey, false);
    }
  }

  /** Posts `threads.sync_custom_action`; the item it returns replaces its namesake in place. */
  private async sync(action: Action, itemId: string | null): Promise<void> {
    const { store } = this.config;
    const threadId = store.state.threadId;
    if (!threadId) throw this.refuse();
    try {
      const answer = await requestJson(
        { type: 'threads.sync_custom_action', params: { thread_id: threadId, item_id: itemId, action } },
        this.config.request(),
      );
      // The user may have opened another thread meanwhile: the answer belongs to the old one.
      if (store.state.threadId === threadId && answer.updated_item)
        store.apply({ type: 'item-replaced', item: answer.updated_item });
    } catch (error) {
      const shown = { ...shownError(error), allowRetry: false };
      if (store.state.threadId === threadId) showError(this.config, shown);
      throw new StreamChatError(shown.code, this.config.describe(shown), false);
    }
  }

  private async answer(itemId: string, input: StructuredInputSubmission): Promise<void> {
    this.setBusy(itemId, true);
    try {
      await this.config.run.answer(itemId, input);
    } catch {
      // The element already shows and reports the error.
    } finally {
      this.setBusy(itemId, false);
    }
  }

  private refuse(): StreamChatError {
    return new StreamChatError(
      'nothing_to_retry',
      this.config.describe({ code: 'nothing_to_retry', allowRetry: false }),
      false,
    );
  }

  private setBusy(key: string | null, on: boolean): void {
    if (key === null) return;
    if (on) this.busy.add(key);
    else this.busy.delete(key);
    this.host.requestUpdate();
  }
}
