/**
 * Renders markdown into Lit templates while it streams: the module views import.
 *
 * Model output only ever becomes text nodes and allow-listed attribute values (see
 * `templates.ts`): no HTML string is ever parsed, raw HTML is shown as literal text, links allow-listed by {@link isSafeUrl}, images only from allowed hosts.
 *
 * Closed blocks are rendered once: their templates are cached and guarded, and `repeat()` keyed
 * by block keeps their DOM nodes, so selected text stays selected while the tail grows.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MarkedToken } from 'marked';
import { MarkdownStream, createLexer, type Block, type StreamSnapshot } from './parse.js';
import {
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
export type { Block } from './parse.js';
export type { Annotation, AnnotationSource, MarkdownStrings } from './templates.js';

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
   * Identifies the message (e.g. its id), so its parse state is kept between deltas and each
   * delta re-parses only the open tail. Without a key, state is found by text prefix in a small
   * cache.
   */
  readonly key?: string;
}

const defaultStrings: MarkdownStrings = { copy: 'Copy', copied: 'Copied' };
const noDomains: readonly string[] = [];
const noAnnotations: readonly Annotation[] = [];

/**
 * Blocks per group (`<div class="md-group">`), and groups per chapter (`<div class="md-chapter">`).
 * A group or chapter whose blocks are all committed is rendered once and guarded, so a delta
 * touches a few chapters, one chapter's groups and one group's blocks: its cost does not grow
 * with the length of the message. The wrappers are elements rather than bare template parts
 * because layout has the same problem: the browser re-lays out the children of the element
 * whose last child grew, so a flat list of a thousand blocks costs a thousand cached child
 * layouts per frame.
 */
const GROUP = 16;
const CHAPTER = 16;
/** How many message states are kept by key, and without a key. */
const KEYED_STATES = 200;
const UNKEYED_STATES = 32;

/**
 * Renders a message's markdown text.
 *
 * Call it again with the longer text on every delta; blocks that have closed keep their DOM
 * nodes and are not rebuilt, and the cost of a call does not grow with the message's length.
 * @returns A template to place inside the message's container.
 */
export function renderMarkdown(text: string, options: RenderMarkdownOptions = {}): TemplateResult {
  const state = stateFor(text, options.key);
  return state.render(text, options);
}

/** Renders a short string as inline markdown (no blocks): emphasis, code, links. */
export function renderInlineMarkdown(text: string): TemplateResult {
  // Notices re-render with every streamed frame: lex each text once.
  let template = inlineCache.get(text);
  if (!template) {
    const tokens = createLexer().inlineTokens(text);
    template = html`${inline(tokens, { domains: noDomains, strings: defaultStrings })}`;
    if (inlineCache.size >= INLINE_CACHE) inlineCache.delete(inlineCache.keys().next().value as string);
    inlineCache.set(text, template);
  }
  return template;
}

/** Inline renderings kept, oldest dropped first. */
const INLINE_CACHE = 32;
const inlineCache = new Map<string, TemplateResult>();

// ---------------------------------------------------------------------------------------------
// Per-message state

const keyed = new Map<string, MessageState>();
const unkeyed: MessageState[] = [];

function stateFor(text: string, key: string | undefined): MessageState {
  if (key !== undefined) {
    let state = keyed.get(key);
    if (state) {
      keyed.delete(key);
    } else {
      state = new MessageState();
      if (keyed.size >= KEYED_STATES) {
        const oldest = keyed.keys().next();
        if (!oldest.done) keyed.delete(oldest.value);
      }
    }
    keyed.set(key, state);
    return state;
  }
  let index = unkeyed.findIndex((s) => s.text === text);
  if (index === -1) index = unkeyed.findIndex((s) => s.text !== undefined && startsWith(text, s.text));
  const state = index === -1 ? new MessageState() : unkeyed.splice(index, 1)[0] ?? new MessageState();
  unkeyed.unshift(state);
  if (unkeyed.length > UNKEYED_STATES) unkeyed.pop();
  return state;
}

/** `text.startsWith(prefix)`, as a memory compare (V8's `startsWith` goes character by character). */
function startsWith(text: string, prefix: string): boolean {
  return text.length >= prefix.length && text.slice(0, prefix.length) === prefix;
}

/** A rendered group or chapter: its guarded part, and the marks it was rendered with. */
interface Section {
  readonly marks: string;
  readonly part: unknown;
}

class MessageState {
  text: string | undefined;
  private readonly stream = new MarkdownStream();
  private last:
    | {
        text: string;
        streaming: boolean;
        options: RenderMarkdownOptions;
        annotations: readonly Annotation[];
        template: TemplateResult;
      }
    | undefined;
  private context: Context = { domains: noDomains, strings: defaultStrings };
  private contextKey = '';
  private blocks = new WeakMap<Block, { marks: string; template: TemplateResult }>();
  private groups: Section[] = [];
  private chapters: Section[] = [];
  private revision = -1;

  render(text: string, options: RenderMarkdownOptions): TemplateResult {
    const streaming = options.streaming === true;
    const annotations = options.annotations ?? noAnnotations;
    const last = this.last;
    if (
      last &&
      last.text === text &&
      last.streaming === streaming &&
      last.annotations === annotations &&
      last.options.allowedImageDomains === options.allowedImageDomains &&
      last.options.strings === options.strings
    ) {
      return last.template;
    }
    this.text = text;
    this.updateContext(options);
    const snapshot = this.stream.update(text, { final: !streaming });
    if (snapshot.revision !== this.revision) {
      this.groups = [];
      this.chapters = [];
      this.revision = snapshot.revision;
    }
    const { marks, sources } = placeCitations(annotations, snapshot);
    const body = this.renderChapters(snapshot, marks);
    const template = html`<div class=${streaming ? 'md md-streaming' : 'md'}>${guard([body], () => body)}${
      sources.length > 0 ? renderSources(sources) : nothing
    }</div>`;
    this.last = { text, streaming, options, annotations, template };
    return template;
  }

  private updateContext(options: RenderMarkdownOptions): void {
    const domains = options.allowedImageDomains ?? noDomains;
    const strings = options.strings ?? defaultStrings;
    if (domains === this.context.domains && strings === this.context.strings) return;
    const key = JSON.stringify([domains, strings.copy, strings.copied]);
    this.context = { domains, strings };
    if (key === this.contextKey) return;
    this.contextKey = key;
    this.blocks = new WeakMap();
    this.groups = [];
    this.chapters = [];
  }

  private renderChapters(snapshot: StreamSnapshot, marks: ReadonlyMap<number, Mark[]>): unknown[] {
    const sealed = snapshot.committed.length;
    const total = sealed + snapshot.tail.length;
    // The marks rendered into each group and chapter, so citations arriving later re-render them.
    const groupMarks = new Map<number, string>();
    const chapterMarks = new Map<number, string>();
    for (const [index, list] of marks) {
      const key = `${index}:${marksKey(list)};`;
      const g = Math.floor(index / GROUP);
      const c = Math.floor(g / CHAPTER);
      groupMarks.set(g, (groupMarks.get(g) ?? '') + key);
      chapterMarks.set(c, (chapterMarks.get(c) ?? '') + key);
    }
    const chapters: unknown[] = [];
    for (let c = 0; c * CHAPTER * GROUP < total; c++) {
      const chapter = section(this.chapters, c, (c + 1) * CHAPTER * GROUP <= sealed, chapterMarks.get(c) ?? '', () => {
        const groups: unknown[] = [];
        for (let g = c * CHAPTER; g < (c + 1) * CHAPTER && g * GROUP < total; g++) {
          const group = section(this.groups, g, (g + 1) * GROUP <= sealed, groupMarks.get(g) ?? '', () => {
            const members: Block[] = [];
            for (let i = g * GROUP; i < Math.min((g + 1) * GROUP, total); i++) {
              const block = i < sealed ? snapshot.committed[i] : snapshot.tail[i - sealed];
              if (block) members.push(block);
            }
            return html`<div class="md-group">${repeat(
              members,
              (block) => block.key,
              (block) => this.renderBlockPart(block, marks.get(block.index)),
            )}</div>`;
          });
          groups.push(group);
        }
        return html`<div class="md-chapter">${groups}</div>`;
      });
      chapters.push(chapter);
    }
    return chapters;
  }

  private renderBlockPart(block: Block, marks: Mark[] | undefined): unknown {
    const key = marks ? marksKey(marks) : '';
    let template: TemplateResult;
    const cached = block.closed ? this.blocks.get(block) : undefined;
    if (cached && cached.marks === key) {
      template = cached.template;
    } else {
      template = renderBlock(block.token as MarkedToken, this.context, marks ?? []);
      if (block.closed) this.blocks.set(block, { marks: key, template });
    }
    return guard([template], () => template);
  }
}

/**
 * The guarded part for section `index`: cached in `cache` once `sealed` (all its blocks are
 * committed) and reused while its marks stay the same; built again on every call otherwise.
 */
function section(cache: Section[], index: number, sealed: boolean, marks: string, build: () => TemplateResult): unknown {
  const cached = sealed ? cache[index] : undefined;
  if (cached && cached.marks === marks) return cached.part;
  const template = build();
  const part = guard([template], () => template);
  if (sealed) cache[index] = { marks, part };
  return part;
}

function marksKey(marks: readonly Mark[]): string {
  return marks.map((m) => `${m.n}@${m.offset}`).join(',');
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
