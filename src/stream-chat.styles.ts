import { css } from 'lit';

/**
 * The element's styles. Public custom properties (`--stream-chat-*`) are read with fallbacks and
 * never set here, so a page can theme the element from `:root`. Private ones start with `--_`.
 */
export const styles = css`
  :host {
    --_accent: var(--stream-chat-accent, #2563eb);
    --_on-accent: var(--stream-chat-on-accent, #fff);
    --_bg: var(--stream-chat-background, #fff);
    --_fg: var(--stream-chat-foreground, #1f2328);
    --_muted: var(--stream-chat-muted, #656d76);
    --_border: var(--stream-chat-border-color, #d8dee4);
    --_surface: var(--stream-chat-surface, #f6f8fa);
    --_user-bg: var(--stream-chat-user-bubble-background, var(--_accent));
    --_user-fg: var(--stream-chat-user-bubble-color, var(--_on-accent));
    --_assistant-bg: var(--stream-chat-assistant-bubble-background, transparent);
    --_assistant-fg: var(--stream-chat-assistant-bubble-color, var(--_fg));
    --_danger: var(--stream-chat-danger, #cf222e);
    --_warning: var(--stream-chat-warning, #9a6700);
    --_radius: var(--stream-chat-radius, 12px);
    --_gap: var(--stream-chat-spacing, 12px);
    --_font: var(--stream-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--stream-chat-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    --_size: var(--stream-chat-font-size, 15px);
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: var(--stream-chat-height, 100%);
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    border: var(--stream-chat-border, 1px solid var(--_border));
    border-radius: var(--_radius);
    overflow: hidden;
    color-scheme: light;
  }
  :host([theme='dark']) {
    --_accent: var(--stream-chat-accent, #4493f8);
    --_bg: var(--stream-chat-background, #0d1117);
    --_fg: var(--stream-chat-foreground, #e6edf3);
    --_muted: var(--stream-chat-muted, #9198a1);
    --_border: var(--stream-chat-border-color, #30363d);
    --_surface: var(--stream-chat-surface, #161b22);
    --_danger: var(--stream-chat-danger, #f85149);
    --_warning: var(--stream-chat-warning, #d29922);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_accent: var(--stream-chat-accent, #4493f8);
      --_bg: var(--stream-chat-background, #0d1117);
      --_fg: var(--stream-chat-foreground, #e6edf3);
      --_muted: var(--stream-chat-muted, #9198a1);
      --_border: var(--stream-chat-border-color, #30363d);
      --_surface: var(--stream-chat-surface, #161b22);
      --_danger: var(--stream-chat-danger, #f85149);
      --_warning: var(--stream-chat-warning, #d29922);
      color-scheme: dark;
    }
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    flex: 1;
    min-height: 0;
    display: flex;
    position: relative;
  }
  .main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  [part~='history'] {
    display: flex;
    flex-direction: column;
    width: var(--stream-chat-history-width, 260px);
    flex: none;
    border-inline-end: 1px solid var(--_border);
    background: var(--_surface);
    min-height: 0;
  }
  .narrow [part~='history'] {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    z-index: 2;
    width: min(85%, 300px);
    box-shadow: 0 8px 32px #0004;
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
  .thread-title {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .thread-date,
  .history-note,
  .older {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .history-note {
    padding: 8px 12px;
    margin: 0;
  }
  .older {
    /* Out of the flow, so showing it does not push the rows down. */
    position: absolute;
    inset-inline: 0;
    top: 4px;
    text-align: center;
    z-index: 1;
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
  .thread:not(:hover, :focus-within) .row-action {
    opacity: 0.35;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part~='header'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px var(--_gap);
    border-bottom: 1px solid var(--_border);
    min-height: 44px;
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
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
  [part~='messages'] {
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
  [part~='messages'] > *,
  .items > * {
    flex-shrink: 0;
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
  .plain {
    white-space: pre-wrap;
    margin: 0;
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
  /* Markdown in assistant messages (classes from src/markdown). */
  .md :is(p, ul, ol, blockquote, pre, table, h1, h2, h3, h4, h5, h6, hr) {
    margin: 0 0 0.75em;
  }
  .md :is(h1, h2, h3, h4, h5, h6) {
    line-height: 1.25;
    margin-top: 1em;
  }
  .md h1 {
    font-size: 1.4em;
  }
  .md h2 {
    font-size: 1.25em;
  }
  .md h3 {
    font-size: 1.1em;
  }
  .md :is(h4, h5, h6) {
    font-size: 1em;
  }
  .md :is(ul, ol) {
    padding-inline-start: 1.5em;
  }
  .md li > :is(p, ul, ol) {
    margin-bottom: 0.25em;
  }
  .md blockquote {
    padding-inline-start: 0.9em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .md hr {
    border: none;
    border-top: 1px solid var(--_border);
  }
  .md a {
    color: var(--_accent);
  }
  .md-codespan {
    font-family: var(--_mono);
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: var(--_surface);
  }
  .md-code {
    margin: 0 0 0.75em;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    overflow: hidden;
  }
  .md-code-header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 2px 4px 2px 12px;
    border-bottom: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8em;
  }
  .md-code-lang {
    flex: 1;
  }
  .md-copy {
    border: none;
    background: transparent;
    border-radius: 6px;
    padding: 2px 8px;
    font-size: inherit;
    color: inherit;
  }
  .md-copy:hover {
    background: var(--_bg);
    color: var(--_fg);
  }
  .md-copy-status {
    font-size: inherit;
  }
  .md-pre {
    margin: 0;
    padding: 10px 12px;
    overflow-x: auto;
    font-family: var(--_mono);
    font-size: 0.875em;
    line-height: 1.45;
  }
  .md-table-wrap {
    overflow-x: auto;
    margin: 0 0 0.75em;
  }
  .md-table {
    border-collapse: collapse;
    font-size: 0.95em;
  }
  .md-table :is(th, td) {
    border: 1px solid var(--_border);
    padding: 4px 10px;
    text-align: start;
  }
  .md-table th {
    background: var(--_surface);
  }
  .md-task {
    list-style: none;
    margin-inline-start: -1.3em;
  }
  .md-checkbox {
    margin-inline-end: 0.4em;
  }
  .md-html {
    white-space: pre-wrap;
  }
  .md-img {
    max-width: 100%;
    height: auto;
    border-radius: 8px;
  }
  .md-cite {
    font-size: 0.75em;
  }
  .md-cite a {
    text-decoration: none;
  }
  .md-sources {
    margin: 0.5em 0 0;
    padding-inline-start: 1.5em;
    font-size: 0.85em;
    color: var(--_muted);
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
  [part~='progress'] {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.875em;
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
  [part~='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 8px var(--_gap) var(--_gap);
  }
  [part~='input'] {
    flex: 1;
    resize: none;
    min-height: 42px;
    max-height: 12em;
    field-sizing: content;
    padding: 9px 12px;
    font: inherit;
    color: inherit;
    background: var(--stream-chat-input-background, var(--_bg));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='input']:disabled {
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
  [part~='stop-button'] svg {
    fill: currentColor;
  }
  .closed-banner {
    margin: 8px var(--_gap) var(--_gap);
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes blink {
    to {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .streaming .bubble::after {
      animation: none;
    }
  }
`;
