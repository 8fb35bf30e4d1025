import { css, type CSSResultGroup } from 'lit';
import { markdownStyles } from './markdown/markdown.styles.js';
import { controls } from './styles/controls.js';
import { reset } from './styles/reset.js';
import { tokens } from './styles/tokens.js';
import { composerStyles } from './views/composer.styles.js';
import { headerStyles } from './views/header.styles.js';
import { messagesStyles } from './views/messages.styles.js';
import { statusStyles } from './views/status.styles.js';
import { featureStyles } from './views/features.styles.js';

/**
 * The element's own layout, and motion (animations last, so reduced motion overrides them).
 */
const layout = css`
  /*
   * A page rule such as \`stream-chat { display: block }\` beats \`:host\`, so nothing here relies on
   * the host's display: .root fills the host in block, flex and grid layout alike. The border is on
   * .root (under \`display: inline\` a bordered host would add a line above it) and so is the
   * background too (under \`display: contents\` the host paints nothing).
   */
  :host {
    display: flex;
    flex-direction: column;
    grid-template: minmax(0, 1fr) / minmax(0, 1fr);
    min-height: 0;
    min-width: 0;
    height: var(--stream-chat-height, 100%);
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    border-radius: var(--_radius);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    color-scheme: light;
  }
  .root {
    flex: 1;
    box-sizing: border-box;
    height: 100%;
    min-height: 0;
    min-width: 0;
    display: flex;
    position: relative;
    background: var(--_bg);
    border: var(--stream-chat-border, 1px solid var(--_border));
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
`;

const motion = css`
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
    .streaming .bubble::after,
    .streaming .md-caret::after {
      animation: none;
    }
  }
`;

/**
 * The element's styles, composed from fragments: tokens, resets, then each view's styles (kept
 * beside its template). Internals are styled by class; `part` attributes are only the public
 * hook, so renaming a part never restyles the element. The styles of parts that load on first
 * use come with them (`controllers/lazy-styles.ts`): the history panel's before `controls`, the
 * rich items' last.
 */
export const styles: CSSResultGroup = [
  tokens,
  reset,
  layout,
  controls,
  headerStyles,
  messagesStyles,
  markdownStyles,
  statusStyles,
  featureStyles,
  composerStyles,
  motion,
];
