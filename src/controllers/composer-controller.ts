/**
 * ComposerController: typing and sending from the composer (the draft lives in the shared
 * store), and what the user notices when a response ends: the answer is announced to screen
 * readers, and the composer gets focus back if it had it when the user sent.
 *
 * The composer stays typable while an answer streams: a message submitted meanwhile waits
 * (shown under the input) and is sent when the answer ends. Escape anywhere in the element stops
 * the answer, and focus stays inside the element when the control that had it goes away.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStore } from './chat-store.js';
import { StreamChatError } from '../errors.js';
import { announcedText } from '../markdown/plain-text.js';

/** The element, as the composer controller sees it. */
type ComposerHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ComposerController implements ReactiveController {
  /** Screen-reader text for the last finished answer. */
  announcement = '';
  /** A message submitted while an answer ran: sent when it ends. */
  queued: string | null = null;
  /** The user sent from the composer: give it focus back when the response ends. */
  private refocus = false;
  private runId: number | null = null;

  constructor(
    private readonly host: ComposerHost,
    private readonly store: ChatStore,
    private readonly send: (text: string) => Promise<void>,
    private readonly stop: () => void,
    /** Whether the message may go without text (uploaded attachments are ready). */
    private readonly ready: () => boolean = () => false,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.handleEscape);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.handleEscape);
  }

  /** Before each render: a run that was on and is not any more has ended. */
  hostUpdate(): void {
    const { run, items, error } = this.store.state;
    if (this.runId !== null && this.runId !== run?.id) {
      const last = items.at(-1);
      this.announcement =
        last?.type === 'assistant_message' ? announcedText(last.content.map((part) => part.text).join('\n\n')) : '';
      if (this.refocus) void this.focus();
      this.refocus = false;
      if (this.queued !== null && !run) {
        const text = this.queued;
        this.queued = null;
        // A failed answer keeps the waiting message in the composer; otherwise it goes now.
        if (error) this.giveBack(text);
        else void Promise.resolve().then(() => this.sendNow(text));
      }
    }
    this.runId = run?.id ?? null;
  }

  /** Moves keyboard focus to the textarea once rendered. */
  async focus(): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector('textarea')?.focus();
  }

  /** Records what the user typed. */
  readonly handleInput = (value: string): void => {
    const wasEmpty = !this.store.state.draft.trim();
    // The textarea already shows the text: render only when the send button's state changes.
    this.store.apply({ type: 'draft-changed', text: value }, wasEmpty !== !value.trim() ? 'now' : 'none');
  };

  /** Sends the draft, or keeps it waiting while an answer runs (errors show in the element and reach the page as events). */
  readonly handleSubmit = (): void => {
    const { draft: text, run, loading } = this.store.state;
    if (loading || (!text.trim() && (run || !this.ready()))) return;
    if (run) {
      if (this.queued !== null) return;
      this.queued = text;
      this.store.apply({ type: 'draft-changed', text: '' });
      return;
    }
    this.store.apply({ type: 'draft-changed', text: '' });
    this.sendNow(text);
  };

  /** Puts the waiting message back into the composer instead of sending it. */
  readonly cancelQueued = (): void => {
    if (this.queued === null) return;
    this.giveBack(this.queued);
    this.queued = null;
    void this.focus();
  };

  /** Stops the answer from the Stop button; the button goes away, so focus moves to the input. */
  readonly handleStop = (): void => {
    const inside = this.host.matches(':focus-within');
    this.stop();
    if (inside) void this.focus();
  };

  /** Runs a host action whose control disappears (Retry), keeping focus inside the element. */
  keepFocus(action: () => void): void {
    const inside = this.host.matches(':focus-within');
    action();
    if (inside) void this.focus();
  }

  private sendNow(text: string): void {
    this.refocus = this.refocus || this.host.matches(':focus-within');
    // Refused because a response started meanwhile (a page's own send): the text goes back.
    this.send(text).catch(
      (error: unknown) => error instanceof StreamChatError && error.code === 'busy' && this.giveBack(text),
    );
  }

  private giveBack(text: string): void {
    const draft = this.store.state.draft;
    this.store.apply({ type: 'draft-changed', text: draft.trim() ? `${text}\n${draft}` : text });
  }

  /** Escape stops the answer from anywhere inside the element, unless an inner control used it. */
  private readonly handleEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing || !this.store.state.run) return;
    event.preventDefault();
    this.handleStop();
  };
}
