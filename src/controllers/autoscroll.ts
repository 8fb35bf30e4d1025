/**
 * Keeps the message list scrolled to the newest content while the user has not scrolled up.
 * (Keeping the view still while older rows are prepended belongs to the thread loader.)
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStore } from './chat-store.js';

/** How close to the bottom (px) still counts as "following". */
const SLACK = 48;

export class AutoscrollController implements ReactiveController {
  private scroller: HTMLElement | undefined;
  private following = true;
  private resizeObserver: ResizeObserver | undefined;
  /** The scroll height when we last pinned, to tell content growth from the user's moves; NaN: pin anyway. */
  private pinnedHeight = Number.NaN;

  /** The run and thread last rendered: a new run or another thread means following again. */
  private seen: { runId: number | undefined; threadId: string | null; loading: boolean } | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly store: ChatStore,
  ) {
    host.addController(this);
  }

  /** Binds the scrolling element; pass to Lit's `ref()`. */
  readonly bind = (element?: Element): void => {
    this.scroller = element instanceof HTMLElement ? element : undefined;
  };

  /**
   * Binds the element that holds the rows; pass to Lit's `ref()`. Its size changes after layout
   * (rows with `content-visibility: auto` get their real height only when first rendered), and
   * acting then, before paint, avoids a visible jump.
   */
  readonly bindContent = (element?: Element): void => {
    this.resizeObserver ??= new ResizeObserver(() => this.pin());
    this.resizeObserver.disconnect();
    if (element) this.resizeObserver.observe(element);
  };

  /** Records whether the user is at the bottom; bind to the scroller's `scroll` event. */
  readonly handleScroll = (): void => {
    const el = this.scroller;
    if (el) this.following = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK;
  };

  /** The scrolling element, once rendered. */
  get element(): HTMLElement | undefined {
    return this.scroller;
  }

  /** Follows the stream again (the user sent a message or opened a thread). */
  follow(): void {
    this.following = true;
    this.pinnedHeight = Number.NaN;
  }

  /** The user sent or retried, or another thread opened: follow the newest messages again. */
  hostUpdate(): void {
    const { run, threadId, loading } = this.store.state;
    const seen = this.seen;
    const runStarted = run !== null && run.id !== seen?.runId;
    const opened = seen !== null && !run && (threadId !== seen.threadId || (loading && !seen.loading));
    if (runStarted || opened) this.follow();
    this.seen = { runId: run?.id, threadId, loading };
  }

  hostUpdated(): void {
    this.pin();
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
  }

  private pin(): void {
    const el = this.scroller;
    if (!this.following || !el) return;
    // Farther from the end than the content grew since the last pin: someone scrolled up (its
    // scroll event may not have arrived yet), so stop following.
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    const growth = Number.isNaN(this.pinnedHeight) ? distance : Math.max(0, el.scrollHeight - this.pinnedHeight);
    if (distance - growth > SLACK) {
      this.following = false;
      return;
    }
    el.scrollTop = el.scrollHeight;
    this.pinnedHeight = el.scrollHeight;
  }
}
