/**
 * Optimistic completion of the inline text at the end of a growing message, so that unfinished
 * constructs look like what they are becoming: `**bold` renders bold, `` `code `` renders as
 * code, `[text](htt` renders as its text. The result is only ever shown while the text streams;
 * the final rendering parses the real text. No Lit and no DOM.
 */

/**
 * Returns `text` with its unfinished trailing constructs closed or removed.
 * @param text The inline source of the last paragraph, heading, list item or table cell.
 */
export function completeInline(text: string): string {
  let s = stripDanglingTail(text);
  s = completeLinks(s);
  const spans = scanCodeSpans(s);
  let codeCloser = '';
  if (spans.open !== undefined) {
    const { start, length } = spans.open;
    const content = s.slice(start + length);
    if (content.trim() === '') {
      s = s.slice(0, start);
    } else {
      codeCloser = (content.endsWith('`') ? ' ' : '') + '`'.repeat(length);
    }
  }
  const scanEnd = codeCloser ? (spans.open?.start ?? s.length) : s.length;
  const closers = unclosedDelimiters(s, scanEnd, spans.closed);
  let out = s;
  let suffix = codeCloser;
  // Walk from the innermost opener out: close it, or drop it when nothing follows it yet.
  for (let i = closers.length - 1; i >= 0; i--) {
    const opener = closers[i];
    if (!opener) continue;
    const after = out.slice(opener.start + opener.length);
    if (suffix === '' && after.trim() === '') {
      out = out.slice(0, opener.start) + after;
      continue;
    }
    suffix += opener.char.repeat(opener.length);
  }
  if (suffix === '') return out === text ? text : out.trimEnd();
  return (codeCloser ? out : out.trimEnd()) + suffix;
}

/** A trailing backslash, entity or autolink that is still being typed. */
function stripDanglingTail(text: string): string {
  let s = text;
  const backslashes = /\\+$/.exec(s);
  if (backslashes && backslashes[0].length % 2 === 1) s = s.slice(0, -1);
  s = s.replace(/&#?[a-zA-Z0-9]{0,31}$/, '');
  s = s.replace(/<(?:[a-zA-Z][a-zA-Z0-9+.-]*(?::[^\s<>]*)?|[^\s<>@]+@[^\s<>]*)$/, '');
  return s;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

interface CodeSpans {
  /** Complete code spans, in order. */
  readonly closed: Range[];
  /** A backtick run with no closing run after it. */
  readonly open?: { readonly start: number; readonly length: number };
}

/** Finds code spans: a backtick run closes at the next run of the same length. */
function scanCodeSpans(s: string): CodeSpans {
  const closed: Range[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c !== 96 /* ` */) {
      i++;
      continue;
    }
    const length = runLength(s, i);
    let j = i + length;
    let end = -1;
    while (j < s.length) {
      if (s.charCodeAt(j) === 96) {
        const other = runLength(s, j);
        if (other === length) {
          end = j + other;
          break;
        }
        j += other;
      } else {
        j++;
      }
    }
    if (end === -1) return { closed, open: { start: i, length } };
    closed.push({ start: i, end });
    i = end;
  }
  return { closed };
}

function runLength(s: string, i: number): number {
  let j = i;
  while (s.charCodeAt(j) === s.charCodeAt(i)) j++;
  return j - i;
}

function inRanges(ranges: readonly Range[], i: number): Range | undefined {
  return ranges.find((r) => i >= r.start && i < r.end);
}

/**
 * Replaces a link or image still being typed by its text: `[text](htt` → `text`,
 * `[text` → `text`, and a trailing `[text]` (which may be followed by `(`) → `text`.
 */
function completeLinks(s: string): string {
  if (!s.includes('[')) return s;
  const code = scanCodeSpans(s);
  const limit = code.open?.start ?? s.length;
  const stack: { start: number; image: boolean }[] = [];
  let i = 0;
  while (i < limit) {
    const span = inRanges(code.closed, i);
    if (span) {
      i = span.end;
      continue;
    }
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '<') {
      const close = s.indexOf('>', i);
      if (close !== -1 && !/\s/.test(s.slice(i + 1, close))) {
        i = close + 1;
        continue;
      }
    }
    if (c === '[') {
      stack.push({ start: i, image: s[i - 1] === '!' });
    } else if (c === ']') {
      const opener = stack.pop();
      if (opener) {
        const textStart = opener.start + 1;
        const openStart = opener.image ? opener.start - 1 : opener.start;
        if (i + 1 >= s.length) {
          return s.slice(0, openStart) + s.slice(textStart, i);
        }
        if (s[i + 1] === '(') {
          const close = destinationEnd(s, i + 2);
          if (close === -1) return s.slice(0, openStart) + s.slice(textStart, i);
          if (stack.length === 0) {
            i = close + 1;
            continue;
          }
        }
      }
    }
    i++;
  }
  if (stack.length === 0) return s;
  // Unclosed brackets: drop them (and the `!` of an image) so the text reads naturally.
  let out = '';
  let from = 0;
  for (const opener of stack) {
    const cut = opener.image ? opener.start - 1 : opener.start;
    out += s.slice(from, cut);
    from = opener.start + 1;
  }
  return out + s.slice(from);
}

/** Index of the `)` that ends a link destination starting at `from`, or -1 if none yet. */
function destinationEnd(s: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < s.length && (s[i] === ' ' || s[i] === '\n')) i++;
  if (s[i] === '<') {
    while (i < s.length && s[i] !== '>') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) return -1;
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

interface Opener {
  readonly char: string;
  readonly start: number;
  length: number;
}

/**
 * Runs a simplified version of CommonMark's delimiter algorithm over `s[0, end)` and returns
 * the emphasis and strikethrough openers left without a closer, outermost first.
 * @see https://spec.commonmark.org/0.31.2/#emphasis-and-strong-emphasis
 */
function unclosedDelimiters(s: string, end: number, code: readonly Range[]): Opener[] {
  const stack: Opener[] = [];
  let i = 0;
  while (i < end) {
    const span = inRanges(code, i);
    if (span) {
      i = span.end;
      continue;
    }
    const c = s[i] ?? '';
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '<') {
      const close = s.indexOf('>', i);
      if (close !== -1 && close < end && /^<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>$/.test(s.slice(i, close + 1))) {
        i = close + 1;
        continue;
      }
    }
    if (c === ']' && s[i + 1] === '(') {
      const close = destinationEnd(s, i + 2);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    }
    if (c !== '*' && c !== '_' && c !== '~') {
      i++;
      continue;
    }
    const length = Math.min(runLength(s, i), end - i);
    const before = i > 0 ? (s[i - 1] ?? '') : '';
    const after = s[i + length] ?? '';
    i += length;
    if (c === '~' && length !== 2) continue;
    const left = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
    const right = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
    // A run at the very end after a space is an opener still waiting for its text.
    const pending = after === '' && isSpace(before);
    const canOpen = pending || (c === '_' ? left && (!right || isPunctuation(before)) : left);
    const canClose = c === '_' ? right && (!left || isPunctuation(after)) : right;
    let remaining = length;
    if (canClose) {
      for (let k = stack.length - 1; k >= 0 && remaining > 0; k--) {
        const opener = stack[k];
        if (!opener || opener.char !== c || (c === '~' && opener.length !== length)) continue;
        const used = c === '~' ? length : Math.min(opener.length, remaining >= 2 && opener.length >= 2 ? 2 : 1);
        opener.length -= used;
        remaining -= used;
        stack.length = opener.length > 0 ? k + 1 : k;
        k = stack.length;
      }
    }
    if (canOpen && remaining > 0) stack.push({ char: c, start: i - remaining, length: remaining });
  }
  return stack;
}

function isSpace(c: string): boolean {
  return c === '' || /\s/u.test(c);
}

function isPunctuation(c: string): boolean {
  return c !== '' && /[\p{P}\p{S}]/u.test(c);
}
