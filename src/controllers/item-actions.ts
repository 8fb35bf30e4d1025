/**
 * ItemActionsController: the actions under a finished answer. Copy puts the answer's text (and
 * nothing else) on the clipboard; thumbs up/down post `items.feedback` naming the answer's item
 * id and keep the chosen state (in this browser: see feedback-memory.ts); regenerate is the run
 * controller's. This module, with the actions' view and styles, is a file of its own beside
 * `stream-chat.js` (the all-in-one IIFE has it inside) that `Features` loads early: see there.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestJson } from '../protocol/client.js';
import type { AssistantMessageItem } from '../protocol/types.js';
import { showError, type ChatConfig } from './chat-store.js';
import type { FeedbackKind } from '../features.js';
import { recallFeedback, rememberFeedback } from './feedback-memory.js';

export { itemActions } from '../views/item-actions.js';
export { itemActionsStyles } from '../views/item-actions.styles.js';

export class ItemActionsController implements ReactiveController {
  /** The feedback given per answer id. */
  feedback = new Map<string, FeedbackKind>();
  /** The answer whose text was just copied. */
  copied: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: ChatConfig,
  ) {
    host.addController(this);
  }

  /** The thread whose feedback `feedback` holds. */
  private threadId: string | null = null;

  hostUpdate(): void {
    // Feedback belongs to the open thread's answers: the remembered choices come with the thread.
    const threadId = this.config.store.state.threadId;
    if (threadId === this.threadId) return;
    this.threadId = threadId;
    this.feedback = threadId ? recallFeedback(this.config.request().url, threadId) : new Map();
  }

  /** Copies the answer's text only. */
  readonly copy = async (item: AssistantMessageItem): Promise<void> => {
    await navigator.clipboard.writeText(item.content.map((part) => part.text).join('\n\n'));
    this.copied = item.id;
    this.host.requestUpdate();
  };

  /** Sends thumbs up or down for an answer; the choice shows at once and is taken back if the server refuses it. */
  readonly rate = async (item: AssistantMessageItem, kind: FeedbackKind): Promise<void> => {
    const threadId = this.config.store.state.threadId;
    if (!threadId || this.feedback.get(item.id) === kind) return;
    const before = this.feedback.get(item.id);
    this.feedback = new Map(this.feedback).set(item.id, kind);
    this.host.requestUpdate();
    // Remembered at once, as it shows: a reload while the request runs keeps it too.
    const endpoint = this.config.request().url;
    rememberFeedback(endpoint, threadId, item.id, kind);
    try {
      await requestJson(
        { type: 'items.feedback', params: { thread_id: threadId, item_ids: [item.id], kind } },
        this.config.request(),
      );
    } catch {
      rememberFeedback(endpoint, threadId, item.id, before);
      const next = new Map(this.feedback);
      if (before) next.set(item.id, before);
      else next.delete(item.id);
      this.feedback = next;
      showError(this.config, { code: 'feedback_failed', allowRetry: false });
    }
  };
}
