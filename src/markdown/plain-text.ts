/**
 * Markdown as the text it shows, without its syntax: for `alt` and `aria-label` attributes
 * (inline tokens), and for the live region that announces a finished answer (whole blocks).
 */
import type { MarkedToken, Token } from 'marked';
import { decodeEntities } from './entities.js';
import { parseBlocks } from './parse.js';

/** Most characters of an answer a screen reader is given to read out when it finishes. */
const ANNOUNCED_LENGTH = 1000;

/** The text of inline tokens without markup (for `alt` and `aria-label` attributes). */
export function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      const token = t as MarkedToken;
      switch (token.type) {
        case 'paragraph':
          return plainText(token.tokens);
        case 'checkbox':
        case 'space':
        case 'list':
          return '';
        case 'text':
          return token.tokens ? plainText(token.tokens) : token.escaped ? token.text : decodeEntities(token.text);
        case 'strong':
        case 'em':
        case 'del':
        case 'link':
        case 'image':
          return plainText(token.tokens);
        case 'br':
          return ' ';
        case 'codespan':
        case 'escape':
          return token.text;
        default:
          return token.raw;
      }
    })
    .join('');
}

/** Adds the text of blocks to `lines`, a line per paragraph, heading, list item, code block or table row. */
function blockText(tokens: readonly Token[], lines: string[]): void {
  for (const t of tokens) {
    const token = t as MarkedToken;
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        lines.push(plainText(token.tokens));
        break;
      case 'text':
        lines.push(plainText([token]));
        break;
      case 'code':
        lines.push(token.text);
        break;
      case 'blockquote':
        blockText(token.tokens, lines);
        break;
      case 'list':
        for (const item of token.items) blockText(item.tokens, lines);
        break;
      case 'table':
        for (const row of [token.header, ...token.rows])
          lines.push(row.map((cell) => plainText(cell.tokens)).join(' '));
        break;
      case 'space':
      case 'hr':
      case 'def':
      case 'checkbox':
        break;
      default:
        lines.push(token.raw.trim());
    }
  }
}

/**
 * What a screen reader is given of a finished answer: its text as shown, without markdown syntax,
 * and at most `limit` characters of it, cut after a word with "…" (the whole answer stays in the
 * message list). Only the start of a long answer is read, so this costs the same for any length.
 */
export function announcedText(markdown: string, limit = ANNOUNCED_LENGTH): string {
  // Syntax takes room, so twice the limit of the source gives the limit of text in all but
  // answers of nearly only syntax, which end with "…" at what they gave. A cut start is parsed as
  // a stream's is, its unfinished end completed (a half link shows as its text).
  const whole = markdown.length <= limit * 2;
  const read = whole ? markdown : markdown.slice(0, limit * 2).replace(/\S*$/, '');
  const lines: string[] = [];
  blockText(
    parseBlocks(read, { final: whole }).map((block) => block.token),
    lines,
  );
  let text = lines.filter((line) => line.trim()).join('\n');
  if (text.length > limit) {
    const cut = text.slice(0, limit + 1);
    const end = cut.search(/\s+\S*$/);
    text = end > 0 ? cut.slice(0, end) : text.slice(0, limit);
  } else if (whole) return text;
  return `${text.trimEnd()}…`;
}
