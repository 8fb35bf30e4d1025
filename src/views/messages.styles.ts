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
  }
  .main > [role='log'] > *,
  .items > * {
    flex-shrink: 0;
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
    max-width: 100%;
    /* Off-screen messages of long threads skip layout and paint. */
    content-visibility: auto;
    contain-intrinsic-size: auto 64px;
  }
  .message.user {
    justify-content: flex-end;
  }
  .bubble {
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
  .streaming .bubble::after {
    content: '';
    display: block;
    width: 8px;
    height: 8px;
    margin-top: 6px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.4;
    animation: blink 1s steps(2) infinite;
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
