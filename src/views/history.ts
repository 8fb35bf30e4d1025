/**
 * The history panel: the thread list with open, rename and delete, and on a narrow element a
 * backdrop that closes the overlay.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ThreadMetadata } from '../protocol/types.js';
import type { HistoryState } from '../state/history.js';
import { format, type Strings } from '../i18n.js';

/** Data and callbacks the history panel needs. */
export interface HistoryProps {
  state: HistoryState;
  currentId: string | null;
  locale: string;
  /** The panel overlays the conversation (narrow element): a backdrop closes it. */
  narrow: boolean;
  strings: Strings;
  onOpen: (id: string) => void;
  onNew: () => void;
  onClose: () => void;
  onEdit: (editing: HistoryState['editing']) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  onMore: () => void;
  onRetry: () => void;
}

/** The panel's props and its view (this module, which loads on first use). */
export interface HistoryPanel extends HistoryProps {
  readonly render: (props: HistoryProps) => TemplateResult;
}

/** Renders the panel. */
export function renderHistory(props: HistoryProps): TemplateResult {
  const { state, strings: s } = props;
  return html`${props.narrow ? html`<div class="backdrop" aria-hidden="true" @click=${props.onClose}></div>` : nothing}<nav
      part="history"
      class="history"
      aria-label=${s.history}
      @keydown=${handleKeys(props)}
    >
    <div class="history-head">
      <button class="text-button" type="button" @click=${props.onNew}>${s.newThread}</button>
      <button class="row-action close" type="button" aria-label=${s.closeHistory} title=${s.closeHistory} @click=${props.onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"></path></svg>
      </button>
    </div>
    <ul class="threads" @scroll=${(event: Event) => nearEnd(event.currentTarget as HTMLElement) && props.onMore()}>
      ${repeat(
        groupByDay(state.threads, props.locale),
        (group) => group.label,
        (group) => html`<li class="group">
          ${group.label ? html`<h3 class="group-label">${group.label}</h3>` : nothing}
          <ul class="group-rows">
            ${repeat(
              group.threads,
              (thread) => thread.id,
              (thread) => renderRow(thread, props, group.dated),
            )}
          </ul>
        </li>`,
      )}
    </ul>
    ${state.loading ? html`<div class="history-note" role="status"><span class="spinner" aria-hidden="true"></span></div>` : nothing}
    ${state.loaded && !state.loading && !state.threads.length ? html`<p class="history-note">${s.noThreads}</p>` : nothing}
    ${
      state.failed
        ? html`<p class="history-note" role="alert">${s.historyFailed} <button class="text-button" type="button" @click=${props.onRetry}>${s.retry}</button></p>`
        : nothing
    }
    ${state.hasMore && !state.loading ? html`<button class="text-button more" type="button" @click=${props.onMore}>…</button>` : nothing}
  </nav>`;
}

function renderRow(thread: ThreadMetadata, props: HistoryProps, dated: boolean): TemplateResult {
  const s = props.strings;
  const title = thread.title || s.untitled;
  const editing = props.state.editing?.id === thread.id ? props.state.editing.mode : null;
  const current = thread.id === props.currentId;
  // Leaving an editing row (a click elsewhere, Tab out) cancels, so no row stays in edit mode.
  const leave = (event: FocusEvent) => {
    const row = event.currentTarget as HTMLElement;
    // A press inside the row (its Save or Cancel, which some browsers do not focus) is no leaving.
    if (row.matches(':active') || !row.isConnected) return;
    if (!(event.relatedTarget instanceof Node && row.contains(event.relatedTarget))) props.onEdit(null);
  };
  if (editing === 'rename') {
    const save = (row: Element | null) =>
      props.onRename(thread.id, row?.querySelector<HTMLInputElement>('input.rename')?.value ?? '');
    return html`<li class="thread editing" data-id=${thread.id} @focusout=${leave}>
      <input
        class="rename"
        aria-label=${s.renameTitle}
        dir="auto"
        .value=${thread.title ?? ''}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && !event.isComposing) {
            event.preventDefault();
            save((event.currentTarget as HTMLElement).parentElement);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            props.onEdit(null);
          }
        }}
      />
      <button class="text-button" type="button" @click=${(event: Event) => save((event.currentTarget as HTMLElement).parentElement)}>${s.save}</button>
      <button class="text-button" type="button" @click=${() => props.onEdit(null)}>${s.cancel}</button>
    </li>`;
  }
  if (editing === 'delete') {
    return html`<li class="thread editing" data-id=${thread.id} @focusout=${leave}>
      <span class="confirm" dir="auto">${format(s.confirmDelete, { title })}</span>
      <button class="text-button danger" type="button" aria-label=${format(s.delete, { title })} @click=${() => props.onDelete(thread.id)}>
        ${format(s.delete, { title: '' }).trim()}
      </button>
      <button class="text-button cancel" type="button" @click=${() => props.onEdit(null)}>${s.cancel}</button>
    </li>`;
  }
  return html`<li class="thread ${current ? 'current' : ''}" data-id=${thread.id}>
    <button class="open" type="button" aria-current=${current ? 'true' : 'false'} @click=${() => props.onOpen(thread.id)}>
      <span class="thread-title" dir="auto">${title}</span>
      ${dated ? html`<span class="thread-date">${formatDate(thread.created_at, props.locale)}</span>` : nothing}
    </button>
    <button class="row-action rename-button" type="button" aria-label=${format(s.rename, { title })} title=${format(s.rename, { title })} @click=${() => props.onEdit({ id: thread.id, mode: 'rename' })}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L19 9l-4-4L4 16v4z"></path></svg>
    </button>
    <button class="row-action" type="button" aria-label=${format(s.delete, { title })} title=${format(s.delete, { title })} @click=${() => props.onEdit({ id: thread.id, mode: 'delete' })}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"></path></svg>
    </button>
  </li>`;
}

/** Up/Down move between threads, Escape closes the panel. */
function handleKeys(props: HistoryProps) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const nav = event.currentTarget as HTMLElement;
    const rows = Array.from(nav.querySelectorAll<HTMLButtonElement>('button.open'));
    const index = rows.indexOf(
      nav.getRootNode() instanceof ShadowRoot
        ? ((nav.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement)
        : rows[0]!,
    );
    const next = rows[Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
}

function nearEnd(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
}

/** Threads in a row of days share a group: Today, Yesterday, then one per month (all via Intl). */
interface DayGroup {
  label: string;
  /** Whether each row shows its own date (only in month groups). */
  dated: boolean;
  threads: ThreadMetadata[];
}

function groupByDay(threads: readonly ThreadMetadata[], locale: string): DayGroup[] {
  const groups: DayGroup[] = [];
  const today = startOfDay(new Date());
  for (const thread of threads) {
    const date = new Date(thread.created_at);
    const days = Number.isNaN(date.getTime()) ? Infinity : Math.round((today - startOfDay(date)) / 86_400_000);
    const label =
      days <= 1
        ? relativeDay(-Math.max(0, days), locale)
        : days === Infinity
          ? ''
          : formatDate(thread.created_at, locale, { month: 'long', year: 'numeric' });
    const last = groups[groups.length - 1];
    if (last?.label === label) last.threads.push(thread);
    else groups.push({ label, dated: days > 1, threads: [thread] });
  }
  return groups;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "Today" or "Yesterday" in the locale, capitalized as a heading. */
function relativeDay(offset: number, locale: string): string {
  let text: string;
  try {
    text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(offset, 'day');
  } catch {
    text = offset === 0 ? 'Today' : 'Yesterday';
  }
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function formatDate(
  iso: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' },
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return date.toDateString();
  }
}
