/**
 * Keeps the message list scrolled to the newest content while the user has not scrolled up, and
 * keeps the view still while older rows are prepended.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the bottom (px) still counts as "following". */
const SLACK = 48;
/** Frames during which a held row is kept in place after older rows arrive. */
const HOLD_FRAMES = 5;

export class AutoscrollController implements ReactiveController {
  private scroller: HTMLElement | undefined;
  private following = true;
  private resizeObserver: ResizeObserver | undefined;
  /** The scroll height when we last pinned, to tell content growth from the user's moves; NaN: pin anyway. */
  private pinnedHeight = Number.NaN;
  private held: { row: HTMLElement; offset: number } | null = null;

  constructor(host: ReactiveControllerHost) {
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
    this.resizeObserver ??= new ResizeObserver(() => {
      this.restore();
      this.pin();
    });
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

  /**
   * Keeps `row` at `offset` px from the top of the view while older rows are prepended above it
   * and get their real heights. The scroller has no native scroll anchoring, which would race this.
   */
  hold(row: HTMLElement, offset: number): void {
    this.held = { row, offset };
  }

  /** The older rows are rendered: keep holding for a few more frames, then let go. */
  settle(): void {
    let frames = 0;
    const tick = () => {
      if (++frames > HOLD_FRAMES) this.held = null;
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  hostUpdated(): void {
    this.restore();
    this.pin();
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.held = null;
  }

  private restore(): void {
    const el = this.scroller;
    const held = this.held;
    if (!el || !held?.row.isConnected) return;
    el.scrollTop += held.row.getBoundingClientRect().top - el.getBoundingClientRect().top - held.offset;
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
