/**
 * Transient lines under the messages: progress, the error banner and notices.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ShownError, ShownNotice } from '../state/reducer.js';
import type { Strings } from '../i18n.js';
import { renderInlineMarkdown } from '../markdown/render.js';

/** The latest progress line ("Searching..."). */
export function renderProgress(progress: { text: string; icon?: string } | null): TemplateResult | typeof nothing {
  if (!progress) return nothing;
  return html`<div part="progress" class="progress" role="status" data-icon=${progress.icon ?? ''}>
    <span class="spinner" aria-hidden="true"></span><span dir="auto">${progress.text}</span>
  </div>`;
}

/** Data and callbacks the error banner needs. */
export interface ErrorProps {
  error: ShownError | null;
  message: string;
  responding: boolean;
  strings: Strings;
  onRetry: () => void;
  onDismiss: () => void;
}

/** The error banner, with Retry when the error allows it. */
export function renderError(props: ErrorProps): TemplateResult | typeof nothing {
  if (!props.error) return nothing;
  return html`<div part="error" class="banner error" role="alert">
    <span dir="auto">${props.message}</span>
    ${props.error.allowRetry && !props.responding
      ? html`<button part="retry-button" type="button" @click=${props.onRetry}>${props.strings.retry}</button>`
      : nothing}
    <button class="dismiss" type="button" aria-label=${props.strings.dismiss} title=${props.strings.dismiss} @click=${props.onDismiss}>×</button>
  </div>`;
}

/** Notice banners from the server. */
export function renderNotices(
  notices: readonly ShownNotice[],
  strings: Strings,
  onDismiss: (id: number) => void,
): TemplateResult | typeof nothing {
  if (!notices.length) return nothing;
  return html`${notices.map(
    (notice) => html`<div part="notice" class="banner notice ${notice.level}" role=${notice.level === 'danger' ? 'alert' : 'status'}>
      <div dir="auto">${notice.title ? html`<strong>${notice.title}</strong> ` : nothing}${renderInlineMarkdown(notice.message)}</div>
      <button class="dismiss" type="button" aria-label=${strings.dismiss} title=${strings.dismiss} @click=${() => onDismiss(notice.id)}>×</button>
    </div>`,
  )}`;
}
