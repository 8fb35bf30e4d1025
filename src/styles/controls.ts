import { css } from 'lit';

/** Buttons and indicators shared by several views: text buttons, row actions, the spinner. */
export const controls = css`
  .text-button {
    border: 1px solid var(--_border);
    background: transparent;
    border-radius: 8px;
    padding: 4px 10px;
    font-size: 0.875em;
  }
  .text-button:hover {
    background: var(--_surface);
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
