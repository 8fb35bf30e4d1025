import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './stream-chat.styles.js';
import { createShell } from './controllers/shell.js';
import type { ClientToolHandler } from './controllers/client-tools.js';
import type { WidgetAction } from './controllers/rich-items.js';
import { setCustomState } from './controllers/host-support.js';
import { resolveLocale, stringsFor, type Strings } from './i18n.js';
import { isResponding } from './state/reducer.js';
import { renderChat } from './views/chat.js';
import type {
  AttachmentLimits,
  ComposerModel,
  ComposerTool,
  StartPrompt,
  ThreadItemActions,
  UploadStrategy,
} from './features.js';

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
 * @csspart scroll-button - "Jump to newest": shown when the user scrolled up while an answer streams; says when new text arrived below.
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
 * @csspart attach-button - The composer button that opens the file picker.
 * @csspart attachment - A pending attachment chip in the composer, or an attachment of a sent message.
 * @csspart dictation-button - The microphone button: the first click records, the second transcribes.
 * @csspart item-actions - The row of actions under a finished answer.
 * @csspart copy-button - Copies the answer's text.
 * @csspart feedback-positive-button - Thumbs up (`aria-pressed` when chosen).
 * @csspart feedback-negative-button - Thumbs down (`aria-pressed` when chosen).
 * @csspart regenerate-button - Regenerates the answer.
 * @csspart start-prompt - A suggested prompt on the start screen.
 * @csspart tool-menu - The composer's tool menu (a `<select>`).
 * @csspart model-menu - The composer's model menu (a `<select>`).
 *
 * @cssprop [--stream-chat-accent=#2563eb] - Accent colour (send button, user bubbles, focus rings).
 * @cssprop [--stream-chat-on-accent=#fff] - Text on the accent colour.
 * @cssprop [--stream-chat-background=#fff] - Background.
 * @cssprop [--stream-chat-foreground=#1f2328] - Text colour.
 * @cssprop [--stream-chat-muted=#656d76] - Secondary text (progress, tool lines).
 * @cssprop [--stream-chat-border-color=#d8dee4] - Borders.
 * @cssprop [--stream-chat-border=1px solid] - The element's own border.
 * @cssprop [--stream-chat-surface=#f6f8fa] - Banners and code blocks.
 * @cssprop [--stream-chat-user-bubble-background=accent] - User bubble background (dark theme: #1f6feb, for 4.5:1 with white).
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
 * @cssprop [--stream-chat-max-width=48rem] - Reading width of the conversation on wide screens.
 * @cssprop [--stream-chat-code-keyword=#cf222e] - Highlighted code: keywords (dark theme: #ff7b72).
 * @cssprop [--stream-chat-code-string=#0a3069] - Highlighted code: strings (dark: #a5d6ff).
 * @cssprop [--stream-chat-code-comment=#57606a] - Highlighted code: comments (dark: #8b949e).
 * @cssprop [--stream-chat-code-number=#0550ae] - Highlighted code: numbers and constants (dark: #79c0ff).
 * @cssprop [--stream-chat-code-function=#8250df] - Highlighted code: function names (dark: #d2a8ff).
 * @cssprop [--stream-chat-code-type=#953800] - Highlighted code: types and class names (dark: #ffa657).
 * @cssprop [--stream-chat-code-property=#0550ae] - Highlighted code: keys, properties, attributes, variables (dark: #79c0ff).
 * @cssprop [--stream-chat-code-tag=#116329] - Highlighted code: markup tags (dark: #7ee787).
 * @cssprop [--stream-chat-code-meta=#6e5494] - Highlighted code: preprocessor lines, decorators, diff hunks (dark: #d2a8ff).
 * @cssprop [--stream-chat-code-inserted=#116329] - Highlighted code: added diff lines (dark: #7ee787).
 * @cssprop [--stream-chat-code-deleted=#a40e26] - Highlighted code: removed diff lines (dark: #ffa198).
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
  /** Actions under each finished answer: copy its text, thumbs up/down (`items.feedback`), regenerate. */
  @property({ attribute: false }) threadItemActions: ThreadItemActions = { copy: true };
  /** Suggested prompts on the start screen; a click sends `prompt`. */
  @property({ attribute: false }) startPrompts: StartPrompt[] = [];
  /** Turns on attaching files (button, drag and drop, paste); `accept`, `maxSize` (bytes) and `maxCount` are checked before upload. */
  @property({ attribute: false }) attachments: AttachmentLimits | null = null;
  /** How files reach the server: `{type: 'two_phase'}` or `{type: 'direct', uploadUrl}`. */
  @property({ attribute: false }) uploadStrategy: UploadStrategy = { type: 'two_phase' };
  /** Shows a microphone button: record, `input.transcribe`, text into the composer. */
  @property({ type: Boolean }) dictation = false;
  /** A tool menu in the composer; the choice goes out as `inference_options.tool_choice`. */
  @property({ attribute: false }) composerTools: ComposerTool[] = [];
  /** A model menu in the composer; the choice goes out as `inference_options.model`. */
  @property({ attribute: false }) composerModels: ComposerModel[] = [];

  private readonly shell = createShell(this, () => this.strings);
  private readonly internals = this.attachInternals();
  private strings: Strings = stringsFor(undefined);

  /** True from the moment a message is sent until its response (with every tool round trip) ends. Read-only. */
  get responding(): boolean {
    return isResponding(this.shell.store.state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || !this.hasUpdated)
      this.strings = stringsFor(resolveLocale(this.locale), () => this.requestUpdate('locale', null));
    // An empty attribute means no thread, like a missing one.
    const wanted = this.threadId || null;
    if (changed.has('threadId') && wanted !== this.shell.store.state.threadId) this.shell.loader.open(wanted);
  }

  protected override updated(): void {
    setCustomState(this, this.internals, 'responding', this.responding);
    this.shell.loader.fill();
  }

  /**
   * Sends a user message.
   * @param text - the message
   * @returns a promise that settles when the response ends; it rejects with the error `stream-chat-error` reports
   */
  send(text: string): Promise<void> {
    return this.shell.chat.send(text);
  }

  /** Stops the running response (its `stream-chat-response-end` has reason `aborted`). */
  stop(): void {
    this.shell.chat.stop();
  }

  /**
   * Retries after a failure: regenerates the answer to the last user message, or re-sends a message the server never received.
   * @returns a promise that settles like `send()`'s
   */
  retry(): Promise<void> {
    return this.shell.chat.retry();
  }

  /**
   * Sends a widget action as a widget would: `handler: 'client'` fires `stream-chat-action`, `streaming: false` posts `threads.sync_custom_action`, others stream `threads.custom_action`.
   * @param action - `{type, payload?, handler?, streaming?}`
   * @param itemId - the widget item it concerns, if any
   * @returns a promise that settles when its answer is in
   */
  sendAction(action: WidgetAction, itemId?: string): Promise<void> {
    return this.shell.rich.send(action, itemId ?? null);
  }

  /** Opens a new, empty conversation. */
  newThread(): void {
    this.shell.loader.open(null);
  }

  /** Moves keyboard focus to the composer. */
  focusComposer(): Promise<void> {
    return this.shell.composer.focus();
  }

  /**
   * Replaces the composer's text.
   * @param text - the new text
   */
  setComposerValue(text: string): void {
    this.shell.store.apply({ type: 'draft-changed', text });
  }

  override render() {
    return renderChat(this.shell.props());
  }
}
