import { css } from 'lit';

/**
 * A sent message's attachments, the item actions and the start prompts. The composer extras'
 * styles load with them (`composer-extras.styles.ts`).
 */
export const featureStyles = css`
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
  .attachment-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 14em;
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
