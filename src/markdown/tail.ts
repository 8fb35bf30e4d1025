/**
 * Optimistic completion of the open tail of a streaming answer, so that half-typed markdown looks
 * right mid-stream: a half-typed setext underline, list marker or table delimiter row is held back,
 * and the inline text at the very end is completed (`complete.ts`). No Lit and no DOM.
 */
import type { Lexer, MarkedToken, Token } from 'marked';
import { completeInline } from './complete.js';

/**
 * Makes the open tail look right mid-stream: drops a half-typed setext underline or table
 * delimiter row, and completes the inline text at the very end (see `complete.ts`).
 */
export function completeTail(
  src: string,
  tokens: MarkedToken[],
  relex: (src: string) => MarkedToken[],
  createLexer: () => Lexer,
): MarkedToken[] {
  const lastLine = src.slice(src.lastIndexOf('\n') + 1);
  let result = tokens;
  const last = result.at(-1);
  if (lastLine !== '' && last && dropsLastLine(last, src, lastLine)) {
    const shorter = src.slice(0, src.length - lastLine.length);
    result = relex(shorter);
  }
  const lexer = createLexer();
  const tail = result.at(-1);
  if (tail && !src.endsWith('\n\n')) completeLastInline(tail, lexer, src.endsWith('\n'));
  return result;
}

function dropsLastLine(last: MarkedToken, src: string, lastLine: string): boolean {
  // `Title\n-` is a setext heading until the line turns out to be `- item`.
  if (last.type === 'heading' && !last.raw.trimStart().startsWith('#')) {
    return /^ {0,3}(?:-+|=+)[ \t]*$/.test(lastLine);
  }
  if (last.type === 'paragraph') {
    // A bare list marker or table pipe that may start the next block: `Intro:\n1.` is not
    // yet a list, and `Intro:\n|` not yet a table.
    if (/^ {0,3}(?:[-+*]|\d{1,9}[.)]|\|)[ \t]*$/.test(lastLine)) return true;
    // A delimiter row being typed under a header row: show the table once the row is complete.
    if (/^[ \t|:-]+$/.test(lastLine) && /[|-]/.test(lastLine)) {
      const lines = src.split('\n');
      return (lines[lines.length - 2] ?? '').includes('|');
    }
  }
  // A new table row that has only its first pipe: no row of empty cells.
  if (last.type === 'table') return /^[ \t]*\|?[ \t]*$/.test(lastLine);
  return false;
}

/** Completes the last inline run of `token` (the text at the very end of the source). */
function completeLastInline(t: Token, lexer: Lexer, lineEnded: boolean): void {
  const token = t as MarkedToken;
  switch (token.type) {
    case 'paragraph':
    case 'heading':
    case 'text': {
      if (token.type === 'heading' && lineEnded) return;
      // A loose task item's checkbox is the first inline token of its paragraph; keep it.
      const box = token.tokens?.[0]?.type === 'checkbox' ? token.tokens[0] : undefined;
      const marker = box && token.text.startsWith(box.raw) ? box.raw : '';
      const text = token.text.slice(marker.length);
      const completed = completeInline(text);
      if (completed === text) return;
      token.text = marker + completed;
      token.tokens = [...(box ? [box] : []), ...lexer.inlineTokens(completed)];
      return;
    }
    case 'blockquote': {
      const child = token.tokens.at(-1);
      if (child) completeLastInline(child, lexer, lineEnded);
      return;
    }
    case 'list': {
      const child = token.items.at(-1)?.tokens.at(-1);
      if (child) completeLastInline(child, lexer, lineEnded);
      return;
    }
    case 'table': {
      if (lineEnded) return;
      const cell = (token.rows.at(-1) ?? token.header).at(-1);
      if (!cell) return;
      const completed = completeInline(cell.text);
      if (completed === cell.text) return;
      cell.text = completed;
      cell.tokens = lexer.inlineTokens(completed);
      return;
    }
    default:
      return;
  }
}
