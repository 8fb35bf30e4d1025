/**
 * The attachments of a sent message: image previews only from allowed sources, file names as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Attachment } from '../protocol/types.js';

export const FILE_ICON = html`<svg class="file-icon" viewBox="0 0 24 24" aria-hidden="true">
  <path d="M14 3H6v18h12V7l-4-4zM14 3v4h4"></path>
</svg>`;

/** The attachments of a sent message. */
export function renderSent(
  attachments: readonly Attachment[],
  allowed: (url: string) => boolean,
): TemplateResult | typeof nothing {
  if (!attachments.length) return nothing;
  return html`<ul class="attachments sent">
    ${attachments.map(
      (attachment) =>
        html`<li part="attachment" class="attachment">
          ${attachment.type === 'image' && allowed(attachment.preview_url) ? html`<img class="thumb" src=${attachment.preview_url} alt="" />` : FILE_ICON}
          <span class="attachment-name" dir="auto">${attachment.name}</span>
        </li>`,
    )}
  </ul>`;
}
