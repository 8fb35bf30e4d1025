/**
 * ComposerController: typing and sending from the composer (the draft lives in the shared
 * store), and what the user notices when a response ends: the answer is announced to screen
 * readers, and the composer gets focus back if it had it when the user sent.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStore } from './chat-store.js';

/** The element, as the composer controller sees it. */
type ComposerHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ComposerController implements ReactiveController {
  /** Screen-reader text for the last finished answer. */
  announcement = '';
  /** The user sent from the composer: give it focus back when the response ends. */
  private refocus = false;
  private runId: number | null = null;

  constructor(
    private readonly host: ComposerHost,
    private readonly store: ChatStore,
    private readonly send: (text: string) => Promise<void>,
  ) {
    host.addController(this);
  }

  /** Before each render: a run that was on and is not any more has ended. */
  hostUpdate(): void {
    const { run, items } = this.store.state;
    if (this.runId !== null && this.runId !== run?.id) {
      const last = items.at(-1);
      this.announcement = last?.type === 'assistant_message' ? last.content.map((part) => part.text).join('\n') : '';
      if (this.refocus) void this.focus();
      this.refocus = false;
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

  /** Sends the draft (errors show in the element and reach the page as events). */
  readonly handleSubmit = (): void => {
    const text = this.store.state.draft;
    if (!text.trim() || this.store.state.run) return;
    this.store.apply({ type: 'draft-changed', text: '' });
    this.refocus = this.host.matches(':focus-within');
    this.send(text).catch(() => undefined);
  };
}
