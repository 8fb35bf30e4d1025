import { css } from 'lit';

/**
 * The composer form (`composer.ts`). With attach, menus and dictation on, a phone has no room for
 * one row: the controls wrap under the input, at the end, so Send stays on screen.
 */
export const composerStyles = css`
  .composer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: flex-end;
    gap: 8px;
    padding: 8px var(--_gap) var(--_gap);
  }
  .input {
    flex: 1 1 12rem;
    min-width: 0;
    resize: none;
    min-height: 42px;
    max-height: 12em;
    /* Elsewhere auto-grow.ts sets the height. */
    field-sizing: content;
    padding: 9px 12px;
    font: inherit;
    color: inherit;
    background: var(--stream-chat-input-background, var(--_bg));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .input:disabled {
    opacity: 0.6;
  }
  .icon-button {
    flex: none;
    width: 42px;
    height: 42px;
    border-radius: 50%;
    border: none;
    background: var(--_accent);
    color: var(--_on-accent);
    display: grid;
    place-items: center;
  }
  .icon-button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .icon-button svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .stop svg {
    fill: currentColor;
  }
  .queued {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0 var(--_gap);
    padding: 4px 4px 4px 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .queued-text {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
