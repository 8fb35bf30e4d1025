/**
 * Lit templates for marked's tokens: the DOM that model output becomes.
 *
 * Model output only ever becomes text nodes and allow-listed attribute values: no HTML string is
 * ever parsed here, raw HTML in the markdown is shown as literal text, links must pass
 * {@link isSafeUrl} and images must come from an allowed host.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MarkedToken, Token, Tokens } from 'marked';
import { decodeEntities } from './entities.js';
import { highlightCode } from './highlight-directive.js';
import { isClosedFence } from './parse.js';
import { plainText } from './plain-text.js';
import { isAllowedImage, isSafeUrl } from './url.js';

/** Where a citation points (a structural subset of the protocol's `Source`). */
interface AnnotationSource {
  readonly type: 'url' | 'file' | 'entity';
  readonly title?: string;
  readonly url?: string;
  readonly filename?: string;
}

/** A citation attached to the text; `index` is the character offset it follows. */
export interface Annotation {
  readonly source: AnnotationSource;
  readonly index?: number | null;
}

/** User-visible strings of the rendered markdown. */
export interface MarkdownStrings {
  /** Label of a code block's copy button. */
  readonly copy: string;
  /** Announced (and shown) after the code was copied. */
  readonly copied: string;
}

/** What the templates of one message depend on besides its tokens. */
export interface Context {
  /** Image hosts that may be loaded. */
  readonly domains: readonly string[];
  readonly strings: MarkdownStrings;
  /** Accessible name for the checkbox of the task list item being rendered. */
  readonly task?: string;
}

/** A numbered citation placed in the text. */
export interface Mark {
  readonly n: number;
  /** Offset from the start of the block's source. */
  readonly offset: number;
  readonly source: AnnotationSource;
}

/** A distinct citation source and its number in the sources list. */
export interface NumberedSource {
  readonly n: number;
  readonly source: AnnotationSource;
}

function sourceTitle(source: AnnotationSource): string {
  return source.title || source.url || source.filename || '';
}

function sourceHref(source: AnnotationSource): string | undefined {
  return source.type === 'url' && source.url !== undefined && isSafeUrl(source.url) ? source.url : undefined;
}

/** A citation marker `[n]`, linked to its source when that is an allowed URL. */
function renderMark(mark: Mark): TemplateResult {
  const href = sourceHref(mark.source);
  const title = sourceTitle(mark.source);
  const label = `[${mark.n}]`;
  return href
    ? html`<sup class="md-cite"><a href=${href} title=${title} target="_blank" rel="noopener noreferrer">${label}</a></sup>`
    : html`<sup class="md-cite" title=${title}>${label}</sup>`;
}

/** The compact sources list shown after the text. */
export function renderSources(sources: readonly NumberedSource[]): TemplateResult {
  return html`<ol class="md-sources">${sources.map(({ source }) => {
    const href = sourceHref(source);
    const title = sourceTitle(source);
    return html`<li class="md-source">${
      href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${title}</a>` : title
    }</li>`;
  })}</ol>`;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** A citation offset meaning "at the end of this container". */
const END = Number.MAX_SAFE_INTEGER;

/** Renders a block token; `marks` are citations at offsets into the block's source. */
export function renderBlock(token: MarkedToken, ctx: Context, marks: readonly Mark[]): TemplateResult {
  switch (token.type) {
    case 'paragraph':
      return html`<p>${inlineWithMarks(token.tokens, ctx, marks, 0)}</p>`;
    case 'heading':
      return heading(token, ctx, marks);
    case 'code':
      return codeBlock(token, ctx, marks);
    case 'blockquote':
      return html`<blockquote>${children(token.tokens, ctx, false, marks)}</blockquote>`;
    case 'list':
      return list(token, ctx, marks);
    case 'table':
      return table(token, ctx, marks);
    case 'hr':
      return html`<hr />`;
    case 'html':
      return html`<p class="md-html">${token.raw.replace(/\n+$/, '')}${marks.map(renderMark)}</p>`;
    case 'text':
      return html`<p>${token.tokens ? inlineWithMarks(token.tokens, ctx, marks, 0) : decodeEntities(token.text)}</p>`;
    case 'space':
    case 'def':
      return html``;
    default:
      return html`<p>${token.raw}</p>`;
  }
}

/** Renders block tokens inside a container; `marks` go at the end of the last one. */
function children(tokens: readonly Token[], ctx: Context, loose: boolean, marks: readonly Mark[]): unknown[] {
  const lastIndex = lastContentIndex(tokens);
  return tokens.map((t, i) => {
    const token = t as MarkedToken;
    const own = i === lastIndex ? marks.map((m) => ({ ...m, offset: END })) : [];
    if (token.type === 'text') {
      const content = token.tokens ? inlineWithMarks(token.tokens, ctx, own, 0) : decodeEntities(token.text);
      return loose ? html`<p>${content}</p>` : content;
    }
    if (token.type === 'checkbox') return checkbox(token.checked, ctx.task);
    if (token.type === 'space' || token.type === 'def') return nothing;
    return renderBlock(token, ctx, own);
  });
}

function lastContentIndex(tokens: readonly Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i]?.type;
    if (type !== 'space' && type !== 'def' && type !== 'checkbox') return i;
  }
  return -1;
}

function heading(token: Tokens.Heading, ctx: Context, marks: readonly Mark[]): TemplateResult {
  const shift = Math.max(0, token.raw.indexOf(token.text));
  const content = inlineWithMarks(token.tokens, ctx, marks, shift);
  switch (token.depth) {
    case 1:
      return html`<h1>${content}</h1>`;
    case 2:
      return html`<h2>${content}</h2>`;
    case 3:
      return html`<h3>${content}</h3>`;
    case 4:
      return html`<h4>${content}</h4>`;
    case 5:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}

function codeBlock(token: Tokens.Code, ctx: Context, marks: readonly Mark[]): TemplateResult {
  const lang = /^\S*/.exec(token.lang ?? '')?.[0] ?? '';
  const { copy, copied } = ctx.strings;
  const code = token.text;
  // Highlighted once its closing fence has arrived (a streaming block stays plain until then).
  const closed = isClosedFence(token);
  // The copy button has no listener of its own (see copyOnClick): a listener would keep the
  // block's whole template instance alive after the block is frozen.
  return html`<div class="md-code"><div class="md-code-header">${
    lang ? html`<span class="md-code-lang">${lang}</span>` : nothing
  }${marks.map(renderMark)}<button type="button" class="md-copy" aria-label=${copy} data-copied=${copied}><span
        class="md-copy-label"
        >${copy}</span
      ></button><span class="md-copy-status visually-hidden" role="status"></span></div><pre class="md-pre" tabindex="0"><code>${highlightCode(code, lang, closed)}</code></pre></div>`;
}

const copiedTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/**
 * The click listener of a message's rendered markdown (one per message): a click on a code block's
 * copy button copies the code shown in that block, which is exactly the block's code (highlighting
 * only wraps runs of it in spans).
 */
export function copyOnClick(event: Event): void {
  const target = event.target;
  const button = target instanceof Element ? target.closest('.md-copy') : null;
  const code = button?.closest('.md-code')?.querySelector('.md-pre > code');
  if (button && code) copyCode(code.textContent ?? '', button, button.getAttribute('data-copied') ?? '');
}

/** Copies `text` and, once it is on the clipboard, says so next to the button for a moment. */
function copyCode(text: string, button: Element, copied: string): void {
  const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
  if (!clipboard || typeof clipboard.writeText !== 'function') return;
  clipboard.writeText(text).then(
    () => {
      const status = button.nextElementSibling;
      // The status element has no bindings, so Lit never rewrites what is set here.
      if (status) status.textContent = copied;
      button.classList.add('md-copied');
      clearTimeout(copiedTimers.get(button));
      copiedTimers.set(
        button,
        setTimeout(() => {
          if (status) status.textContent = '';
          button.classList.remove('md-copied');
        }, 2000),
      );
    },
    () => undefined,
  );
}

function list(token: Tokens.List, ctx: Context, marks: readonly Mark[]): TemplateResult {
  // Items' sources follow each other in the list's source: find the item each mark is in.
  const itemMarks: Mark[][] = token.items.map(() => []);
  let itemStart = 0;
  let m = 0;
  token.items.forEach((item, i) => {
    const itemEnd = itemStart + item.raw.length;
    const last = i === token.items.length - 1;
    while (m < marks.length && ((marks[m]?.offset ?? 0) <= itemEnd || last)) {
      const mark = marks[m++];
      if (mark) itemMarks[i]?.push(mark);
    }
    itemStart = itemEnd;
  });
  const items = token.items.map((item, i) => listItem(item, ctx, itemMarks[i] ?? []));
  if (!token.ordered) return html`<ul>${items}</ul>`;
  const start = typeof token.start === 'number' && token.start !== 1 ? token.start : nothing;
  return html`<ol start=${start}>${items}</ol>`;
}

function listItem(item: Tokens.ListItem, ctx: Context, marks: readonly Mark[]): TemplateResult {
  if (!item.task) return html`<li>${children(item.tokens, ctx, item.loose, marks)}</li>`;
  const task = plainText(item.tokens).trim();
  return html`<li class="md-task">${children(item.tokens, { ...ctx, task }, item.loose, marks)}</li>`;
}

/** A task list checkbox: read-only, named after its item's text (form fields need a name). */
function checkbox(checked: boolean, label: string | undefined): TemplateResult {
  return html`<input type="checkbox" class="md-checkbox" disabled ?checked=${checked} aria-label=${label || nothing} />`;
}

function table(token: Tokens.Table, ctx: Context, marks: readonly Mark[]): TemplateResult {
  // Line 0 of the source is the header row, line 1 the delimiter row, line 2 + r is row r.
  const rowMarks = new Map<number, Mark[]>();
  for (const mark of marks) {
    const line = token.raw.slice(0, mark.offset).split('\n').length - 1;
    const row = Math.min(Math.max(line - 2, -1), token.rows.length - 1);
    rowMarks.set(row, [...(rowMarks.get(row) ?? []), { ...mark, offset: END }]);
  }
  const cell = (c: Tokens.TableCell, own: readonly Mark[], header: boolean): TemplateResult => {
    // A class, not a style attribute: a strict CSP (no 'unsafe-inline' styles) blocks the attribute.
    const align = c.align ? `md-align-${c.align}` : nothing;
    const content = inlineWithMarks(c.tokens, ctx, own, 0);
    return header ? html`<th class=${align}>${content}</th>` : html`<td class=${align}>${content}</td>`;
  };
  const cells = (row: readonly Tokens.TableCell[], r: number, header: boolean): TemplateResult[] =>
    row.map((c, i) => cell(c, i === row.length - 1 ? (rowMarks.get(r) ?? []) : [], header));
  return html`<div class="md-table-wrap" tabindex="0"><table class="md-table"><thead><tr>${cells(token.header, -1, true)}</tr></thead>${
    token.rows.length > 0
      ? html`<tbody>${token.rows.map((row, r) => html`<tr>${cells(row, r, false)}</tr>`)}</tbody>`
      : nothing
  }</table></div>`;
}

// ---------------------------------------------------------------------------------------------
// Inline

/** Renders inline tokens with citation marks placed at their offsets into the tokens' source. */
function inlineWithMarks(tokens: readonly Token[], ctx: Context, marks: readonly Mark[], shift: number): unknown[] {
  if (marks.length === 0) return inline(tokens, ctx);
  const out: unknown[] = [];
  let m = 0;
  let position = shift;
  for (const t of tokens) {
    const token = t as MarkedToken;
    const end = position + token.raw.length;
    if (token.type === 'text' && !token.tokens && token.raw === token.text && !token.escaped) {
      let from = position;
      while (m < marks.length && (marks[m]?.offset ?? END) < end) {
        const mark = marks[m++] as Mark;
        const at = Math.max(mark.offset, from);
        out.push(decodeEntities(token.text.slice(from - position, at - position)), renderMark(mark));
        from = at;
      }
      out.push(decodeEntities(token.text.slice(from - position)));
    } else {
      out.push(inlineToken(token, ctx));
    }
    while (m < marks.length && (marks[m]?.offset ?? END) <= end) out.push(renderMark(marks[m++] as Mark));
    position = end;
  }
  while (m < marks.length) out.push(renderMark(marks[m++] as Mark));
  return out;
}

/** Renders inline tokens (text, emphasis, code spans, links, images). */
export function inline(tokens: readonly Token[], ctx: Context): unknown[] {
  return tokens.map((token) => inlineToken(token as MarkedToken, ctx));
}

function inlineToken(token: MarkedToken, ctx: Context): unknown {
  switch (token.type) {
    case 'text':
      if (token.tokens) return inline(token.tokens, ctx);
      return token.escaped ? token.text : decodeEntities(token.text);
    case 'escape':
      return token.text;
    case 'strong':
      return html`<strong>${inline(token.tokens, ctx)}</strong>`;
    case 'em':
      return html`<em>${inline(token.tokens, ctx)}</em>`;
    case 'del':
      return html`<del>${inline(token.tokens, ctx)}</del>`;
    case 'codespan':
      return html`<code class="md-codespan">${token.text}</code>`;
    case 'br':
      return html`<br />`;
    case 'link': {
      const href = token.autolink ? token.href : decodeEntities(token.href);
      const content = inline(token.tokens, ctx);
      if (!isSafeUrl(href)) return content;
      const title = token.title ? decodeEntities(token.title) : nothing;
      return html`<a href=${href} title=${title} target="_blank" rel="noopener noreferrer">${content}</a>`;
    }
    case 'image': {
      const href = decodeEntities(token.href);
      const alt = plainText(token.tokens);
      if (!isAllowedImage(href, ctx.domains)) return alt;
      const title = token.title ? decodeEntities(token.title) : nothing;
      return html`<img class="md-img" src=${href} alt=${alt} title=${title} loading="lazy" referrerpolicy="no-referrer" />`;
    }
    case 'checkbox':
      return checkbox(token.checked, ctx.task);
    case 'html':
      return token.raw;
    default:
      return token.raw;
  }
}
