/**
 * The header: history toggle, thread title (or the `header` slot) and the new-conversation button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n.js';

/** Data and callbacks the header needs. */
export interface HeaderProps {
  title: string | undefined;
  /** Whether the history toggle is shown, and whether the panel is open. */
  history: boolean;
  historyOpen: boolean;
  /** False in an empty chat, where a new conversation would change nothing. */
  canStartNew: boolean;
  strings: Strings;
  onToggleHistory: () => void;
  onNewThread: () => void;
}

/** Renders the header bar. */
export function renderHeader(props: HeaderProps): TemplateResult {
  const s = props.strings;
  return html`<div part="header" class="header">
    ${
      props.history
        ? html`<button
          part="history-button"
          class="row-action"
          type="button"
          aria-expanded=${props.historyOpen ? 'true' : 'false'}
          aria-label=${props.historyOpen ? s.closeHistory : s.openHistory}
          title=${props.historyOpen ? s.closeHistory : s.openHistory}
          @click=${props.onToggleHistory}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 6h16M4 12h16M4 18h16"></path></svg>
        </button>`
        : nothing
    }
    <slot name="header" class="title-slot">${props.title ? html`<h2 part="title" class="title" dir="auto">${props.title}</h2>` : nothing}</slot>
    ${
      props.historyOpen
        ? nothing
        : html`<button part="new-thread-button" class="text-button" type="button" ?disabled=${!props.canStartNew} @click=${props.onNewThread}>${s.newThread}</button>`
    }
  </div>`;
}
