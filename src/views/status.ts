/**
 * Status lines: progress and the error banner under the messages, and the server's notices,
 * placed in the message flow where they arrived.
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
    ${
      props.error.allowRetry && !props.responding
        ? html`<button part="retry-button" type="button" @click=${props.onRetry}>${props.strings.retry}</button>`
        : nothing
    }
    <button class="dismiss" type="button" aria-label=${props.strings.dismiss} title=${props.strings.dismiss} @click=${props.onDismiss}>×</button>
  </div>`;
}

/** Notices by where they arrived: before any item, after an item, or after an item gone since (shown last). */
export interface PlacedNotices {
  before: ShownNotice[];
  after: Map<string, ShownNotice[]>;
  loose: ShownNotice[];
}

/** Places each notice in the message flow where it arrived, so it scrolls with the conversation. */
export function placeNotices(notices: readonly ShownNotice[], itemIds: ReadonlySet<string>): PlacedNotices {
  const placed: PlacedNotices = { before: [], after: new Map(), loose: [] };
  for (const notice of notices) {
    if (notice.after === null) placed.before.push(notice);
    else if (!itemIds.has(notice.after)) placed.loose.push(notice);
    else placed.after.set(notice.after, [...(placed.after.get(notice.after) ?? []), notice]);
  }
  return placed;
}

/** Notice banners from the server. */
export function renderNotices(
  notices: readonly ShownNotice[],
  strings: Strings,
  onDismiss: (id: number) => void,
): TemplateResult | typeof nothing {
  if (!notices.length) return nothing;
  return html`${notices.map(
    (
      notice,
    ) => html`<div part="notice" class="banner notice ${notice.level}" role=${notice.level === 'danger' ? 'alert' : 'status'}>
      <div dir="auto">${notice.title ? html`<strong>${notice.title}</strong> ` : nothing}${renderInlineMarkdown(notice.message)}</div>
      <button class="dismiss" type="button" aria-label=${strings.dismiss} title=${strings.dismiss} @click=${() => onDismiss(notice.id)}>×</button>
    </div>`,
  )}`;
}
