/**
 * Syntax highlighting for closed code blocks: the lazily loaded chunk behind
 * `highlight-directive.ts`. Code becomes text nodes inside `<span class="hl-*">` elements built
 * by Lit templates; no HTML string is ever parsed. The colours are custom properties (see the
 * element's JSDoc), adopted into the shadow root the first time a block there is highlighted.
 */
import { html, type TemplateResult } from 'lit';
import { languages, type Language } from './highlight-languages.js';

/** A run of code and its token class ('' for plain text). */
export type Token = readonly [cls: string, text: string];

const compiled = new WeakMap<Language, RegExp>();

function patternOf(language: Language): RegExp {
  let pattern = compiled.get(language);
  if (!pattern) {
    pattern = new RegExp(language.rules.map(([, source]) => `(${source})`).join('|'), 'gm');
    compiled.set(language, pattern);
  }
  return pattern;
}

const call = /\s*\(/y;

function wordClass(language: Language, word: string, code: string, end: number): string {
  const key = language.anyCase ? word.toLowerCase() : word;
  if (language.keywords?.has(key)) return 'k';
  if (language.constants?.has(key)) return 'n';
  if (language.types?.has(key)) return 't';
  call.lastIndex = end;
  if (call.test(code)) return 'f';
  return language.capitals && /^[A-Z][a-z]/.test(word) ? 't' : '';
}

/** Splits code into classed runs; their texts joined give back the code exactly. */
export function tokenize(code: string, language: Language): Token[] {
  const out: Token[] = [];
  const pattern = patternOf(language);
  let last = 0;
  const plain = (to: number): void => {
    if (to > last) out.push(['', code.slice(last, to)]);
  };
  pattern.lastIndex = 0;
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    const text = match[0];
    if (text === '') {
      pattern.lastIndex++;
      continue;
    }
    const rule = language.rules[match.findIndex((group, i) => i > 0 && group !== undefined) - 1];
    if (!rule) continue;
    const [cls] = rule;
    const end = match.index + text.length;
    plain(match.index);
    if (typeof cls !== 'string') out.push(...tokenize(text, cls));
    else out.push([cls === 'w' ? wordClass(language, text, code, end) : cls, text]);
    last = end;
  }
  plain(code.length);
  return out;
}

/** Longer code blocks are not highlighted. */
export const MAX_LENGTH = 50_000;

/** The language a fence's info string names, if it is one this module knows. */
export function languageOf(name: string): Language | undefined {
  return Object.hasOwn(languages, name.toLowerCase()) ? languages[name.toLowerCase()] : undefined;
}

/** The code as Lit templates of classed spans, or undefined for a language not known here. */
export function highlight(code: string, name: string): unknown[] | undefined {
  const language = languageOf(name);
  // A very long block stays plain rather than hold up the page.
  if (!language || code.length > MAX_LENGTH) return undefined;
  return tokenize(code, language).map(([cls, text]): TemplateResult | string =>
    cls ? html`<span class="hl-${cls}">${text}</span>` : text,
  );
}

/**
 * Token class, custom property suffix, light and dark colour. Light colours are GitHub's on
 * #f6f8fa, dark ones GitHub's dark on #161b22: each at least 4.5:1 against its code background.
 */
const COLOURS =
  'k keyword cf222e ff7b72,s string 0a3069 a5d6ff,c comment 57606a 8b949e,n number 0550ae 79c0ff,' +
  'f function 8250df d2a8ff,t type 953800 ffa657,p property 0550ae 79c0ff,g tag 116329 7ee787,' +
  'm meta 6e5494 d2a8ff,i inserted 116329 7ee787,d deleted a40e26 ffa198';

/** The token colours for both themes (the element's `theme` attribute, else the page's mode). */
function stylesText(): string {
  const rows = COLOURS.split(',').map((row) => row.split(' '));
  const vars = (theme: number): string =>
    rows.map((row) => `--_hl-${row[0]}:var(--stream-chat-code-${row[1]},#${row[theme]})`).join(';');
  const dark = `.md-pre{${vars(3)}}`;
  return (
    `.md-pre{${vars(2)}}:host([theme=dark]) ${dark}@media (prefers-color-scheme:dark){:host(:not([theme=light])) ${dark}}` +
    rows.map(([cls]) => `.hl-${cls}{color:var(--_hl-${cls})}`).join('') +
    '.hl-c{font-style:italic}'
  );
}

const styled = new WeakSet<Node>();
let sheet: CSSStyleSheet | undefined;

/** Adds the token colours to the shadow root (or document) that `node` is in, once. */
export function adoptStyles(node: Node): void {
  const root = node.getRootNode();
  if (styled.has(root) || !(root instanceof ShadowRoot || root instanceof Document)) return;
  styled.add(root);
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(stylesText());
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
