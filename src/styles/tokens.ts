import { css } from 'lit';

/**
 * Design tokens: private custom properties (`--_*`), each reading its public
 * `--stream-chat-*` counterpart with a fallback. Public properties are never set here, so a page
 * can theme the element from `:root`. The dark values are written once and applied both for
 * `theme="dark"` and, unless `theme="light"`, for a page in dark mode.
 */
const dark = css`
    --_accent: var(--stream-chat-accent, #4493f8);
    --_bg: var(--stream-chat-background, #0d1117);
    --_fg: var(--stream-chat-foreground, #e6edf3);
    --_muted: var(--stream-chat-muted, #9198a1);
    --_border: var(--stream-chat-border-color, #30363d);
    --_surface: var(--stream-chat-surface, #161b22);
    /* White on the dark accent is 3.1:1; the bubble takes a deeper blue (4.6:1). */
    --_user-bg: var(--stream-chat-user-bubble-background, #1f6feb);
    --_danger: var(--stream-chat-danger, #f85149);
    --_warning: var(--stream-chat-warning, #d29922);
    color-scheme: dark;
`;

export const tokens = css`
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
    --_reading-width: var(--stream-chat-max-width, 48rem);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;
