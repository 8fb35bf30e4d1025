import { css } from 'lit';

/** Progress, notices and the error banner under the messages (`status.ts`). */
export const statusStyles = css`
  .progress {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border-radius: 8px;
    border: 1px solid var(--_border);
    background: var(--_surface);
    font-size: 0.9em;
  }
  .banner > :first-child {
    flex: 1;
  }
  .banner.error,
  .banner.danger {
    border-color: var(--_danger);
  }
  .banner.warning {
    border-color: var(--_warning);
  }
  .banner button {
    border: 1px solid var(--_border);
    background: var(--_bg);
    border-radius: 6px;
    padding: 2px 10px;
  }
  .banner .dismiss {
    border: none;
    background: transparent;
    font-size: 1.2em;
    line-height: 1;
    padding: 2px 6px;
  }
  .closed-banner {
    margin: 8px var(--_gap) var(--_gap);
  }
`;
