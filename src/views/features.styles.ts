import { css } from 'lit';

/**
 * A sent message's attachments, the item actions' row and the start prompts. The composer extras'
 * and the item actions' own styles load with them (`composer-extras.styles.ts`,
 * `item-actions.styles.ts`). Until the actions load, their row holds their place with one empty
 * row action, as tall as a button (at least 44 px on a coarse pointer, as `controls` makes them).
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
  }
  @media (pointer: coarse) {
    .item-actions > span {
      min-height: 44px;
    }
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
