/**
 * The value types of chatkit-python 1.6.5's widget schema that components share: icon names,
 * actions, colours, spacing, borders and the size, weight and alignment tokens.
 *
 * @see https://github.com/openai/chatkit-python/blob/v1.6.5/chatkit/widgets.py
 */
/** An icon name (`chatkit/icons.py`), or any `lucide:<name>` / `vendor:<name>` string. */
export type WidgetIcon =
  | 'agent'
  | 'analytics'
  | 'atom'
  | 'batch'
  | 'bolt'
  | 'book-open'
  | 'book-closed'
  | 'book-clock'
  | 'bug'
  | 'calendar'
  | 'chart'
  | 'check'
  | 'check-circle'
  | 'check-circle-filled'
  | 'chevron-left'
  | 'chevron-right'
  | 'circle-question'
  | 'clock'
  | 'compass'
  | 'confetti'
  | 'cube'
  | 'desktop'
  | 'document'
  | 'dot'
  | 'dots-horizontal'
  | 'dots-vertical'
  | 'empty-circle'
  | 'external-link'
  | 'globe'
  | 'keys'
  | 'lab'
  | 'images'
  | 'info'
  | 'lifesaver'
  | 'lightbulb'
  | 'mail'
  | 'map-pin'
  | 'maps'
  | 'mobile'
  | 'name'
  | 'notebook'
  | 'notebook-pencil'
  | 'page-blank'
  | 'phone'
  | 'play'
  | 'plus'
  | 'profile'
  | 'profile-card'
  | 'reload'
  | 'star'
  | 'star-filled'
  | 'search'
  | 'sparkle'
  | 'sparkle-double'
  | 'square-code'
  | 'square-image'
  | 'square-text'
  | 'suitcase'
  | 'settings-slider'
  | 'user'
  | 'wreath'
  | 'write'
  | 'write-alt'
  | 'write-alt2'
  | `lucide:${string}`
  | `vendor:${string}`;

/** What a widget action does when triggered (`ActionConfig`). */
export interface ActionConfig {
  type: string;
  payload?: unknown;
  /** `server` (default) posts it to the backend; `client` hands it to the host page. */
  handler?: 'server' | 'client';
  /** Where the busy state shows while the action runs. */
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  /** `false` sends it as `threads.sync_custom_action` (a JSON answer, no stream). */
  streaming?: boolean;
}

/** A colour for light and dark themes. */
export interface ThemeColor {
  dark: string;
  light: string;
}
/** A colour token (`surface`, `success`, `blue-500`…) or a theme pair. */
export type Color = string | ThemeColor;
/** Spacing on each side; numbers are in 4px units. */
export interface Spacing {
  top?: number | string;
  right?: number | string;
  bottom?: number | string;
  left?: number | string;
  x?: number | string;
  y?: number | string;
}
/** One border. */
export interface Border {
  size: number;
  color?: Color;
  style?: 'solid' | 'dashed' | 'dotted' | 'double' | 'groove' | 'ridge' | 'inset' | 'outset';
}
/** Borders per side. */
export interface Borders {
  top?: number | Border;
  right?: number | Border;
  bottom?: number | Border;
  left?: number | Border;
  x?: number | Border;
  y?: number | Border;
}
/** A status line above a Card or ListView. */
export type WidgetStatus = { text: string; favicon?: string; frame?: boolean } | { text: string; icon?: WidgetIcon };
/** Corner radius tokens. */
export type RadiusValue = '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | 'full' | '100%' | 'none';
export type TextAlign = 'start' | 'center' | 'end';
export type TextSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl';
export type Weight = 'normal' | 'medium' | 'semibold' | 'bold';
export type Alignment = 'start' | 'center' | 'end' | 'baseline' | 'stretch';
export type Justification = 'start' | 'center' | 'end' | 'between' | 'around' | 'evenly' | 'stretch';
export type ControlVariant = 'solid' | 'soft' | 'outline' | 'ghost';
export type ControlSize = '3xs' | '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
