import { css } from 'lit';

/** The conversation history panel (`history.ts`). */
export const historyStyles = css`
  .history {
    order: -1;
    display: flex;
    flex-direction: column;
    width: var(--stream-chat-history-width, 260px);
    flex: none;
    border-inline-end: 1px solid var(--_border);
    background: var(--_surface);
    min-height: 0;
  }
  .narrow .history {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    z-index: 3;
    width: min(85%, 300px);
    box-shadow: 0 8px 32px #0004;
  }
  .backdrop {
    position: absolute;
    inset: 0;
    z-index: 2;
    background: #0006;
  }
  .history-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 8px;
    min-height: 44px;
    border-bottom: 1px solid var(--_border);
  }
  .threads {
    list-style: none;
    margin: 0;
    padding: 4px;
    overflow-y: auto;
    flex: 1;
    min-height: 0;
  }
  .group-rows {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .group-label {
    margin: 10px 8px 4px;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_muted);
  }
  .thread {
    display: flex;
    align-items: center;
    gap: 2px;
    border-radius: 8px;
  }
  .thread.current,
  .thread:hover {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
  }
  .thread.editing {
    flex-wrap: wrap;
    padding: 6px;
    gap: 6px;
  }
  .thread .open {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    border: none;
    background: transparent;
    padding: 6px 8px;
    text-align: start;
    border-radius: 8px;
  }
  /* Titles wrap (up to three lines) rather than hide behind the row's icons. */
  .thread-title {
    max-width: 100%;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .thread-date,
  .history-note {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .history-note {
    padding: 8px 12px;
    margin: 0;
  }
  .confirm {
    flex-basis: 100%;
    font-size: 0.9em;
  }
  .rename {
    flex: 1;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_accent);
    border-radius: 6px;
    padding: 4px 8px;
  }
  .danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  .more {
    margin: 4px auto 8px;
  }
  /* With a mouse, a row's icons show on hover or focus and the title has the whole row. */
  @media (hover: hover) and (pointer: fine) {
    .thread:not(:hover, :focus-within) .row-action {
      display: none;
    }
  }
`;
