import { css } from 'lit';

/**
 * Buttons and indicators shared by several views: text buttons, row actions, the spinner. On
 * coarse pointers every control is at least 44x44 px (WCAG 2.5.5).
 */
export const controls = css`
  @media (pointer: coarse) {
    :host :is(button, input:not([type='checkbox']), textarea) {
      min-width: 44px;
      min-height: 44px;
    }
  }
  .text-button {
    border: 1px solid var(--_border);
    background: transparent;
    border-radius: 8px;
    padding: 4px 10px;
    font-size: 0.875em;
  }
  .text-button:hover:enabled {
    background: var(--_surface);
  }
  .text-button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .row-action {
    flex: none;
    width: 32px;
    height: 32px;
    display: grid;
    place-items: center;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: var(--_muted);
  }
  .row-action:hover {
    color: var(--_fg);
    background: var(--_surface);
  }
  .row-action svg {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .spinner {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-right-color: transparent;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
`;
