/**
 * Styles of widgets (adopted when the rich-item renderers load; `activity.styles.ts` has those of
 * workflows, structured input and generated images).
 * Comments stay out of the template, which ships as written. A chart's plot is 180px tall unless
 * the chart has a height: then it fills what its legend leaves.
 */
import { css } from 'lit';

export const widgetStyles = css`
  .w-root {
    max-width: min(100%, 40rem);
  }
  .w-busy {
    opacity: 0.6;
    cursor: progress;
  }
  .w-card,
  .w-listview,
  .w-structured,
  .w-workflow,
  .w-generated,
  .w-task-card {
    border: 1px solid var(--stream-chat-border-color, color-mix(in srgb, currentColor 18%, transparent));
    border-radius: var(--stream-chat-radius, 12px);
    background: var(--stream-chat-surface, Canvas);
    padding: 12px;
    margin: 0;
  }
  .w-size-sm.w-card {
    max-width: 20rem;
  }
  .w-size-md.w-card {
    max-width: 28rem;
  }
  .w-size-lg.w-card {
    max-width: 36rem;
  }
  .w-theme-dark {
    color-scheme: dark;
  }
  .w-theme-light {
    color-scheme: light;
  }
  .w-col,
  .w-card-body {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .w-row {
    display: flex;
    flex-direction: row;
    align-items: center;
    gap: 8px;
  }
  .w-box {
    min-width: 0;
  }
  .w-spacer {
    flex: 1 1 auto;
  }
  .w-status {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.85em;
    opacity: 0.75;
    margin-bottom: 8px;
  }
  .w-favicon {
    width: 14px;
    height: 14px;
  }
  .w-text,
  .w-title,
  .w-caption {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .w-text-xs {
    font-size: 0.75em;
  }
  .w-text-sm {
    font-size: 0.875em;
  }
  .w-text-lg {
    font-size: 1.125em;
  }
  .w-text-xl {
    font-size: 1.25em;
  }
  .w-title {
    font-weight: 600;
    font-size: 1.1em;
  }
  .w-title-sm {
    font-size: 1em;
  }
  .w-title-lg {
    font-size: 1.25em;
  }
  .w-title-xl {
    font-size: 1.4em;
  }
  .w-title-2xl,
  .w-title-3xl,
  .w-title-4xl,
  .w-title-5xl {
    font-size: 1.6em;
  }
  .w-caption {
    font-size: 0.8em;
    color: var(--stream-chat-muted, color-mix(in srgb, currentColor 70%, transparent));
  }
  .w-truncate {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .w-badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 6px;
    font-size: 0.8em;
    width: fit-content;
  }
  .w-pill {
    border-radius: 9999px;
  }
  .w-tone-secondary {
    --w-tone: var(--stream-chat-muted, #59636e);
  }
  .w-tone-primary {
    --w-tone: var(--stream-chat-accent, #0969da);
  }
  .w-tone-info {
    --w-tone: var(--stream-chat-accent, #0969da);
  }
  .w-tone-success {
    --w-tone: var(--stream-chat-success, #1a7f37);
  }
  .w-tone-warning,
  .w-tone-caution {
    --w-tone: var(--stream-chat-warning, #9a6700);
  }
  .w-tone-danger {
    --w-tone: var(--stream-chat-danger, #cf222e);
  }
  .w-tone-discovery {
    --w-tone: var(--stream-chat-discovery, #8250df);
  }
  .w-solid {
    background: var(--w-tone);
    color: var(--stream-chat-on-accent, #fff);
    border: 1px solid var(--w-tone);
  }
  .w-soft {
    background: color-mix(in srgb, var(--w-tone, currentColor) 14%, transparent);
    color: inherit;
    border: 1px solid transparent;
  }
  .w-outline {
    background: transparent;
    color: inherit;
    border: 1px solid color-mix(in srgb, var(--w-tone, currentColor) 45%, transparent);
  }
  .w-ghost {
    background: transparent;
    color: inherit;
    border: 1px solid transparent;
  }
  .w-divider {
    border: 0;
    border-top: 1px solid var(--stream-chat-border-color, color-mix(in srgb, currentColor 18%, transparent));
    margin: 4px 0;
    width: 100%;
  }
  .w-icon {
    flex: none;
    vertical-align: middle;
  }
  .w-icon-wrap {
    display: inline-flex;
  }
  .w-image {
    max-width: 100%;
    display: block;
  }
  .w-frame {
    border: 1px solid var(--stream-chat-border-color, color-mix(in srgb, currentColor 18%, transparent));
    border-radius: 8px;
  }
  .w-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    font: inherit;
    padding: 6px 12px;
    border-radius: 8px;
    cursor: pointer;
    width: fit-content;
  }
  .w-button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .w-button:focus-visible,
  .w-field:focus-visible,
  .w-clickable:focus-visible,
  .w-workflow-toggle:focus-visible {
    outline: 2px solid var(--stream-chat-accent, #0969da);
    outline-offset: 2px;
  }
  .w-size-sm.w-button,
  .w-size-xs.w-button {
    padding: 3px 8px;
    font-size: 0.875em;
  }
  .w-size-lg.w-button,
  .w-size-xl.w-button {
    padding: 9px 16px;
  }
  .w-block {
    width: 100%;
  }
  .w-uniform {
    aspect-ratio: 1;
    padding: 6px;
  }
  .w-field {
    font: inherit;
    color: inherit;
    padding: 6px 8px;
    border-radius: 8px;
    background: transparent;
    border: 1px solid var(--stream-chat-border-color, color-mix(in srgb, currentColor 25%, transparent));
    min-width: 0;
  }
  .w-field:user-invalid {
    border-color: var(--_danger, #cf222e);
  }
  .w-field:disabled {
    opacity: 0.6;
  }
  .w-label {
    font-size: 0.875em;
    font-weight: 500;
  }
  .w-check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .w-radios {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .w-card-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 10px;
  }
  .w-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
  }
  .w-list > li + li {
    border-top: 1px solid var(--stream-chat-border-color, color-mix(in srgb, currentColor 12%, transparent));
  }
  .w-list-item {
    display: flex;
    width: 100%;
    padding: 8px 4px;
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    text-align: start;
  }
  .w-clickable {
    cursor: pointer;
    border-radius: 6px;
  }
  .w-clickable:hover {
    background: color-mix(in srgb, currentColor 6%, transparent);
  }
  .w-more summary {
    cursor: pointer;
    padding: 6px 4px;
    font-size: 0.875em;
  }
  .w-chart {
    margin: 0;
    width: 100%;
    display: flex;
    flex-direction: column;
  }
  .w-chart-svg {
    width: 100%;
    flex: 1 1 180px;
    min-height: 0;
    display: block;
  }
  .w-axis {
    stroke: color-mix(in srgb, currentColor 30%, transparent);
  }
  .w-tick {
    font-size: 11px;
    fill: currentColor;
    opacity: 0.7;
  }
  .w-legend {
    display: flex;
    gap: 12px;
    font-size: 0.8em;
    flex-wrap: wrap;
  }
  .w-swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    margin-inline-end: 4px;
  }
  .w-sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .w-spinner {
    width: 12px;
    height: 12px;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    display: inline-block;
    animation: w-spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes w-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .w-spinner {
      animation: none;
    }
  }
`;
