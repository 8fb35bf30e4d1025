/**
 * Widget props to CSS values. Only known tokens and plain numbers become CSS: a colour is a theme
 * token (read from `--stream-chat-*` custom properties with fallbacks) or a primitive palette
 * token such as `blue-500`, never a raw CSS string from the server; lengths are numbers or
 * simple `<number><unit>` strings. Anything else yields `undefined` and the prop is skipped.
 */

type Styles = Record<string, string>;

/** Text colour tokens of the schema. */
const TEXT: Record<string, string> = {
  prose: 'var(--stream-chat-text, currentColor)',
  primary: 'var(--stream-chat-text, currentColor)',
  emphasis: 'var(--stream-chat-text, currentColor)',
  secondary: 'var(--stream-chat-muted, color-mix(in srgb, currentColor 70%, transparent))',
  tertiary: 'var(--stream-chat-muted, color-mix(in srgb, currentColor 55%, transparent))',
  success: 'var(--stream-chat-success, #1a7f37)',
  warning: 'var(--stream-chat-warning, #9a6700)',
  caution: 'var(--stream-chat-warning, #9a6700)',
  danger: 'var(--stream-chat-danger, #cf222e)',
  info: 'var(--stream-chat-accent, #0969da)',
  discovery: 'var(--stream-chat-discovery, #8250df)',
};

/** Surface tokens (backgrounds). */
const SURFACE: Record<string, string> = {
  surface: 'var(--stream-chat-surface, Canvas)',
  'surface-secondary': 'var(--stream-chat-surface-2, color-mix(in srgb, currentColor 5%, Canvas))',
  'surface-tertiary': 'var(--stream-chat-surface-3, color-mix(in srgb, currentColor 9%, Canvas))',
  'surface-elevated': 'var(--stream-chat-surface, Canvas)',
  'surface-elevated-secondary': 'var(--stream-chat-surface-2, color-mix(in srgb, currentColor 5%, Canvas))',
};

/** Border colour tokens. */
const BORDER: Record<string, string> = {
  default: 'var(--stream-chat-border-color, color-mix(in srgb, currentColor 18%, transparent))',
  subtle: 'var(--stream-chat-border-color, color-mix(in srgb, currentColor 10%, transparent))',
  strong: 'color-mix(in srgb, currentColor 35%, transparent)',
};

/** Hue and saturation of each primitive palette name (`red-500`…). */
const HUES: Record<string, [number, number]> = {
  red: [0, 75],
  orange: [25, 85],
  amber: [38, 90],
  yellow: [48, 90],
  lime: [85, 70],
  green: [140, 55],
  emerald: [155, 60],
  teal: [175, 60],
  cyan: [190, 70],
  sky: [200, 80],
  blue: [215, 80],
  indigo: [235, 65],
  violet: [260, 70],
  purple: [275, 65],
  fuchsia: [295, 70],
  pink: [330, 75],
  rose: [350, 75],
  gray: [220, 8],
  slate: [215, 16],
  zinc: [240, 5],
  neutral: [0, 0],
  stone: [25, 6],
};

function primitive(token: string): string | undefined {
  const match = /^([a-z]+)-(50|[1-9]00|950)$/.exec(token);
  const hue = match && HUES[match[1] as string];
  if (!match || !hue) return undefined;
  const shade = Number(match[2]);
  const lightness = Math.round(97 - (shade / 950) * 85);
  return `hsl(${hue[0]} ${hue[1]}% ${lightness}%)`;
}

/** Chart series colour tokens, assigned in order when a series names none. */
export const CHART_COLORS = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'] as const;

function tokenColor(value: unknown, named: Record<string, string>): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(named, value)) return named[value];
  if (Object.hasOwn(HUES, value)) return primitive(`${value}-500`);
  return primitive(value);
}

/** A colour prop (`'danger'`, `'blue-500'` or `{light, dark}`) as CSS, or undefined. */
export function color(value: unknown, kind: 'text' | 'surface' | 'border' = 'text'): string | undefined {
  const named = kind === 'surface' ? SURFACE : kind === 'border' ? BORDER : TEXT;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { light, dark } = value as { light?: unknown; dark?: unknown };
    const l = tokenColor(light, named);
    const d = tokenColor(dark, named);
    return l && d ? `light-dark(${l}, ${d})` : (l ?? d);
  }
  return tokenColor(value, named);
}

const LENGTH = /^(\d{1,4}(\.\d{1,3})?)(px|%|rem|em|vh|vw|ch)?$/;

/** A length: numbers are pixels (or 4px steps when `step`), strings must be `<number><unit>` or `auto`. */
export function length(value: unknown, step = false): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 10000) {
    return step ? `${value * 4}px` : `${value}px`;
  }
  if (typeof value !== 'string') return undefined;
  if (value === 'auto' || value === '100%') return value;
  const match = LENGTH.exec(value.trim());
  if (!match) return undefined;
  return match[3] ? value.trim() : `${match[1]}px`;
}

const RADII: Record<string, string> = {
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: '6px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  '2xl': '20px',
  '3xl': '24px',
  '4xl': '32px',
  full: '9999px',
  '100%': '100%',
};

/** A radius token as CSS. */
export function radius(value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(RADII, value) ? RADII[value] : undefined;
}

const ALIGN: Record<string, string> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  baseline: 'baseline',
  stretch: 'stretch',
};
const JUSTIFY: Record<string, string> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
  stretch: 'stretch',
};

function pick(map: Record<string, string>, value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(map, value) ? map[value] : undefined;
}

function set(styles: Styles, property: string, value: string | undefined): void {
  if (value !== undefined) styles[property] = value;
}

/** Spacing (`padding`, `margin`): a number/length, or `{top, right, bottom, left, x, y}`. */
function spacing(styles: Styles, property: 'padding' | 'margin', value: unknown): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const sides = value as Record<string, unknown>;
    const side = (name: string, axis: string) => length(sides[name] ?? sides[axis], true);
    set(styles, `${property}-top`, side('top', 'y'));
    set(styles, `${property}-bottom`, side('bottom', 'y'));
    set(styles, `${property}-left`, side('left', 'x'));
    set(styles, `${property}-right`, side('right', 'x'));
    return;
  }
  set(styles, property, length(value, true));
}

function border(styles: Styles, value: unknown): void {
  const one = (side: string, spec: unknown) => {
    const prop = side ? `border-${side}` : 'border';
    if (typeof spec === 'number') return set(styles, prop, `${length(spec)} solid ${BORDER.default}`);
    if (!spec || typeof spec !== 'object') return;
    const { size, color: c, style } = spec as { size?: unknown; color?: unknown; style?: unknown };
    const width = length(size);
    const kind =
      typeof style === 'string' && /^(solid|dashed|dotted|double|groove|ridge|inset|outset)$/.test(style)
        ? style
        : 'solid';
    if (width) set(styles, prop, `${width} ${kind} ${color(c, 'border') ?? BORDER.default}`);
  };
  if (value && typeof value === 'object' && !('size' in value)) {
    const sides = value as Record<string, unknown>;
    for (const side of ['top', 'right', 'bottom', 'left']) {
      const axis = side === 'top' || side === 'bottom' ? 'y' : 'x';
      if (sides[side] !== undefined || sides[axis] !== undefined) one(side, sides[side] ?? sides[axis]);
    }
    return;
  }
  one('', value);
}

/** Sizing props (`width`, `minHeight`, `size`, `aspectRatio`, `flex`…) as CSS. */
export function sizing(node: Record<string, unknown>, styles: Styles = {}): Styles {
  for (const [prop, css] of [
    ['width', 'width'],
    ['height', 'height'],
    ['minWidth', 'min-width'],
    ['minHeight', 'min-height'],
    ['maxWidth', 'max-width'],
    ['maxHeight', 'max-height'],
  ] as const) {
    set(styles, css, length(node[prop]));
  }
  for (const [prop, css] of [
    ['size', ''],
    ['minSize', 'min-'],
    ['maxSize', 'max-'],
  ] as const) {
    const value = length(node[prop]);
    if (value) {
      styles[`${css}width`] = value;
      styles[`${css}height`] = value;
    }
  }
  const ratio = node.aspectRatio;
  if (typeof ratio === 'number' && ratio > 0 && ratio < 100) styles['aspect-ratio'] = String(ratio);
  else if (typeof ratio === 'string' && /^\d{1,4}(\s*\/\s*\d{1,4})?$/.test(ratio)) styles['aspect-ratio'] = ratio;
  const flex = node.flex;
  if (typeof flex === 'number' && flex >= 0 && flex < 1000) styles.flex = String(flex);
  else if (typeof flex === 'string' && /^(auto|none|\d{1,3})$/.test(flex)) styles.flex = flex;
  return styles;
}

/** Layout props of Box, Row, Col, Form and Card as CSS. */
export function boxStyles(node: Record<string, unknown>): Styles {
  const styles = sizing(node);
  set(styles, 'align-items', pick(ALIGN, node.align));
  set(styles, 'justify-content', pick(JUSTIFY, node.justify));
  if (typeof node.wrap === 'string' && /^(nowrap|wrap|wrap-reverse)$/.test(node.wrap)) styles['flex-wrap'] = node.wrap;
  set(styles, 'gap', length(node.gap, true));
  spacing(styles, 'padding', node.padding);
  spacing(styles, 'margin', node.margin);
  if (node.border !== undefined) border(styles, node.border);
  set(styles, 'border-radius', radius(node.radius));
  set(styles, 'background', color(node.background, 'surface'));
  return styles;
}

/** `align` of a ListViewItem (same tokens as a box). */
export function alignItems(value: unknown): string | undefined {
  return pick(ALIGN, value);
}

/** Margin only (Image, Divider). */
export function margin(node: Record<string, unknown>, styles: Styles): Styles {
  spacing(styles, 'margin', node.margin);
  return styles;
}

/** Text styling props (`color`, `weight`, `textAlign`, `italic`, `lineThrough`, `maxLines`). */
export function textStyles(node: Record<string, unknown>): Styles {
  const styles: Styles = {};
  set(styles, 'color', color(node.color));
  set(styles, 'font-weight', pick({ normal: '400', medium: '500', semibold: '600', bold: '700' }, node.weight));
  set(styles, 'text-align', pick({ start: 'start', center: 'center', end: 'end' }, node.textAlign));
  if (node.italic === true) styles['font-style'] = 'italic';
  if (node.lineThrough === true) styles['text-decoration'] = 'line-through';
  set(styles, 'width', length(node.width));
  const lines = node.maxLines;
  if (typeof lines === 'number' && Number.isInteger(lines) && lines > 0 && lines < 100) {
    styles['-webkit-line-clamp'] = String(lines);
    styles.display = '-webkit-box';
    styles['-webkit-box-orient'] = 'vertical';
    styles.overflow = 'hidden';
  }
  return styles;
}

/** A token from a fixed list, for class names. */
export function token<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
