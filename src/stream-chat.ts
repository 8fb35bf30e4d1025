import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { styles } from './stream-chat.styles.js';
import { chatEvent, type StreamChatEventMap } from './events.js';
import { ChatController, type ClientToolHandler } from './controllers/chat-controller.js';
import { AutoscrollController } from './controllers/autoscroll.js';
import { HistoryController } from './controllers/history-controller.js';
import type { ClientOptions } from './protocol/client.js';
import { directionOf, stringsFor, type Strings } from './i18n.js';
import type { ShownError } from './state/reducer.js';
import { renderMessages } from './views/messages.js';
import { renderComposer } from './views/composer.js';
import { renderError, renderNotices, renderProgress } from './views/status.js';
import { renderHistory, type HistoryProps } from './views/history.js';
import { renderHeader } from './views/header.js';
import { RichItems } from './widgets/host.js';
import type { WidgetAction } from './widgets/context.js';
import type { StructuredInputSubmission } from './protocol/types.js';

/**
 * A drop-in chat UI that streams ChatKit conversations over server-sent events.
 *
 * @tag stream-chat
 *
 * @fires {CustomEvent<ResponseStartDetail>} stream-chat-response-start - A response began (send or retry); once per response, across client-tool round trips. Bubbles, composed. `detail: {threadId}`.
 * @fires {CustomEvent<ResponseEndDetail>} stream-chat-response-end - The response is over; exactly once after every start. Bubbles, composed. `detail: {threadId, reason: 'complete' | 'error' | 'aborted'}`.
 * @fires {CustomEvent<ProgressDetail>} stream-chat-progress - A progress update arrived ("Searching..."). Bubbles, composed. `detail: {text, icon?}`.
 * @fires {CustomEvent<EffectDetail>} stream-chat-effect - A client effect arrived; fire-and-forget, in stream order. Bubbles, composed. `detail: {name, data}`.
 * @fires {CustomEvent<ClientToolDetail>} stream-chat-client-tool - The server asks the page for something; call `detail.respondWith(value | Promise)` synchronously. Bubbles, composed. `detail: {name, params, callId, threadId, respondWith}`.
 * @fires {CustomEvent<ThreadChangeDetail>} stream-chat-thread-change - The open thread changed (created, chosen, set by code, or cleared). Bubbles, composed. `detail: {threadId}`.
 * @fires {CustomEvent<ThreadLoadDetail>} stream-chat-thread-load-start - An existing thread started loading. Bubbles, composed. `detail: {threadId}`.
 * @fires {CustomEvent<ThreadLoadDetail>} stream-chat-thread-load-end - An existing thread finished loading (or failed to). Bubbles, composed. `detail: {threadId}`.
 * @fires {CustomEvent<ThreadUpdateDetail>} stream-chat-thread-update - The server changed the open thread's title or status. Bubbles, composed. `detail: {thread: {id, title?, status}}`.
 * @fires {CustomEvent<NoticeDetail>} stream-chat-notice - The server sent a notice. Bubbles, composed. `detail: {level, message, title?}`.
 * @fires {CustomEvent<ActionDetail>} stream-chat-action - A widget action whose handler is `client` was triggered; nothing is posted. Bubbles, composed. `detail: {action: {type, payload?}, itemId, widget}`.
 * @fires {CustomEvent<ErrorDetail>} stream-chat-error - A request or stream failed; the element shows it too. Bubbles, composed. `detail: {code, message, allowRetry}`.
 *
 * @attribute {boolean} responding - Reflected and read-only: present while a response runs (also `:state(responding)`).
 *
 * @slot header - Replaces the title in the header.
 * @slot empty - The start screen of an empty conversation (defaults to the `greeting`).
 * @slot composer-actions - Extra controls beside the send button.
 *
 * @csspart header - The bar above the messages with the title and the new-conversation button.
 * @csspart title - The thread title.
 * @csspart new-thread-button - The new-conversation button.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - Every message row; also `user-message` or `assistant-message`.
 * @csspart user-message - A message the user sent.
 * @csspart assistant-message - A reply from the assistant.
 * @csspart tool - A client tool call line.
 * @csspart fallback - An item shown as plain text (a rich item while its renderer loads).
 * @csspart widget - A rendered widget item.
 * @csspart workflow - A workflow's collapsible activity view.
 * @csspart task - A standalone task card.
 * @csspart structured-input - The questions of a structured input item (a form while pending).
 * @csspart generated-image - A generated image, or its placeholder while it generates.
 * @csspart progress - The latest progress line.
 * @csspart error - The error banner.
 * @csspart retry-button - The Retry button in the error banner.
 * @csspart notice - A notice banner.
 * @csspart composer - The form with the input and buttons.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 * @csspart stop-button - The stop button shown while a response can be cancelled.
 * @csspart history - The thread list panel.
 * @csspart history-button - The header button that shows or hides the thread list.
 *
 * @cssprop [--stream-chat-accent=#2563eb] - Accent colour (send button, user bubbles, focus rings).
 * @cssprop [--stream-chat-on-accent=#fff] - Text on the accent colour.
 * @cssprop [--stream-chat-background=#fff] - Background.
 * @cssprop [--stream-chat-foreground=#1f2328] - Text colour.
 * @cssprop [--stream-chat-muted=#656d76] - Secondary text (progress, tool lines).
 * @cssprop [--stream-chat-border-color=#d8dee4] - Borders.
 * @cssprop [--stream-chat-border=1px solid] - The element's own border.
 * @cssprop [--stream-chat-surface=#f6f8fa] - Banners and code blocks.
 * @cssprop [--stream-chat-user-bubble-background=accent] - User bubble background.
 * @cssprop [--stream-chat-user-bubble-color=on-accent] - User bubble text.
 * @cssprop [--stream-chat-assistant-bubble-background=transparent] - Assistant bubble background.
 * @cssprop [--stream-chat-assistant-bubble-color=foreground] - Assistant bubble text.
 * @cssprop [--stream-chat-danger=#cf222e] - Error colour.
 * @cssprop [--stream-chat-warning=#9a6700] - Warning colour.
 * @cssprop [--stream-chat-radius=12px] - Corner radius.
 * @cssprop [--stream-chat-spacing=12px] - Gap between messages and padding.
 * @cssprop [--stream-chat-font-family=system-ui] - Font.
 * @cssprop [--stream-chat-font-family-mono=ui-monospace] - Code font.
 * @cssprop [--stream-chat-font-size=15px] - Base font size.
 * @cssprop [--stream-chat-height=100%] - Height of the element.
 * @cssprop [--stream-chat-input-background=background] - Composer input background.
 * @cssprop [--stream-chat-history-width=260px] - Width of the thread list side panel.
 *
 * @cssstate responding - A response is running.
 */
export class StreamChatElement extends LitElement {
  static override styles = styles;

  /** The ChatKit endpoint; every request is a POST here. */
  @property({ attribute: 'api-url' }) apiUrl = '';

  /** The open thread: setting it loads that thread, null shows a new conversation. Updated when the server creates one. */
  @property({ attribute: 'thread-id', reflect: true }) threadId: string | null = null;

  /** A storage key: the open thread id is kept in `localStorage` under it and restored on connect. */
  @property({ attribute: 'remember-thread' }) rememberThread?: string;

  /** Shows the thread list (history) panel. */
  @property({ type: Boolean }) history = false;

  /** Composer placeholder (defaults to the localized "Message"). */
  @property() placeholder?: string;

  /** Start-screen text for an empty conversation. */
  @property() greeting?: string;

  /** UI language and `Accept-Language` header (defaults to the page's language). */
  @property() locale?: string;

  /** Colour scheme: `light`, `dark`, or `auto` (follows the system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** How long (ms) a client tool may take before an error result is sent. */
  @property({ attribute: 'client-tool-timeout', type: Number }) clientToolTimeout = 30000;

  /** How long (ms) a stream may stay silent before it ends as an error; 0 waits forever. */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout = 60000;

  /** Extra headers on every request (for example `Authorization`). */
  @property({ attribute: false }) headers: Record<string, string> = {};

  /** The `fetch` used for every request (auth, proxies, tests). */
  @property({ attribute: false }) fetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

  /** Handlers used for a client tool when no `stream-chat-client-tool` listener answers it. */
  @property({ attribute: false }) clientTools: Record<string, ClientToolHandler> = {};

  private readonly chat = new ChatController(this, (error) => this.describeError(error));
  private readonly autoscroll = new AutoscrollController(this);
  private readonly threads = new HistoryController(this);
  private readonly rich = new RichItems(this);
  private readonly internals = this.attachInternals();
  private draft = '';
  private strings: Strings = stringsFor(undefined);
  private announcement = '';
  /** Narrow widgets overlay the history panel; wide ones show it beside the messages. */
  private narrow = false;
  private resizeObserver: ResizeObserver | undefined;
  /** The user sent from the composer: give it focus back when the response ends. */
  private refocus = false;
  /** The thread id last written under `remember-thread` (undefined: not yet). */
  private storedThreadId: string | null | undefined;

  /** True from the moment a message is sent until its response (with every tool round trip) ends. Read-only. */
  get responding(): boolean {
    return this.chat.state.responding;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? WIDE) < WIDE;
      if (narrow !== this.narrow) {
        this.narrow = narrow;
        this.requestUpdate();
      }
    });
    this.resizeObserver.observe(this);
    if (this.threadId === null && this.rememberThread) {
      this.threadId = readStorage(this.rememberThread);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || !this.hasUpdated) this.strings = stringsFor(this.resolvedLocale);
    // An empty attribute means no thread, like a missing one.
    const wanted = this.threadId || null;
    if (changed.has('threadId') && wanted !== this.chat.state.threadId) {
      this.autoscroll.follow();
      this.chat.openThread(wanted);
    }
  }

  protected override updated(): void {
    const { responding, threadId, loading } = this.chat.state;
    this.toggleAttribute('responding', responding);
    setState(this.internals, 'responding', responding);
    // Only when the thread changed: this runs every frame while an answer streams.
    if (this.rememberThread && !loading && threadId !== this.storedThreadId) {
      writeStorage(this.rememberThread, threadId);
      this.storedThreadId = threadId;
    }
    // A short first page of a long thread cannot be scrolled: fetch older ones until it can.
    const scroller = this.autoscroll.element;
    if (scroller && this.chat.state.olderCursor && scroller.scrollHeight <= scroller.clientHeight) void this.loadOlder(scroller);
  }

  /**
   * Sends a user message.
   * @param text - the message
   * @returns a promise that settles when the response ends; it rejects with the error `stream-chat-error` reports
   */
  send(text: string): Promise<void> {
    this.autoscroll.follow();
    return this.chat.send(text);
  }

  /** Stops the running response (its `stream-chat-response-end` has reason `aborted`). */
  stop(): void {
    this.chat.stop();
  }

  /**
   * Retries after a failure: regenerates the answer to the last user message, or re-sends a message the server never received.
   * @returns a promise that settles like `send()`'s
   */
  retry(): Promise<void> {
    this.autoscroll.follow();
    return this.chat.retry();
  }

  /** Opens a new, empty conversation. */
  newThread(): void {
    this.chat.newThread();
  }

  /** Moves keyboard focus to the composer. */
  async focusComposer(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  /**
   * Replaces the composer's text.
   * @param text - the new text
   */
  setComposerValue(text: string): void {
    this.draft = text;
    this.requestUpdate();
  }

  /**
   * Posts a widget-style action, as a widget's button would: `threads.custom_action` (its answer
   * streams), or `threads.sync_custom_action` when `action.streaming` is false.
   * @param action - `{type, payload?, streaming?}`
   * @param itemId - the widget item it concerns, if any
   * @returns a promise that settles when the response (or the sync answer) is in
   */
  sendAction(action: WidgetAction, itemId?: string): Promise<void> {
    const item = itemId === undefined ? undefined : this.chat.state.items.find((candidate) => candidate.id === itemId);
    return this.rich.send(action, itemId ?? null, item?.type === 'widget' ? item.widget : null);
  }

  /** @internal */
  customAction(action: WidgetAction, itemId: string | null): Promise<void> {
    this.autoscroll.follow();
    return this.chat.customAction(action, itemId);
  }

  /** @internal */
  syncCustomAction(action: WidgetAction, itemId: string | null): Promise<void> {
    return this.chat.syncCustomAction(action, itemId);
  }

  /** @internal */
  answerStructuredInput(itemId: string, input: StructuredInputSubmission): Promise<void> {
    this.autoscroll.follow();
    return this.chat.answerStructuredInput(itemId, input);
  }

  /** @internal */
  clientOptions(): ClientOptions {
    return {
      url: this.apiUrl,
      fetch: this.fetch,
      headers: { 'accept-language': this.resolvedLocale, ...this.headers },
      idleTimeout: this.idleTimeout,
    };
  }

  /** @internal */
  get resolvedLocale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en';
  }

  /** @internal */
  emit<K extends keyof StreamChatEventMap>(name: K, detail: StreamChatEventMap[K]): void {
    if (name === 'stream-chat-response-end') this.handleResponseEnd();
    const thread = this.chat.state.thread;
    if ((name === 'stream-chat-thread-change' || name === 'stream-chat-thread-update') && thread) this.threads.seen(thread);
    this.dispatchEvent(chatEvent(name, detail));
  }

  /** @internal */
  threadOpened(threadId: string | null): void {
    this.threadId = threadId;
  }

  /** @internal */
  restoreDraft(text: string): void {
    if (this.draft.trim() === '') this.draft = text;
    this.requestUpdate();
  }

  /** @internal */
  draftSent(text: string): void {
    if (this.draft.trim() === text.trim()) this.draft = '';
    this.requestUpdate();
  }

  override render() {
    const state = this.chat.state;
    const s = this.strings;
    const status = state.thread?.status;
    const locked = status?.type === 'locked';
    const empty = !state.items.length && !state.loading;
    const historyOpen = this.history && this.threads.state.open;
    return html`<div class="root ${this.narrow ? 'narrow' : ''}" dir=${directionOf(this.resolvedLocale)} lang=${this.resolvedLocale}>
      ${historyOpen ? renderHistory(this.historyProps()) : nothing}
      <div class="main">
        ${renderHeader({
          title: state.thread?.title,
          history: this.history,
          historyOpen,
          strings: s,
          onToggleHistory: () => this.threads.toggle(),
          onNewThread: () => this.handleNewThread(),
        })}
        <div part="messages" role="log" aria-live="off" aria-label=${s.messages} aria-busy=${state.loading ? 'true' : 'false'} tabindex="0" ${ref(this.autoscroll.bind)} @scroll=${this.handleMessagesScroll}>
          ${state.loadingOlder ? html`<div class="older" role="status">${s.loadingOlder}</div>` : nothing}
          ${state.loading ? html`<div class="empty" role="status">${s.loading}</div>` : nothing}
          ${empty ? html`<div class="empty"><slot name="empty">${this.greeting ?? ''}</slot></div>` : nothing}
          <div class="items" ${ref(this.autoscroll.bindContent)}>
            ${renderMessages({
              items: state.items,
              streaming: state.streaming,
              allowedImageDomains: state.thread?.allowed_image_domains ?? NO_DOMAINS,
              strings: s,
              renderRich: (item, options) => this.rich.render(item, { ...options, allowedImageDomains: state.thread?.allowed_image_domains ?? NO_DOMAINS }),
            })}
          </div>
          ${renderProgress(state.progress)}
          ${renderNotices(state.notices, s, (id) => this.chat.dismissNotice(id))}
          ${renderError({
            error: state.error,
            message: state.error ? this.describeError(state.error) : '',
            responding: state.responding,
            strings: s,
            onRetry: () => void this.retry().catch(() => undefined),
            onDismiss: () => this.chat.dismissError(),
          })}
        </div>
        <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
        ${status?.type === 'closed'
          ? html`<div class="banner closed-banner" role="status" dir="auto">${status.reason ?? s.closed}</div>`
          : renderComposer({
              value: this.draft,
              placeholder: locked ? (status.reason ?? s.locked) : (this.placeholder ?? s.placeholder),
              disabled: state.responding || state.loading || locked,
              responding: state.responding,
              allowCancel: state.allowCancel,
              strings: s,
              onInput: (value) => this.handleInput(value),
              onSubmit: () => this.handleSubmit(),
              onStop: () => this.stop(),
            })}
      </div>
    </div>`;
  }

  private historyProps(): HistoryProps {
    return {
      state: this.threads.state,
      currentId: this.chat.state.threadId,
      locale: this.resolvedLocale,
      strings: this.strings,
      onOpen: (id) => {
        this.threadId = id;
        if (this.narrow) this.threads.toggle(false);
      },
      onNew: () => this.handleNewThread(),
      onClose: () => this.threads.toggle(false),
      onEdit: (editing) => this.threads.edit(editing),
      onRename: (id, title) => void this.threads.rename(id, title).catch(() => this.chat.showError({ code: 'rename_failed', allowRetry: false })),
      onDelete: (id) => void this.handleDelete(id),
      onMore: () => this.threads.loadMore(),
      onRetry: () => this.threads.toggle(true),
    };
  }

  private async handleDelete(id: string): Promise<void> {
    try {
      await this.threads.remove(id);
      if (id === this.chat.state.threadId) this.newThread();
    } catch {
      this.chat.showError({ code: 'delete_failed', allowRetry: false });
    }
  }

  /** Keeps the "following" flag current, and pages in older items near the top. */
  private readonly handleMessagesScroll = (event: Event): void => {
    this.autoscroll.handleScroll();
    const scroller = event.currentTarget as HTMLElement;
    if (scroller.scrollTop < OLDER_THRESHOLD) void this.loadOlder(scroller);
  };

  /** Prepends the previous page without moving what the user is looking at: the first visible row keeps its offset. */
  private async loadOlder(scroller: HTMLElement): Promise<void> {
    const { olderCursor, loadingOlder } = this.chat.state;
    if (!olderCursor || loadingOlder) return;
    const top = scroller.getBoundingClientRect().top;
    const anchor = Array.from(scroller.querySelectorAll<HTMLElement>('.message')).find((row) => row.getBoundingClientRect().bottom > top);
    const before = anchor ? anchor.getBoundingClientRect().top - top : 0;
    if (!anchor) return;
    this.autoscroll.hold(anchor, before);
    await this.chat.loadOlder();
    await this.updateComplete;
    this.autoscroll.settle();
  }

  private handleInput(value: string): void {
    const wasEmpty = !this.draft.trim();
    this.draft = value;
    if (wasEmpty !== !value.trim()) this.requestUpdate();
  }

  private handleSubmit(): void {
    const text = this.draft;
    if (!text.trim() || this.chat.state.responding) return;
    this.draft = '';
    this.refocus = this.matches(':focus-within');
    this.send(text).catch(() => undefined);
  }

  private handleNewThread(): void {
    this.newThread();
    void this.focusComposer();
  }

  private handleResponseEnd(): void {
    const last = this.chat.state.items.at(-1);
    this.announcement = last?.type === 'assistant_message' ? last.content.map((part) => part.text).join('\n') : '';
    if (this.refocus) void this.focusComposer();
    this.refocus = false;
  }

  private describeError(error: ShownError): string {
    if (error.message) return error.message;
    const errors = this.strings.errors;
    return errors[error.code] ?? errors.unknown ?? error.code;
  }
}

/** A stable empty list, so cached markdown blocks stay cached when a thread allows no images. */
const NO_DOMAINS: readonly string[] = [];
/** Containers at least this wide (px) show history as a side panel; narrower ones overlay it. */
const WIDE = 640;
/** How close to the top (px) the user scrolls before older messages load. */
const OLDER_THRESHOLD = 200;

function setState(internals: ElementInternals, name: string, on: boolean): void {
  try {
    if (on) internals.states.add(name);
    else internals.states.delete(name);
  } catch {
    // Browsers without CustomStateSet still get the `responding` attribute.
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be disabled (privacy modes); the element works without it.
  }
}
