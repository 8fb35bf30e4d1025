import { css } from 'lit';

/**
 * The actions under a finished answer (`item-actions.ts`): faded until the answer is hovered or
 * focused, the chosen thumb filled. They load with the actions; the row's layout, which holds its
 * place meanwhile, is in `features.styles.ts`.
 */
export const itemActionsStyles = css`
  .item-actions {
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
`;
