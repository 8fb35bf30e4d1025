/**
 * Attachments: the attach button with its hidden file input, and a chip per pending file (preview
 * or file icon, name, progress, Remove, Retry after a failure). A sent message's attachments are
 * in `sent-attachments.ts`, which the main file holds; this one loads with the composer extras.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n.js';
import type { PendingFile } from '../features.js';
import { FILE_ICON } from './sent-attachments.js';

/** The paper-clip button; it opens the hidden file picker. */
export function renderAttachButton(
  accept: string,
  disabled: boolean,
  s: Strings,
  onFiles: (files: FileList | null) => void,
): TemplateResult {
  return html`<input
      class="file-input"
      type="file"
      multiple
      accept=${accept}
      tabindex="-1"
      aria-hidden="true"
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        onFiles(input.files);
        input.value = '';
      }}
    />
    <button
      part="attach-button"
      class="icon-button secondary"
      type="button"
      aria-label=${s.attach}
      title=${s.attach}
      ?disabled=${disabled}
      @click=${(event: Event) => ((event.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement | null)?.click()}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M21 11l-8.5 8.5a5 5 0 01-7-7L14 4a3.5 3.5 0 015 5l-8.5 8.5a2 2 0 01-3-3L15 7"></path>
      </svg>
    </button>`;
}

/** Data and callbacks the chips need. */
export interface PendingProps {
  files: readonly PendingFile[];
  message: string;
  strings: Strings;
  onRemove: (key: number) => void;
  onRetry: (key: number) => void;
}

/** The chips of the files waiting to be sent, and the latest refusal. */
export function renderPending(props: PendingProps): TemplateResult {
  const s = props.strings;
  return html`<div class="composer-message" role="alert">${props.message}</div>
    ${
      props.files.length
        ? html`<ul class="attachments pending" aria-label=${s.attached}>
            ${props.files.map(
              (file) =>
                html`<li
                  part="attachment"
                  class="attachment ${file.status}"
                  aria-label=${file.file.name}
                  aria-busy=${file.status === 'uploading' ? 'true' : 'false'}
                >
                  ${file.preview ? html`<img class="thumb" src=${file.preview} alt="" />` : FILE_ICON}
                  <span class="attachment-name" dir="auto">${file.file.name}</span>
                  ${
                    file.status === 'uploading'
                      ? html`<progress
                          class="upload-progress"
                          max="1"
                          .value=${file.progress}
                          aria-label=${file.file.name}
                        ></progress>`
                      : nothing
                  }
                  ${
                    file.status === 'failed'
                      ? html`<span class="attachment-error">${s.uploadFailed}</span>
                          <button class="text-button" type="button" @click=${() => props.onRetry(file.key)}>
                            ${s.retryUpload}
                          </button>`
                      : nothing
                  }
                  <button
                    class="row-action remove"
                    type="button"
                    aria-label=${s.remove}
                    title=${s.remove}
                    @click=${() => props.onRemove(file.key)}
                  >
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"></path></svg>
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }`;
}
