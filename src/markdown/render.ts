/**
 * Renders markdown into Lit templates while it streams: the module views import.
 *
 * Model output only ever becomes text nodes and allow-listed attribute values (see
 * `templates.ts`): no HTML string is ever parsed, raw HTML is shown as literal text, links are
 * allow-listed by {@link isSafeUrl}, images only come from allowed hosts.
 *
 * Both renderers are Lit directives: their state (the incremental parse, the DOM of each block)
 * lives on the template part they render into and is freed with it, like lit-html's `cache()`.
 * Callers keep no keys and owe no object identity: each message part simply renders its text.
 */
import { html, noChange, render, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type DirectiveResult, type PartInfo } from 'lit/directive.js';
import type { MarkedToken } from 'marked';
import { BlockList } from './block-list.js';
import { MarkdownStream, createLexer, type Block, type StreamSnapshot } from './parse.js';
import {
  copyOnClick,
  inline,
  renderBlock,
  renderSources,
  type Annotation,
  type Context,
  type Mark,
  type MarkdownStrings,
  type NumberedSource,
} from './templates.js';

export { isSafeUrl } from './url.js';
export type { Annotation, MarkdownStrings } from './templates.js';

/** Options for {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /** Image hosts that may be loaded (exact host names); none by default. */
  readonly allowedImageDomains?: readonly string[];
  /** Citations shown as numbered markers and as a sources list after the text. */
  readonly annotations?: readonly Annotation[];
  /** Strings for the copy button; English by default. */
  readonly strings?: MarkdownStrings;
  /**
   * The text may still grow: unfinished constructs at its end are completed optimistically.
   * Pass `false` (the default) for a finished message; its rendering then equals the rendering
   * of its full text parsed at once.
   */
  readonly streaming?: boolean;
  /**
   * While `streaming`, registers the part under `key`, so that `registry.update(key, text)`
   * renders a longer text into it without the update of the element around it.
   */
  readonly live?: { readonly registry: LiveMarkdown; readonly key: string };
}

/**
 * The markdown parts of streaming messages, by key: a streamed delta renders into its part directly,
 * not through the whole element's template (see `ChatStore`).
 */
export class LiveMarkdown {
  private readonly parts = new Map<string, (text: string) => boolean>();

  /** Renders `text` into the part registered under `key`; false when none is, or it left the page. */
  update(key: string, text: string): boolean {
    const part = this.parts.get(key);
    if (part?.(text)) return true;
    this.parts.delete(key);
    return false;
  }

  /** Registers (or, with no `render`, forgets) the part under `key`. */
  set(key: string, render?: (text: string) => boolean): void {
    if (render) this.parts.set(key, render);
    else this.parts.delete(key);
  }
}

/** How long (ms) one streaming render may spend freezing newly committed blocks. */
const FREEZE_BUDGET_MS = 12;

const defaultStrings: MarkdownStrings = { copy: 'Copy', copied: 'Copied' };
const noDomains: readonly string[] = [];
const noAnnotations: readonly Annotation[] = [];

/** Renders a message's markdown text into a child part; state is kept on that part. */
class MarkdownDirective extends Directive {
  /** The incremental parse; dropped once the text is final (see release()). */
  private stream: MarkdownStream | undefined;
  private readonly blocks = new BlockList();
  private context: Context = { domains: noDomains, strings: defaultStrings };
  private revision = -1;
  /** Indexes of the blocks rendered with citations last time. */
  private cited: readonly number[] = [];
  private last: { text: string; streaming: boolean; annotations: readonly Annotation[] } | undefined;
  /** Committed blocks wait to be frozen (see FREEZE_BUDGET_MS); a frame is asked to catch up. */
  private behind = false;
  private catchUp = 0;
  private options: RenderMarkdownOptions = {};

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('renderMarkdown() belongs in a child position');
    this.blocks.root.addEventListener('click', copyOnClick);
  }

  render(text: string, options: RenderMarkdownOptions = {}): unknown {
    const streaming = options.streaming === true;
    const annotations = options.annotations ?? noAnnotations;
    const contextChanged = this.updateContext(options);
    const last = this.last;
    if (
      !contextChanged &&
      !this.behind &&
      last &&
      last.text === text &&
      last.streaming === streaming &&
      sameItems(last.annotations, annotations)
    ) {
      return noChange;
    }
    this.last = { text, streaming, annotations };
    const live = options.live;
    live?.registry.set(
      live.key,
      streaming ? (next) => this.blocks.root.isConnected && (this.render(next, options), true) : undefined,
    );
    const snapshot = (this.stream ??= new MarkdownStream()).update(text, { final: !streaming });
    // A streaming render that adds many blocks (a fast server) freezes them for a few ms and leaves
    // the rest to the next frames, so no task grows long; a rebuilt or final text renders whole.
    let budgetEnd = streaming ? performance.now() + FREEZE_BUDGET_MS : Infinity;
    if (contextChanged || snapshot.revision !== this.revision) {
      this.blocks.clear();
      this.revision = snapshot.revision;
      budgetEnd = Infinity;
    }
    const { marks, sources } = placeCitations(annotations, snapshot);
    const { committed } = snapshot;
    // Frozen blocks are rendered again only when their citations change.
    for (const index of new Set([...this.cited, ...marks.keys()])) {
      const block = committed[index];
      if (!block || index >= this.blocks.frozenCount) continue;
      const key = marksKey(marks.get(index));
      if (!this.blocks.isCurrent(index, block, key)) this.blocks.freeze(index, block, key, this.template(block, marks));
    }
    this.cited = [...marks.keys()];
    for (let index = this.blocks.frozenCount; index < committed.length; index++) {
      if (performance.now() > budgetEnd) break;
      const block = committed[index] as Block;
      this.blocks.freeze(index, block, marksKey(marks.get(index)), this.template(block, marks));
    }
    this.behind = this.blocks.frozenCount < committed.length;
    this.options = options;
    if (this.behind) {
      // The open blocks keep their last rendering until the committed ones before them are in.
      this.catchUp ||= requestAnimationFrame(() => {
        this.catchUp = 0;
        if (this.behind && this.last && this.blocks.root.isConnected) this.render(this.last.text, this.options);
      });
    } else if (streaming) this.blocks.renderOpen(snapshot.tail.map((block) => this.template(block, marks)));
    else {
      // A final text's tail is closed too: frozen like the committed blocks.
      for (const block of snapshot.tail) {
        this.blocks.freeze(this.blocks.frozenCount, null, '', this.template(block, marks));
      }
      this.blocks.renderOpen([]);
    }
    this.blocks.markCaret(streaming);
    this.blocks.renderSources(sources.length > 0 ? renderSources(sources) : null);
    const className = streaming ? 'md md-streaming' : 'md';
    if (this.blocks.root.className !== className) this.blocks.root.className = className;
    if (!streaming) this.release();
    return this.blocks.root;
  }

  /**
   * A finished message keeps its DOM and nothing else: no parse, no list per block, no template
   * parts or tokens. Should it render again with other inputs (citations or strings changed, text
   * edited), it is parsed and rendered again from its text, as when its context changes.
   */
  private release(): void {
    this.stream = undefined;
    this.blocks.release();
    this.cited = [];
    // The next snapshot (from a new parse) never matches: the blocks are cleared first.
    this.revision = -1;
  }

  private template(block: Block, marks: ReadonlyMap<number, Mark[]>): TemplateResult {
    return renderBlock(block.token as MarkedToken, this.context, marks.get(block.index) ?? []);
  }

  /** Takes the options' domains and strings; true when they differ from the last ones. */
  private updateContext(options: RenderMarkdownOptions): boolean {
    const domains = options.allowedImageDomains ?? noDomains;
    const strings = options.strings ?? defaultStrings;
    const { context } = this;
    if (
      sameItems(domains, context.domains) &&
      strings.copy === context.strings.copy &&
      strings.copied === context.strings.copied
    ) {
      return false;
    }
    this.context = { domains: [...domains], strings: { copy: strings.copy, copied: strings.copied } };
    return true;
  }
}

/**
 * Renders a message's markdown text.
 *
 * Render it again in the same place with the longer text on every delta: blocks that have
 * closed keep their DOM nodes and are never rendered again, and the cost of a delta does not
 * grow with the length of the message.
 */
export const renderMarkdown: (
  text: string,
  options?: RenderMarkdownOptions,
) => DirectiveResult<typeof MarkdownDirective> = directive(MarkdownDirective);

/** Renders a short string as inline markdown (no blocks): lexed again only when it changes. */
class InlineMarkdownDirective extends Directive {
  private text: string | undefined;

  render(text: string): unknown {
    if (text === this.text) return noChange;
    this.text = text;
    const tokens = createLexer().inlineTokens(text);
    return html`${inline(tokens, { domains: noDomains, strings: defaultStrings })}`;
  }
}

/** Renders a short string as inline markdown (no blocks): emphasis, code, links. */
export const renderInlineMarkdown: (text: string) => DirectiveResult<typeof InlineMarkdownDirective> =
  directive(InlineMarkdownDirective);

let prepared = false;

/**
 * Lexes a short sample while the page is idle. The first lexing of a page compiles the lexer's
 * regular expressions, tens of milliseconds on a slow machine: done beforehand, it does not hold
 * up the first tokens of the first answer.
 */
export function prepareMarkdown(): void {
  if (prepared) return;
  prepared = true;
  whenIdle(() => {
    // Rendered off the page, streaming then finished: Lit prepares each block's template and the
    // engine compiles the render path now, not in the middle of the first answer's tokens.
    const sample =
      '# a\n\n> b\n\n- c\n\n1. *d* **e** `f` [g](#h)\n\n| i |\n|-|\n| j |\n\n```\nk\n```\n\n---\n\nl\n-\n\nm';
    const holder = document.createElement('div');
    render(renderMarkdown(sample.slice(0, 40), { streaming: true }), holder);
    render(renderMarkdown(sample, { streaming: true }), holder);
    render(renderMarkdown(sample), holder);
  });
}

/** Runs `task` when the page is idle (soon, where the browser cannot tell). */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 300);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

function marksKey(marks: readonly Mark[] | undefined): string {
  return marks ? marks.map((m) => `${m.n}@${m.offset}`).join(',') : '';
}

// ---------------------------------------------------------------------------------------------
// Citations

/** Numbers the distinct sources in order of appearance and finds the block each index is in. */
function placeCitations(
  annotations: readonly Annotation[],
  snapshot: StreamSnapshot,
): { marks: Map<number, Mark[]>; sources: NumberedSource[] } {
  const marks = new Map<number, Mark[]>();
  const sources: NumberedSource[] = [];
  if (annotations.length === 0) return { marks, sources };
  const numbers = new Map<string, number>();
  for (const annotation of annotations) {
    const { source } = annotation;
    const id = `${source.type}\n${source.url ?? source.filename ?? ''}\n${source.title ?? ''}`;
    let n = numbers.get(id);
    if (n === undefined) {
      n = sources.length + 1;
      numbers.set(id, n);
      sources.push({ n, source });
    }
    const index = annotation.index;
    if (typeof index !== 'number') continue;
    const block = blockBefore(snapshot, index);
    if (!block) continue;
    const list = marks.get(block.index) ?? [];
    list.push({ n, offset: index - block.start, source });
    marks.set(block.index, list);
  }
  for (const list of marks.values()) list.sort((a, b) => a.offset - b.offset);
  return { marks, sources };
}

/** The last block that starts before `index` (a citation follows the text it cites). */
function blockBefore({ committed, tail }: StreamSnapshot, index: number): Block | undefined {
  const firstOpen = tail[0];
  if (firstOpen && (firstOpen.start < index || committed.length === 0)) {
    let found = firstOpen;
    for (const block of tail) if (block.start < index) found = block;
    return found;
  }
  let low = 0;
  let high = committed.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((committed[mid]?.start ?? 0) < index) low = mid;
    else high = mid - 1;
  }
  return committed[low];
}
