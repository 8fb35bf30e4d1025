/**
 * Keeps the message list scrolled to the newest content while the user has not scrolled up.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the bottom (px) still counts as "following". */
const SLACK = 48;

export class AutoscrollController implements ReactiveController {
  private scroller: HTMLElement | undefined;
  private following = true;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Binds the scrolling element; pass to Lit's `ref()`. */
  readonly bind = (element?: Element): void => {
    this.scroller = element instanceof HTMLElement ? element : undefined;
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
  }

  hostUpdated(): void {
    if (this.following && this.scroller) this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
