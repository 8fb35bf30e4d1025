import { css } from 'lit';

/**
 * The composer extras (`composer-extras.ts`): the attach button and the pending files, the
 * microphone, the tool and model menus, the drop hint. They load with the extras and join the
 * element's styles where they stood, before the composer's (`controllers/lazy-styles.ts`).
 */
export const composerExtrasStyles = css`
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
  .attachment.failed {
    border-color: var(--stream-chat-danger, #cf222e);
  }
  .attachment-error {
    color: var(--stream-chat-danger, #cf222e);
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
`;
