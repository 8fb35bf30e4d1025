/**
 * The whole widget: the history panel, the header, the message list with its status lines, and
 * the composer (or the closed-thread banner). Composes the other views from one set of props.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { ChatState } from '../state/reducer.js';
import { directionOf, type Strings } from '../i18n.js';
import { renderMessages, type MessagesProps } from './messages.js';
import { renderComposer } from './composer.js';
import { renderError, renderNotices, renderProgress } from './status.js';
import { renderHistory, type HistoryProps } from './history.js';
import { renderHeader } from './header.js';

/** Data and callbacks the widget needs. */
export interface ChatProps {
  state: ChatState;
  strings: Strings;
  locale: string;
  narrow: boolean;
  /** Whether the history toggle is shown. */
  history: boolean;
  /** The open history panel, or null. */
  panel: HistoryProps | null;
  greeting: string | undefined;
  placeholder: string | undefined;
  /** Screen-reader text for a finished answer. */
  announcement: string;
  /** The localized text of the shown error. */
  errorMessage: string;
  /** Renders widgets, workflows, structured input and generated images (see `MessagesProps`). */
  renderRich?: MessagesProps['renderRich'];
  bindScroller: (element?: Element) => void;
  bindContent: (element?: Element) => void;
  onScroll: (event: Event) => void;
  onToggleHistory: () => void;
  onNewThread: () => void;
  onRetry: () => void;
  onDismissError: () => void;
  onDismissNotice: (id: number) => void;
  onInput: (value: string) => void;
  onSubmit: () => void;
  onStop: () => void;
}

/** A stable empty list, so cached markdown blocks stay cached when a thread allows no images. */
const NO_DOMAINS: readonly string[] = [];

/** Renders the widget. */
export function renderChat(props: ChatProps): TemplateResult {
  const { state, strings: s } = props;
  const status = state.thread?.status;
  const locked = status?.type === 'locked';
  const responding = state.run !== null;
  const empty = !state.items.length && !state.loading;
  return html`<div class="root ${props.narrow ? 'narrow' : ''}" dir=${directionOf(props.locale)} lang=${props.locale}>
    ${props.panel ? renderHistory(props.panel) : nothing}
    <div class="main">
      ${renderHeader({
        title: state.thread?.title,
        history: props.history,
        historyOpen: props.panel !== null,
        strings: s,
        onToggleHistory: props.onToggleHistory,
        onNewThread: props.onNewThread,
      })}
      <div part="messages" role="log" aria-live="off" aria-label=${s.messages} aria-busy=${state.loading ? 'true' : 'false'} tabindex="0" ${ref(props.bindScroller)} @scroll=${props.onScroll}>
        ${state.loadingOlder ? html`<div class="older" role="status">${s.loadingOlder}</div>` : nothing}
        ${state.loading ? html`<div class="empty" role="status">${s.loading}</div>` : nothing}
        ${empty ? html`<div class="empty"><slot name="empty">${props.greeting ?? ''}</slot></div>` : nothing}
        <div class="items" ${ref(props.bindContent)}>
          ${renderMessages({ items: state.items, streaming: state.streaming, allowedImageDomains: state.thread?.allowed_image_domains ?? NO_DOMAINS, strings: s, renderRich: props.renderRich })}
        </div>
        ${renderProgress(state.progress)}
        ${renderNotices(state.notices, s, props.onDismissNotice)}
        ${renderError({ error: state.error, message: props.errorMessage, responding, strings: s, onRetry: props.onRetry, onDismiss: props.onDismissError })}
      </div>
      <div class="visually-hidden" aria-live="polite">${props.announcement}</div>
      ${status?.type === 'closed'
        ? html`<div class="banner closed-banner" role="status" dir="auto">${status.reason ?? s.closed}</div>`
        : renderComposer({
            value: state.draft,
            placeholder: locked ? (status.reason ?? s.locked) : (props.placeholder ?? s.placeholder),
            disabled: responding || state.loading || locked,
            responding,
            allowCancel: state.allowCancel,
            strings: s,
            onInput: props.onInput,
            onSubmit: props.onSubmit,
            onStop: props.onStop,
          })}
    </div>
  </div>`;
}
