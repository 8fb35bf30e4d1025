/**
 * Splits markdown text into top-level blocks with marked's lexer, tolerant of unfinished input.
 *
 * No Lit and no DOM here: this module turns text into tokens, and `render.ts` turns tokens into
 * templates. It is incremental: a {@link MarkdownStream} keeps the blocks that can no longer
 * change and re-lexes only the open tail when the text grows.
 */
import { Lexer } from 'marked';
import type { Links, MarkedOptions, MarkedToken, Token } from 'marked';
import { collectDefinitions, hasDefinition } from './definitions.js';
import { completeTail } from './tail.js';

/** One top-level markdown block (a paragraph, heading, list, table, code block, ...). */
export interface Block {
  /** Identity that stays the same while the block grows and after it closes: `index:start`. */
  readonly key: string;
  /** Position among the non-blank blocks of the text. */
  readonly index: number;
  /** Offset of the block's first character in the text (line endings normalized to `\n`). */
  readonly start: number;
  /** The block's source, exactly as marked consumed it. */
  readonly raw: string;
  /** The block's marked token, with its inline tokens. */
  readonly token: MarkedToken;
  /**
   * True when no continuation of the text can change this block: it equals the block a one-shot
   * parse of any longer text would produce. Only the trailing block(s) may be open.
   */
  readonly closed: boolean;
}

/** Options for {@link parseBlocks} and {@link MarkdownStream.update}. */
export interface ParseOptions {
  /**
   * The text is the whole message: no optimistic completion of unfinished constructs, and every
   * block is reported closed. Default `false` (the text may still grow).
   */
  readonly final?: boolean;
}

/**
 * Lexer options spelled out in full, so that a page calling `marked.use()` or
 * `marked.setOptions()` for its own purposes cannot change how chat messages are parsed.
 */
export const lexerOptions: MarkedOptions = {
  async: false,
  breaks: false,
  extensions: null,
  gfm: true,
  hooks: null,
  pedantic: false,
  renderer: null,
  silent: false,
  tokenizer: null,
  walkTokens: null,
};

/**
 * Lexes `src` into top-level tokens. No extensions are registered, so every token is one of
 * marked's own and the wider `Token` type (which admits extension tokens) can be narrowed.
 */
function lex(src: string, links: Links): MarkedToken[] {
  return createLexer(links).lex(src) as MarkedToken[];
}

/**
 * Creates a lexer with this module's fixed options whose reference-link table starts with
 * `links`. Shared with `render.ts`, which lexes short inline strings.
 */
export function createLexer(links?: Links): Lexer {
  const lexer = new Lexer(lexerOptions);
  if (links) Object.assign(lexer.tokens.links, links);
  return lexer;
}

/**
 * Parses `text` into blocks in one go.
 *
 * Without `final`, the trailing block is treated as still growing: it is reported open and
 * completed optimistically (an unclosed `**bold` renders as bold, a half-typed link as its text).
 */
export function parseBlocks(text: string, options: ParseOptions = {}): Block[] {
  const { committed, tail } = new MarkdownStream().update(text, options);
  return [...committed, ...tail];
}

/** The result of {@link MarkdownStream.update}. Valid until the stream's next update. */
export interface StreamSnapshot {
  /**
   * Committed blocks: closed for good, stored by the stream and returned as the same objects by
   * every later update (unless a link definition arriving later changes how one renders, in
   * which case {@link StreamSnapshot.revision} changes).
   */
  readonly committed: readonly Block[];
  /** The blocks after the committed ones: open, or closed when the update was final. */
  readonly tail: readonly Block[];
  /** Changes whenever a committed block is replaced by a new object. */
  readonly revision: number;
}

/**
 * Incremental parser for one message whose text grows by appending.
 *
 * Each update re-lexes only the text after the last committed block, so the cost of a delta
 * does not grow with the length of the message. A text that does not extend the previous one
 * (an edit) starts the parse again.
 */
export class MarkdownStream {
  /** The last text as given, and as lexed (line endings normalized). */
  private input = '';
  private source = '';
  private carriageReturns = false;
  private committedBlocks: Block[] = [];
  private committedEnd = 0;
  private links: Links = Object.create(null) as Links;
  private revision = 0;
  private relinkedView = false;
  private last: { input: string; final: boolean; snapshot: StreamSnapshot } | undefined;
  /** Reads the current text for committed blocks (one closure per stream, not per block). */
  private readonly sourceText = (): string => this.source;
  /** A copy of the definitions as of the last commit that added one, shared by the blocks since. */
  private committedLinks: Links = Object.create(null) as Links;

  /**
   * Parses the message's current text.
   * @param text The whole text so far (not a delta).
   * @returns The blocks; committed blocks are the same objects as in earlier snapshots.
   */
  update(text: string, options: ParseOptions = {}): StreamSnapshot {
    const final = options.final === true;
    const last = this.last;
    if (last && last.final === final && last.input === text) return last.snapshot;
    if (extendsText(text, this.input)) {
      // Only the new text needs looking at (and the character before it, for a split `\r\n`).
      this.carriageReturns ||= text.indexOf('\r', Math.max(0, this.input.length - 1)) !== -1;
    } else {
      this.reset();
      this.carriageReturns = text.includes('\r');
    }
    this.input = text;
    this.source = this.carriageReturns ? text.replace(/\r\n?/g, '\n') : text;

    // A copy, not a V8 substring: the lexer's strings are cut from it, and rendered blocks keep
    // some of them, which would otherwise keep the whole message of that moment alive.
    const tail = `${this.source.slice(this.committedEnd)}\n`.slice(0, -1);
    const tokens = lex(tail, this.links);
    const starts = offsets(tokens);
    const cut = commitPoint(tokens, starts, tail);
    if (cut > 0) this.commit(tokens.slice(0, cut), tail.slice(0, starts[cut]), tokens.slice(cut));

    const openStart = cut > 0 ? (starts[cut] ?? tail.length) : 0;
    let openTokens = tokens.slice(cut);
    if (!final && openTokens.length > 0) {
      const links = this.links;
      openTokens = completeTail(
        tail.slice(openStart),
        openTokens,
        (src) => lex(src, links),
        () => createLexer(links),
      );
    }
    let committed: readonly Block[] = this.committedBlocks;
    let relinkedView = false;
    if (final) {
      // Definitions in the final tail apply to the committed text too. They are not stored:
      // if the text grows after all, they may still change.
      const added = Object.create(null) as Links;
      const links = Object.assign(Object.create(null) as Links, this.links);
      for (const token of openTokens) collectDefinitions(token, links, added);
      if (Object.keys(added).length > 0) {
        committed = committed.map((block) => {
          const again = relinked(block, links);
          if (again) relinkedView = true;
          return again ?? block;
        });
      }
    }
    // The committed blocks of this snapshot differ from the stored ones, or did last time.
    if (relinkedView || this.relinkedView) this.revision += 1;
    this.relinkedView = relinkedView;
    const rest: Block[] = [];
    let offset = this.committedEnd;
    for (const token of openTokens) {
      if (token.type !== 'space') rest.push(makeBlock(committed.length + rest.length, offset, token, final));
      offset += token.raw.length;
    }
    const snapshot: StreamSnapshot = { committed, tail: rest, revision: this.revision };
    this.last = { input: text, final, snapshot };
    return snapshot;
  }

  private reset(): void {
    this.input = '';
    this.source = '';
    this.committedBlocks = [];
    this.committedEnd = 0;
    this.links = Object.create(null) as Links;
    this.committedLinks = Object.create(null) as Links;
    this.revision += 1;
  }

  /** Stores `tokens` (the first `src.length` characters of the tail) as closed blocks. */
  private commit(tokens: MarkedToken[], src: string, rest: readonly MarkedToken[]): void {
    // Inline tokens of the committed part must not depend on link definitions in the open part,
    // which may still change: lex the committed part again without them.
    let committed = tokens;
    if (rest.some(hasDefinition)) {
      const again = lex(src, this.links);
      if (sameRaws(again, tokens)) committed = again;
    }
    const added = Object.create(null) as Links;
    for (const token of committed) collectDefinitions(token, this.links, added);
    const changed = Object.keys(added).length > 0;
    if (changed) this.committedLinks = Object.assign(Object.create(null) as Links, this.links);
    const before = this.committedBlocks.length;
    let offset = this.committedEnd;
    for (const token of committed) {
      const end = offset + token.raw.length;
      if (token.type !== 'space')
        this.committedBlocks.push(
          new CommittedBlock(this.committedBlocks.length, offset, end, this.sourceText, this.committedLinks, token),
        );
      offset = end;
    }
    this.committedEnd += src.length;
    if (changed) this.relink(before);
  }

  /**
   * Re-lexes committed blocks that may hold a reference to a newly defined link label: in a
   * one-shot parse a definition applies to the whole document, including the text before it.
   */
  private relink(end: number): void {
    for (let i = 0; i < end; i++) {
      const block = this.committedBlocks[i];
      const again = block && relinked(block, this.links);
      if (!again) continue;
      this.committedBlocks[i] = again;
      this.revision += 1;
    }
  }
}

/** The block lexed again with `links`, or undefined when that changes nothing. */
function relinked(block: Block, links: Links): Block | undefined {
  if (!block.raw.includes('[')) return undefined;
  const tokens = lex(block.raw, links).filter((t) => t.type !== 'space');
  const token = tokens[0];
  if (tokens.length !== 1 || !token || JSON.stringify(token) === JSON.stringify(block.token)) return undefined;
  const { key, index, start, raw, closed } = block;
  return { key, index, start, raw, token: detach(token), closed };
}

/**
 * Tells whether `text` starts with `prefix`. Comparing a slice is a memory compare in V8, while
 * `startsWith` walks character by character: 40 times slower on a long message.
 */
function extendsText(text: string, prefix: string): boolean {
  return text.length >= prefix.length && text.slice(0, prefix.length) === prefix;
}

/**
 * Copies a token with fresh strings. The lexer's strings are V8 substrings that share the memory
 * of the text they were cut from, so a committed token would otherwise keep a whole copy of the
 * message (as it was when the token was lexed) alive: quadratic memory over a long stream.
 */
function detach(token: MarkedToken): MarkedToken {
  return JSON.parse(JSON.stringify(token)) as MarkedToken;
}

/**
 * A committed block holds no text of its own: its source is cut from the stream's text when asked
 * for, and its token is lexed again from that source when asked for after the first time. Keeping
 * every committed token (with the raw and text of each inline token) would hold many times the
 * message's size; a long answer's blocks are asked for their token once, when first rendered.
 * A block that would lex differently on its own keeps its token.
 */
class CommittedBlock implements Block {
  private held: MarkedToken | undefined;
  private readonly pinned: boolean;

  constructor(
    readonly index: number,
    readonly start: number,
    private readonly end: number,
    private readonly source: () => string,
    private readonly links: Links,
    token: MarkedToken,
  ) {
    const json = JSON.stringify(token);
    this.pinned = JSON.stringify(this.lexAlone()) !== json;
    this.held = JSON.parse(json) as MarkedToken;
  }

  get closed(): true {
    return true;
  }

  get key(): string {
    return `${this.index}:${this.start}`;
  }

  get raw(): string {
    return this.source().slice(this.start, this.end);
  }

  get token(): MarkedToken {
    const held = this.held;
    if (this.pinned && held) return held;
    this.held = undefined;
    return held ?? (this.lexAlone() as MarkedToken);
  }

  private lexAlone(): MarkedToken | undefined {
    const tokens = lex(this.raw, this.links).filter((t) => t.type !== 'space');
    return tokens.length === 1 ? tokens[0] : undefined;
  }
}

function makeBlock(index: number, start: number, token: MarkedToken, closed: boolean): Block {
  // The key is made when asked for: numbers turned into strings on every update fill V8's
  // number-to-string cache, which then grows to its full size (64 kB) for good.
  return {
    get key() {
      return `${index}:${start}`;
    },
    index,
    start,
    raw: token.raw,
    token,
    closed,
  };
}

/** Start offset of each token; marked's top-level raws concatenate to the lexed source. */
function offsets(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.raw.length;
  }
  starts.push(offset);
  return starts;
}

function sameRaws(a: readonly Token[], b: readonly Token[]): boolean {
  return a.length === b.length && a.every((token, i) => token.raw === b[i]?.raw);
}

/**
 * The number of leading tokens that no continuation of the text can change.
 *
 * A token is final once a later top-level block has begun after a blank line and that block's
 * first line is complete: in CommonMark only lists, indented code and a few HTML blocks continue
 * across a blank line, and each decides on the first line after it (an indented or bulleted line
 * continues; anything else ends them). The line has to be complete because its start can still
 * turn into a continuation (`1` then `1. item` continues an ordered list). A fenced code block
 * whose closing fence line has ended is final as soon as anything follows it.
 */
function commitPoint(tokens: readonly Token[], starts: readonly number[], src: string): number {
  for (let j = tokens.length - 1; j >= 1; j--) {
    const token = tokens[j];
    const start = starts[j];
    if (!token || start === undefined || token.type === 'space') continue;
    if (src.indexOf('\n', start) !== -1 && followsBlankLine(src, start)) return j;
    let previous = j - 1;
    while (previous > 0 && tokens[previous]?.type === 'space') previous--;
    const before = tokens[previous];
    if (before && isClosedFence(before)) return j;
  }
  return 0;
}

function followsBlankLine(src: string, start: number): boolean {
  if (src.charCodeAt(start - 1) !== 10) return false;
  let i = start - 2;
  while (i >= 0 && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i--;
  return i >= 0 && src.charCodeAt(i) === 10;
}

/** Whether a fenced code token has its closing fence (an indented block never counts). */
export function isClosedFence(token: Token): boolean {
  if (token.type !== 'code' || token.codeBlockStyle === 'indented') return false;
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return false;
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0] ?? '');
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1] ?? '');
  return !!open?.[1] && !!close?.[1] && close[1][0] === open[1][0] && close[1].length >= open[1].length;
}
