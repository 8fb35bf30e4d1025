/**
 * Keeps the message list scrolled to the newest content while the user has not scrolled up, and
 * offers a "jump to newest" button once they have while an answer streams.
 * (Keeping the view still while older rows are prepended belongs to the thread loader.)
 *
 * No layout is read in the element's update: rows growing (every streamed token) are seen by a
 * ResizeObserver, which runs after the browser's own layout, so reading sizes there costs
 * nothing extra; other changes (status lines, an opened thread) pin once per frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatState } from '../state/reducer.js';
import type { ScrollButtonProps } from '../views/messages.js';
import type { ChatStore } from './chat-store.js';

/** How close to the bottom (px) still counts as "following". */
const SLACK = 48;

export class AutoscrollController implements ReactiveController {
  private scroller: HTMLElement | undefined;
  private content: Element | undefined;
  private following = true;
  /** New content arrived while the user was scrolled up. */
  private arrived = false;
  private resizeObserver: ResizeObserver | undefined;
  /** The scroll height when we last pinned, to tell content growth from the user's moves; NaN: pin anyway. */
  private pinnedHeight = Number.NaN;
  /** Where our last write put the list: a scroll event that finds it there was ours. */
  private wroteTop = Number.NaN;
  private frame = 0;

  /** The state parts last rendered: a new run or another thread means following again. */
  private seen: ChatState | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly store: ChatStore,
  ) {
    host.addController(this);
  }

  /**
   * Finds the scrolling list and the element that holds the rows after they first render (and
   * again on the first update after the element is put back in a page: leaving it stopped any
   * answer, so nothing grows the rows before that update). The rows' holder changes size after layout
   * (streamed text, rows with `content-visibility: auto` getting their real height), and acting
   * then, before paint, avoids a visible jump.
   */
  hostUpdated(): void {
    if (this.content) return;
    const root = this.host.renderRoot;
    this.scroller = root.querySelector<HTMLElement>('[part~="messages"]') ?? undefined;
    this.content = root.querySelector('.items') ?? undefined;
    if (!this.content) return;
    // While an answer streams, pin at once (before paint). Otherwise (an opened thread, rows getting
    // their real size) pin next frame, before layout: scrolling here would bring more rows into
    // view and resize the content again within this frame (a "ResizeObserver loop").
    this.resizeObserver ??= new ResizeObserver(() => (this.store.state.run ? this.pin() : this.schedule()));
    this.resizeObserver.observe(this.content);
  }

  /**
   * Records whether the user is at the bottom; bind to the scroller's `scroll` event (at most one
   * per frame, so this reads layout at most once a frame, and not at all in the update).
   */
  readonly handleScroll = (): void => {
    const el = this.scroller;
    if (!el) return;
    const top = el.scrollTop;
    if (top === this.wroteTop) return;
    this.wroteTop = Number.NaN;
    this.setFollowing(this.behind(el, top) <= SLACK);
  };

  /** Whether the list follows the newest content (the user has not scrolled up from it). */
  get pinned(): boolean {
    return this.following;
  }

  /** The scrolling element, once rendered. */
  get element(): HTMLElement | undefined {
    return this.scroller;
  }

  /** The "jump to newest" button while the user is scrolled up during or after new text; else null. */
  get button(): ScrollButtonProps | null {
    if (this.following || !(this.arrived || this.store.state.run)) return null;
    return { newText: this.arrived, onJump: this.jump };
  }

  /** Follows the stream again (the user sent a message or opened a thread). */
  follow(): void {
    this.setFollowing(true);
    this.pinnedHeight = Number.NaN;
  }

  /** The user sent or retried, or another thread opened: follow the newest messages again. */
  hostUpdate(): void {
    const state = this.store.state;
    const seen = this.seen;
    const runStarted = state.run !== null && state.run.id !== seen?.run?.id;
    const opened =
      seen !== null && !state.run && (state.threadId !== seen.threadId || (state.loading && !seen.loading));
    if (runStarted || opened) this.follow();
    else if (!this.following && seen && state.items !== seen.items) this.arrived = true;
    // Rows growing reach the ResizeObserver; anything else that moves the end pins next frame.
    const moved =
      !seen ||
      runStarted ||
      opened ||
      state.items.length !== seen.items.length ||
      state.progress !== seen.progress ||
      state.notices !== seen.notices ||
      state.error !== seen.error ||
      state.loading !== seen.loading;
    if (moved) this.schedule();
    this.seen = state;
  }

  /** Pins once, at the start of the next frame. */
  private schedule(): void {
    if (this.following && !this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.pin()));
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.content = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly jump = (): void => {
    this.follow();
    this.scroller?.focus({ preventScroll: true });
    this.pin();
  };

  private setFollowing(following: boolean): void {
    const shown = this.button !== null;
    this.following = following;
    if (following) this.arrived = false;
    if (shown !== (this.button !== null)) this.host.requestUpdate();
  }

  /**
   * How far the user is from the end, not counting what the content grew since the last pin while
   * following (a scroll event can see new rows before we pinned; the browser can also clamp the
   * position when off-screen rows shrink): more than the slack means someone scrolled up.
   */
  private behind(el: HTMLElement, top: number): number {
    const height = el.scrollHeight;
    const distance = height - top - el.clientHeight;
    return this.following && !Number.isNaN(this.pinnedHeight)
      ? distance - Math.max(0, height - this.pinnedHeight)
      : distance;
  }

  private pin(): void {
    const el = this.scroller;
    if (!el || !this.following) return;
    const height = el.scrollHeight;
    const distance = height - el.scrollTop - el.clientHeight;
    // NaN: just asked to follow, so pin whatever the distance.
    if (!Number.isNaN(this.pinnedHeight) && this.behind(el, el.scrollTop) > SLACK) {
      this.setFollowing(false);
      return;
    }
    this.pinnedHeight = height;
    if (distance > 0.5) {
      el.scrollTop = height;
      this.wroteTop = el.scrollTop;
    }
  }
}
