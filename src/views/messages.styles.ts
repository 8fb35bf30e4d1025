import { css } from 'lit';

/** The scrolling message log and each kind of thread item (`messages.ts`). */
export const messagesStyles = css`
  .main > [role='log'] {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    position: relative;
    /* Prepending older pages holds the view by hand (loadOlder); native anchoring would race it. */
    overflow-anchor: none;
    padding: var(--_gap);
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    overflow-wrap: anywhere;
  }
  /* A comfortable reading width on wide screens (low specificity: rows may set their own). */
  :where(.main > [role='log']) > * {
    width: 100%;
    max-width: var(--_reading-width);
    margin-inline: auto;
  }
  .main > [role='log'] > *,
  .items > * {
    flex-shrink: 0;
  }
  .scroll-button {
    /* Sticks to the bottom of the visible list; sits after the rows, so it never covers text the user reads at the end. */
    position: sticky;
    bottom: 0;
    align-self: center;
    z-index: 1;
    min-height: 36px;
    padding: 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.875em;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    cursor: pointer;
  }
  .scroll-button:hover {
    background: var(--_surface);
  }
  .older {
    color: var(--_muted);
    font-size: 0.8em;
    /* Out of the flow, so showing it does not push the rows down. */
    position: absolute;
    inset-inline: 0;
    top: 4px;
    text-align: center;
    z-index: 1;
  }
  .items {
    display: grid;
    /* One column never wider than the list, whatever the content's widest line. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .items:empty {
    display: none;
  }
  .empty {
    margin: auto;
    text-align: center;
    color: var(--_muted);
    max-width: 32em;
  }
  .message {
    display: flex;
    flex-wrap: wrap;
    max-width: 100%;
    min-width: 0;
    /* Off-screen messages of long threads skip layout and paint. */
    content-visibility: auto;
    contain-intrinsic-size: auto 64px;
  }
  .message.user {
    justify-content: flex-end;
  }
  .bubble {
    min-width: 0;
    max-width: min(85%, 44em);
    overflow-wrap: anywhere;
    border-radius: var(--_radius);
  }
  .user .bubble {
    background: var(--_user-bg);
    color: var(--_user-fg);
    padding: 8px 12px;
    white-space: pre-wrap;
  }
  .assistant .bubble {
    background: var(--_assistant-bg);
    color: var(--_assistant-fg);
    max-width: 100%;
  }
  .assistant .bubble > :first-child {
    margin-top: 0;
  }
  .assistant .bubble > :last-child {
    margin-bottom: 0;
  }
  /*
   * The streaming caret sits inline after the last word when the last block is text (the renderer
   * marks that paragraph, heading or list item \`md-caret\`), so it leaves no line of its own to
   * collapse when the answer ends; otherwise below the block. Only the marked element matches, so
   * the answer ending restyles that one element, not every paragraph of a long answer.
   */
  .streaming .bubble:not(:has(.md-caret))::after,
  .streaming .md-caret::after {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-inline-start: 4px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.4;
    animation: blink 1s steps(2) infinite;
  }
  .streaming .bubble:not(:has(.md-caret))::after {
    display: block;
    margin: 6px 0 0;
  }
  .timestamp {
    flex-basis: 100%;
    color: var(--_muted);
    font-size: 0.75em;
    opacity: 0;
  }
  .user .timestamp {
    text-align: end;
  }
  .message:hover .timestamp,
  .message:focus-within .timestamp,
  [role='log']:focus-visible .timestamp {
    opacity: 1;
  }
  .activity {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .activity ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .tool::before {
    content: '⚙ ';
  }
  .fallback {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 8px 12px;
    color: var(--_fg);
    white-space: pre-wrap;
  }
  .incomplete-note {
    margin: 0.5em 0 0;
    padding-top: 0.25em;
    border-top: 1px dashed var(--_border);
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
  }
`;
