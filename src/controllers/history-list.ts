/**
 * HistoryList: loads, pages, renames and deletes threads for the history panel, and wires the
 * panel's callbacks. This module and the panel's view and styles are a file of their own that
 * `HistoryController` loads the first time the panel opens (the all-in-one IIFE has it inside).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestJson } from '../protocol/client.js';
import type { ThreadMetadata } from '../protocol/types.js';
import { initialHistory, reduceHistory, type HistoryAction, type HistoryState } from '../state/history.js';
import type { ChatState } from '../state/reducer.js';
import { renderHistory, type HistoryPanel, type HistoryProps } from '../views/history.js';
import { historyStyles } from '../views/history.styles.js';
import { controls } from '../styles/controls.js';
import { adoptStyles } from './lazy-styles.js';
import { showError, type ChatConfig } from './chat-store.js';

/** Threads fetched per page. */
const PAGE_SIZE = 20;

/** What the controller needs besides the shared config: what opening a thread does. */
export interface HistoryConfig extends ChatConfig {
  /** Opens a thread chosen in the list. */
  open(id: string): void;
  /** Opens a new conversation from the panel's button, or because the open thread was deleted. */
  newThread(fromPanel: boolean): void;
}

/** The element, as the history controller sees it: its shadow root holds the panel. */
export type HistoryHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class HistoryList implements ReactiveController {
  /** The thread list as the panel renders it. */
  state: HistoryState = initialHistory;
  private generation = 0;
  /** The chat state of the last update, to see threads the server created or changed. */
  private rendered: ChatState;

  constructor(
    private readonly host: HistoryHost,
    private readonly config: HistoryConfig,
  ) {
    this.rendered = config.store.state;
    adoptStyles(host.renderRoot, [historyStyles], controls);
    host.addController(this);
  }

  hostUpdate(): void {
    const [previous, state] = [this.rendered, (this.rendered = this.config.store.state)];
    // A thread the server created or changed (not one loaded): the list shows it.
    if (state.thread && state.thread !== previous.thread && !previous.loading) this.seen(state.thread);
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
    // Opened from the keyboard: focus moves into the panel, as into a menu.
    const fromKeyboard =
      open && !this.state.open && !!this.activeInside()?.matches('[part~="history-button"]:focus-visible');
    this.apply({ type: 'history-toggled', open });
    if (open) void this.loadPage(true);
    if (fromKeyboard)
      void this.host.updateComplete.then(() =>
        this.host.renderRoot.querySelector<HTMLElement>('.history button')?.focus(),
      );
  }

  /** Loads the next page when there is one and none is loading. */
  loadMore(): void {
    if (this.state.hasMore && !this.state.loading) void this.loadPage(false);
  }

  /** Records a thread the chat created or updated, so the list stays current. */
  seen(thread: ThreadMetadata): void {
    this.apply({ type: 'thread-seen', thread });
  }

  /** Starts or ends renaming / confirming a delete of a row, moving focus with it. */
  edit(editing: HistoryState['editing']): void {
    const before = this.state.editing;
    this.apply({ type: 'editing-changed', editing });
    if (editing?.mode === 'rename') void this.focus(editing.id, 'input.rename', true);
    else if (editing?.mode === 'delete') void this.focus(editing.id, 'button.cancel');
    else if (before)
      void this.focus(before.id, before.mode === 'rename' ? 'button.rename-button' : 'button.open', false, true);
  }

  /** Closes the panel; focus goes back to its toggle when it was inside the panel. */
  close(): void {
    const inside = this.focusLost() || !!this.activeInside()?.closest('.history');
    this.toggle(false);
    if (inside) void this.focusToggle();
  }

  /** The panel's props; a narrow element closes the panel when a thread is chosen. */
  props(strings: HistoryProps['strings'], locale: string, narrow: boolean): HistoryPanel {
    const { config } = this;
    return {
      render: renderHistory,
      state: this.state,
      currentId: config.store.state.threadId,
      locale,
      strings,
      onOpen: (id) => {
        config.open(id);
        if (narrow) this.toggle(false);
      },
      onNew: () => config.newThread(true),
      narrow,
      onClose: () => this.close(),
      onEdit: (editing) => this.edit(editing),
      onRename: (id, title) =>
        void this.rename(id, title).catch(() => showError(this.config, { code: 'rename_failed', allowRetry: false })),
      onDelete: (id) =>
        void this.removeKeepingFocus(id).then(
          () => id === config.store.state.threadId && config.newThread(false),
          () => showError(this.config, { code: 'delete_failed', allowRetry: false }),
        ),
      onMore: () => this.loadMore(),
      onRetry: () => this.toggle(true),
    };
  }

  /** Renames a thread on the server. */
  async rename(id: string, title: string): Promise<void> {
    const trimmed = title.trim();
    this.apply({ type: 'editing-changed', editing: null });
    void this.focus(id, 'button.open', false, true);
    if (!trimmed) return;
    const thread = await requestJson(
      { type: 'threads.update', params: { thread_id: id, title: trimmed } },
      this.config.request(),
    );
    const { items: _items, ...metadata } = thread;
    this.apply({ type: 'thread-seen', thread: metadata });
  }

  /** Deletes a thread on the server. */
  async remove(id: string): Promise<void> {
    await requestJson({ type: 'threads.delete', params: { thread_id: id } }, this.config.request());
    this.apply({ type: 'thread-removed', id });
  }

  /** Deletes a thread; focus moves to the next row (or the previous, or the toggle). */
  private async removeKeepingFocus(id: string): Promise<void> {
    const index = this.state.threads.findIndex((thread) => thread.id === id);
    await this.remove(id);
    const next = this.state.threads[index] ?? this.state.threads[index - 1];
    if (next) await this.focus(next.id, 'button.open');
    else await this.focusToggle();
  }

  /**
   * Focuses a control of a row once rendered. `onlyIfLost`: only when focus fell out of the
   * element (a click elsewhere in the panel keeps its own target).
   */
  private async focus(id: string, selector: string, select = false, onlyIfLost = false): Promise<void> {
    await this.host.updateComplete;
    if (onlyIfLost && !this.focusLost()) return;
    const target = this.host.renderRoot.querySelector<HTMLElement>(`.thread[data-id="${CSS.escape(id)}"] ${selector}`);
    target?.focus();
    if (select && target instanceof HTMLInputElement) target.select();
  }

  /** The focused element inside the element's shadow root, if any. */
  private activeInside(): Element | null {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root.activeElement : null;
  }

  /** Focus fell to the page's body (its control went away), not to something the user chose. */
  private focusLost(): boolean {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    return !this.activeInside() && (active === null || active === document.body);
  }

  private async focusToggle(): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="history-button"]')?.focus();
  }

  private async loadPage(reset: boolean): Promise<void> {
    const generation = reset ? ++this.generation : this.generation;
    this.apply({ type: 'page-requested' });
    try {
      const after = reset ? undefined : (this.state.after ?? undefined);
      const page = await requestJson(
        {
          type: 'threads.list',
          params: after ? { limit: PAGE_SIZE, order: 'desc', after } : { limit: PAGE_SIZE, order: 'desc' },
        },
        this.config.request(),
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
