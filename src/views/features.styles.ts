import { css } from 'lit';

/** Attachments, dictation, item actions, start prompts and the composer menus. */
export const featureStyles = css`
  .file-input {
    display: none;
  }
  .icon-button.secondary {
    background: transparent;
    color: var(--_muted);
    border: 1px solid var(--_border);
  }
  .icon-button.recording {
    color: var(--_on-accent);
    background: var(--stream-chat-danger, #cf222e);
    border-color: transparent;
  }
  .composer-menus {
    display: flex;
    gap: 4px;
    align-self: center;
  }
  .menu {
    font: inherit;
    font-size: 0.85em;
    color: inherit;
    max-width: 10em;
    padding: 4px 6px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_bg);
  }
  .composer-message:not(:empty) {
    padding: 4px var(--_gap) 0;
    color: var(--stream-chat-danger, #cf222e);
    font-size: 0.875em;
  }
  .attachments {
    list-style: none;
    margin: 0;
    padding: 4px var(--_gap) 0;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .attachments.sent {
    padding: 4px 0 0;
    justify-content: flex-end;
  }
  .attachment {
    display: flex;
    align-items: center;
    gap: 6px;
    max-width: 100%;
    padding: 4px 6px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_fg);
    font-size: 0.85em;
  }
  .attachment.failed {
    border-color: var(--stream-chat-danger, #cf222e);
  }
  .attachment-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 14em;
  }
  .attachment-error {
    color: var(--stream-chat-danger, #cf222e);
  }
  .thumb {
    width: 32px;
    height: 32px;
    object-fit: cover;
    border-radius: 4px;
  }
  .file-icon {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
  }
  .upload-progress {
    width: 4em;
  }
  .attachment .remove {
    width: 24px;
    height: 24px;
  }
  .root.dragging .main {
    outline: 2px dashed var(--_accent);
    outline-offset: -4px;
  }
  .drop-hint {
    text-align: center;
    color: var(--_accent);
    font-size: 0.875em;
  }
  .item-actions {
    display: flex;
    gap: 2px;
    margin-top: 2px;
    opacity: 0.55;
    transition: opacity 0.15s;
  }
  .message:hover .item-actions,
  .item-actions:focus-within {
    opacity: 1;
  }
  .item-actions [aria-pressed='true'] {
    color: var(--_accent);
  }
  .item-actions [aria-pressed='true'] svg {
    fill: currentColor;
    fill-opacity: 0.25;
  }
  .thumb-down svg {
    transform: rotate(180deg);
  }
  .item-actions [hidden] {
    display: none;
  }
  .start-prompts {
    list-style: none;
    margin: 12px 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
  }
  .start-prompt {
    color: inherit;
    padding: 6px 12px;
  }
`;
