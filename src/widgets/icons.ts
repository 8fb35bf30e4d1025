/**
 * The schema's icon names as inline SVG (24px grid, stroked with `currentColor`). Unknown names,
 * `lucide:` and `vendor:` names fall back to a neutral dot: nothing is ever fetched.
 */
import { html, type TemplateResult } from 'lit';

/** Paths by the schema's icon name (each under one name; `ALIASES` maps the names that share it). */
const P: Record<string, string> = {
  dot: 'M12 11.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1',
  'empty-circle': 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  'check-circle': 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M8 12.5l3 3 5-6',
  'chevron-left': 'M15 5l-7 7 7 7',
  'chevron-right': 'M9 5l7 7-7 7',
  plus: 'M12 5v14M5 12h14',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M15.5 15.5L20 20',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  sparkle:
    'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM18 16l.7 1.8 1.8.7-1.8.7L18 21l-.7-1.8-1.8-.7 1.8-.7z',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3 2',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 11v6M12 7.5v.5',
  'circle-question': 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17v.5',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  'map-pin': 'M12 21s-6-5.5-6-11a6 6 0 0 1 12 0c0 5.5-6 11-6 11zM12 8a2 2 0 1 0 0 4a2 2 0 1 0 0-4',
  user: 'M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8M4 20c1-4 4.5-6 8-6s7 2 8 6',
  'book-open': 'M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1zM12 6v14',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-8',
  'external-link': 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  'dots-horizontal':
    'M6 11.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1M12 11.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1M18 11.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1',
  'dots-vertical':
    'M12 5.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1M12 11.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1M12 17.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1',
  images: 'M4 4h16v16H4zM4 16l5-5 4 4 3-3 4 4M15 8.5a.5.5 0 1 0 0 1a.5.5 0 1 0 0-1',
  'square-code': 'M4 4h16v16H4zM10 9l-3 3 3 3M14 9l3 3-3 3',
  'square-text': 'M4 4h16v16H4zM8 9h8M8 13h8M8 17h5',
  write: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  mobile: 'M7 3h10v18H7zM11 18h2',
  desktop: 'M3 4h18v12H3zM8 20h8M12 16v4',
  play: 'M7 4l13 8-13 8z',
  reload: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  'settings-slider': 'M4 7h10M18 7h2M4 17h2M10 17h10M16 5v4M8 15v4',
  cube: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM4 7.5l8 4.5 8-4.5M12 12v9',
  bug: 'M8 9a4 4 0 0 1 8 0v6a4 4 0 0 1-8 0zM4 13h4M16 13h4M5 8l3 2M19 8l-3 2M5 19l3-2M19 19l-3-2',
  lightbulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3',
  atom: 'M12 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2M12 3c4 0 4 18 0 18S8 3 12 3M4.2 7.5c2-3.5 17.6 5.5 15.6 9S2.2 11 4.2 7.5M4.2 16.5c-2-3.5 13.6-12.5 15.6-9S6.2 20 4.2 16.5',
  compass: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M15.5 8.5l-2 5-5 2 2-5z',
  keys: 'M8 10a4 4 0 1 0 0 8a4 4 0 1 0 0-8M11 13l9-9M17 7l2 2M15 9l2 2',
  suitcase: 'M3 8h18v12H3zM9 8V5h6v3',
  lifesaver:
    'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8M5.6 5.6l3.6 3.6M14.8 14.8l3.6 3.6M18.4 5.6l-3.6 3.6M9.2 14.8l-3.6 3.6',
  agent: 'M6 8h12v11H6zM12 4v4M9.5 12.5v1M14.5 12.5v1M9 16h6',
  batch: 'M4 8h12v12H4zM8 4h12v12',
  confetti: 'M4 20l4-11 7 7zM14 4v2M18 6l-1.5 1.5M20 10h-2M13 9c2-2 4-2 6-1',
  lab: 'M9 3h6M10 3v6l-5 10a1 1 0 0 0 1 2h12a1 1 0 0 0 1-2l-5-10V3',
  maps: 'M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2zM9 4v14M15 6v14',
  wreath: 'M12 20c-5 0-8-4-8-9M12 20c5 0 8-4 8-9M6 8c0-2 1-3 2-4M18 8c0-2-1-3-2-4',
};

/** Schema icon names drawn with another name's path. */
const ALIASES: Record<string, string> = {
  analytics: 'chart',
  'book-closed': 'book-open',
  'book-clock': 'book-open',
  'check-circle-filled': 'check-circle',
  name: 'user',
  notebook: 'book-open',
  'notebook-pencil': 'write',
  'page-blank': 'document',
  profile: 'user',
  'profile-card': 'user',
  'star-filled': 'star',
  'sparkle-double': 'sparkle',
  'square-image': 'images',
  'write-alt': 'write',
  'write-alt2': 'write',
};

/** An icon as inline SVG, hidden from assistive technology (its meaning is in nearby text). */
export function icon(name: unknown, size = 16): TemplateResult {
  const own = typeof name === 'string' ? (Object.hasOwn(ALIASES, name) ? ALIASES[name] : name) : undefined;
  const path = own !== undefined && Object.hasOwn(P, own) ? P[own] : P.dot;
  const filled = name === 'star-filled' || name === 'check-circle-filled';
  return html`<svg class="w-icon" width=${size} height=${size} viewBox="0 0 24 24" aria-hidden="true" focusable="false"
    fill=${filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d=${path}></path></svg>`;
}
