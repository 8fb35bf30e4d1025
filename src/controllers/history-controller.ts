/**
 * HistoryController: loads, pages, renames and deletes threads for the history panel.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestJson, type ClientOptions } from '../protocol/client.js';
import type { ThreadMetadata } from '../protocol/types.js';
import { initialHistory, reduceHistory, type HistoryAction, type HistoryState } from '../state/history.js';

/** Threads fetched per page. */
const PAGE_SIZE = 20;

/** What the controller needs from the element. */
export interface HistoryHost extends ReactiveControllerHost {
  /** Request options (endpoint, fetch, headers). */
  clientOptions(): ClientOptions;
}

export class HistoryController implements ReactiveController {
  /** The thread list as the panel renders it. */
  state: HistoryState = initialHistory;
  private generation = 0;

  constructor(private readonly host: HistoryHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the DOM while a page loaded: that load was dropped, so load again.
    if (this.state.loading) void this.loadPage(!this.state.loaded);
  }

  hostDisconnected(): void {
    this.generation++;
  }

  /** Opens or closes the panel; opening (re)loads the first page. */
  toggle(open = !this.state.open): void {
    this.apply({ type: 'history-toggled', open });
    if (open) void this.loadPage(true);
  }

  /** Loads the next page when there is one and none is loading. */
  loadMore(): void {
    if (this.state.hasMore && !this.state.loading) void this.loadPage(false);
  }

  /** Records a thread the chat created or updated, so the list stays current. */
  seen(thread: ThreadMetadata): void {
    this.apply({ type: 'thread-seen', thread });
  }

  /** Starts or ends renaming / confirming a delete of a row. */
  edit(editing: HistoryState['editing']): void {
    this.apply({ type: 'editing-changed', editing });
  }

  /** Renames a thread on the server. */
  async rename(id: string, title: string): Promise<void> {
    const trimmed = title.trim();
    this.apply({ type: 'editing-changed', editing: null });
    if (!trimmed) return;
    const thread = await requestJson({ type: 'threads.update', params: { thread_id: id, title: trimmed } }, this.host.clientOptions());
    const { items: _items, ...metadata } = thread;
    this.apply({ type: 'thread-seen', thread: metadata });
  }

  /** Deletes a thread on the server. */
  async remove(id: string): Promise<void> {
    await requestJson({ type: 'threads.delete', params: { thread_id: id } }, this.host.clientOptions());
    this.apply({ type: 'thread-removed', id });
  }

  private async loadPage(reset: boolean): Promise<void> {
    const generation = reset ? ++this.generation : this.generation;
    this.apply({ type: 'page-requested' });
    try {
      const after = reset ? undefined : (this.state.after ?? undefined);
      const page = await requestJson(
        { type: 'threads.list', params: after ? { limit: PAGE_SIZE, order: 'desc', after } : { limit: PAGE_SIZE, order: 'desc' } },
        this.host.clientOptions(),
      );
      if (generation !== this.generation) return;
      this.apply({
        type: 'page-loaded',
        threads: page.data.map(({ items: _items, ...thread }) => thread),
        after: page.after ?? page.data.at(-1)?.id ?? null,
        hasMore: page.has_more,
        reset,
      });
    } catch {
      if (generation === this.generation) this.apply({ type: 'page-failed' });
    }
  }

  private apply(action: HistoryAction): void {
    this.state = reduceHistory(this.state, action);
    this.host.requestUpdate();
  }
}
