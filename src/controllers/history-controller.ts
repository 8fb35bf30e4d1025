/**
 * HistoryController: the history panel as the element sees it. The thread list's logic
 * (`history-list.ts`) and the panel's view are a file of their own beside `stream-chat.js`, loaded
 * the first time the panel opens (the all-in-one IIFE has them inside), so a page that never opens
 * the list never downloads them; the list loads its first page on every opening anyway.
 */
import type { HistoryPanel, HistoryProps } from '../views/history.js';
import type { HistoryConfig, HistoryHost, HistoryList } from './history-list.js';

const CLOSED = { open: false } as const;

export class HistoryController {
  private list: HistoryList | null = null;
  private loading = false;
  /** Whether the panel should be open once the list has loaded. */
  private wanted = false;

  constructor(
    private readonly host: HistoryHost,
    private readonly config: HistoryConfig,
  ) {}

  /** Whether the panel is open. */
  get state(): { readonly open: boolean } {
    return this.list?.state ?? CLOSED;
  }

  /** Opens or closes the panel; the first opening loads the list, then opens it. */
  toggle(open = !this.state.open): void {
    if (this.list) return this.list.toggle(open);
    this.wanted = open;
    if (!open || this.loading) return;
    this.loading = true;
    void import('./history-list.js').then(({ HistoryList }) => {
      const list = (this.list = new HistoryList(this.host, this.config));
      if (this.wanted) list.toggle(true);
    });
  }

  /** The open panel's props and view, or null before the list has loaded. */
  props(strings: HistoryProps['strings'], locale: string, narrow: boolean): HistoryPanel | null {
    return this.list?.props(strings, locale, narrow) ?? null;
  }
}
