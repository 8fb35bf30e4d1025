import { css } from 'lit';

/** Rendered markdown (the classes `templates.ts` and `block-list.ts` put on model output). */
export const markdownStyles = css`
  .md :is(p, ul, ol, blockquote, pre, table, h1, h2, h3, h4, h5, h6, hr) {
    margin: 0 0 0.75em;
  }
  .md > .md-chapter:last-child > .md-group:last-child > :last-child {
    margin-bottom: 0;
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
  /* Code reads left to right in every locale; the block scrolls inside its own box. */
  .md-code {
    direction: ltr;
    text-align: left;
    unicode-bidi: isolate;
    max-width: 100%;
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
  /* One state at a time: "Copy", or "Copied" for a moment (announced by the status beside it). */
  .md-copied > .md-copy-label {
    display: none;
  }
  .md-copied::after {
    content: attr(data-copied);
  }
  .md-pre {
    margin: 0;
    padding: 10px 12px;
    overflow-x: auto;
    white-space: pre;
    overflow-wrap: normal;
    font-family: var(--_mono);
    font-size: 0.875em;
    line-height: 1.45;
  }
  .md-table-wrap {
    overflow-x: auto;
    max-width: 100%;
    margin: 0 0 0.75em;
  }
  .md-table {
    border-collapse: collapse;
    font-size: 0.95em;
  }
  .md-table :is(th, td) {
    overflow-wrap: normal;
    min-width: 4em;
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
`;
