/**
 * ThreadLoader: opens a thread (or a new conversation), loads it from the server, and pages in
 * older items as the user scrolls up, with one stale guard for all of them. It owns keeping the
 * view still while older rows are prepended: the first visible row keeps its offset until the
 * new rows have their real heights.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatKitClientError, requestJson } from '../protocol/client.js';
import type { ThreadItem } from '../protocol/types.js';
import { showError, shownError, type ChatConfig } from './chat-store.js';

/** What the loader needs besides the shared config. */
export interface LoaderConfig extends ChatConfig {
  /** The scrolling message list, once rendered. */
  scroller(): HTMLElement | undefined;
  /** Ends the running response before another thread opens. */
  stopRun(): void;
}

/** Older items fetched per page when a long thread is opened or scrolled up. */
const PAGE_SIZE = 50;
/** Items shown first when a long thread opens: enough to fill a view, quick to render. */
const FIRST_PAGE_SIZE = 30;
/** How close to the top (px) the user scrolls before older messages load. */
const OLDER_THRESHOLD = 200;
/** Frames during which a held row is kept in place after older rows arrive. */
const HOLD_FRAMES = 5;

export class ThreadLoader implements ReactiveController {
  /** Bumped by every open: a load that finds it changed is stale and drops its result. */
  private seq = 0;
  private held: { row: HTMLElement; offset: number } | null = null;
  /** Rows get their real height after layout (`content-visibility: auto`): restore before paint. */
  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.restore());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: LoaderConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the DOM while a thread was loading: the old load was dropped, so load again.
    const { loading, threadId } = this.config.store.state;
    if (loading && threadId) void this.load(threadId, ++this.seq);
  }

  hostUpdated(): void {
    this.restore();
  }

  hostDisconnected(): void {
    this.seq++;
    this.release();
  }

  /** Opens a thread by id (loading it from the server), or a new conversation for null. */
  open(threadId: string | null): void {
    const { store, dispatch } = this.config;
    if (threadId === store.state.threadId && !store.state.loading) return;
    this.config.stopRun();
    const seq = ++this.seq;
    if (threadId === null) {
      store.apply({ type: 'thread-cleared' });
      dispatch('stream-chat-thread-change', { threadId: null });
      return;
    }
    store.apply({ type: 'thread-loading', threadId });
    dispatch('stream-chat-thread-change', { threadId });
    dispatch('stream-chat-thread-load-start', { threadId });
    void this.load(threadId, seq);
  }

  /** Pages in older items when the user scrolled near the top; bind to the list's `scroll` event. */
  readonly handleScroll = (event: Event): void => {
    if ((event.currentTarget as HTMLElement).scrollTop < OLDER_THRESHOLD) void this.loadOlder();
  };

  /** A short first page of a long thread cannot be scrolled: fetch older ones until it can. */
  fill(): void {
    const scroller = this.config.scroller();
    if (scroller && this.config.store.state.olderCursor && scroller.scrollHeight <= scroller.clientHeight)
      void this.loadOlder();
  }

  /** Prepends the previous page without moving what the user is looking at; one page at a time. */
  private async loadOlder(): Promise<void> {
    const { store } = this.config;
    const { threadId, olderCursor, loadingOlder } = store.state;
    const scroller = this.config.scroller();
    if (!scroller || !threadId || !olderCursor || loadingOlder) return;
    const top = scroller.getBoundingClientRect().top;
    const anchor = Array.from(scroller.querySelectorAll<HTMLElement>('.message')).find(
      (row) => row.getBoundingClientRect().bottom > top,
    );
    if (!anchor) return;
    this.hold(scroller, anchor, anchor.getBoundingClientRect().top - top);
    const seq = this.seq;
    store.apply({ type: 'older-items-requested' });
    try {
      const page = await requestJson(
        { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: PAGE_SIZE, after: olderCursor } },
        this.config.request(),
      );
      if (seq !== this.seq) return;
      store.apply({ type: 'older-items-loaded', items: page.data.slice().reverse(), olderCursor: nextCursor(page) });
    } catch (error) {
      if (seq !== this.seq) return;
      store.apply({ type: 'older-items-loaded', items: [], olderCursor });
      showError(this.config, shownError(error));
    } finally {
      await this.host.updateComplete;
      this.settle();
    }
  }

  private async load(threadId: string, seq: number): Promise<void> {
    const { store, dispatch } = this.config;
    try {
      const thread = await requestJson(
        { type: 'threads.get_by_id', params: { thread_id: threadId } },
        this.config.request(),
      );
      if (seq !== this.seq) return;
      let items: ThreadItem[] = thread.items.data;
      let olderCursor: string | null = null;
      if (thread.items.has_more) {
        // Open long threads at their newest page; older pages load as the user scrolls up.
        const page = await requestJson(
          { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: FIRST_PAGE_SIZE } },
          this.config.request(),
        );
        if (seq !== this.seq) return;
        items = page.data.slice().reverse();
        olderCursor = nextCursor(page);
      }
      store.apply({ type: 'thread-loaded', thread, items, olderCursor });
      dispatch('stream-chat-thread-load-end', { threadId });
    } catch (error) {
      if (seq !== this.seq) return;
      const notFound = error instanceof ChatKitClientError && error.code === 'http' && error.status === 404;
      store.apply({ type: 'thread-cleared' });
      dispatch('stream-chat-thread-load-end', { threadId });
      dispatch('stream-chat-thread-change', { threadId: null });
      showError(
        this.config,
        notFound ? { code: 'thread_not_found', allowRetry: false } : { ...shownError(error), allowRetry: false },
      );
    }
  }

  /**
   * Keeps `row` at `offset` px from the top of the view while older rows are prepended above it
   * and get their real heights. The scroller has no native scroll anchoring, which would race this.
   */
  private hold(scroller: HTMLElement, row: HTMLElement, offset: number): void {
    this.held = { row, offset };
    for (const child of Array.from(scroller.children)) this.resizeObserver?.observe(child);
  }

  /** The older rows are rendered: keep holding for a few more frames, then let go. */
  private settle(): void {
    const held = this.held;
    let frames = 0;
    const tick = () => {
      if (this.held !== held) return;
      if (++frames > HOLD_FRAMES) this.release();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  private release(): void {
    this.held = null;
    this.resizeObserver?.disconnect();
  }

  private restore(): void {
    const scroller = this.config.scroller();
    const held = this.held;
    if (!scroller || !held?.row.isConnected) return;
    scroller.scrollTop += held.row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - held.offset;
  }
}

/** The cursor of the page before this one, or null at the start of the thread. */
function nextCursor(page: { data: readonly ThreadItem[]; has_more: boolean; after?: string | null }): string | null {
  return page.has_more ? (page.after ?? page.data.at(-1)?.id ?? null) : null;
}
