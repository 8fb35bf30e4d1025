// A deterministic long markdown answer, cut into model-like tokens (1-6 characters), for the
// streaming benchmarks. Same seed, same text and tokens, on every machine.

/** A small seeded PRNG (mulberry32): returns a function giving floats in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of to and in is it that for on with as this by be are from or an at which you can will ' +
  'stream token render message thread server client request response event element component ' +
  'browser network latency buffer parser markdown paragraph heading table list code block value ' +
  'function return update state model answer context store cache layout paint frame scroll page ' +
  'quickly simply usually because however therefore instead before after during between while ' +
  'important example default option property attribute method result error retry timeout user ' +
  'assistant history widget effect handler promise iterator generator reducer controller template'
).split(' ');
const LANGS = ['js', 'ts', 'python', 'json', 'bash', ''];
const CODE_LINES = [
  'const response = await fetch(url, { method: "POST", body });',
  'for (const item of page.data) total += item.tokens.length;',
  'if (!state.streaming) return renderMessage(item, options);',
  'def respond(thread, item, ctx):',
  '    yield from stream_text(ctx, thread, chunks)',
  'export function parse(input: string): Block[] {',
  '  return input.split("\\n\\n").map((text) => ({ type: "paragraph", text }));',
  '}',
  '{ "type": "thread.item.updated", "item_id": "msg_1a2b3c4d" }',
  'npm run build && node bench/stream-render.js --tokens=20000',
  'let count = 0; while (count < limit) count += step * 2;',
  '# a comment explaining the next line of the example',
];

/**
 * Builds the answer and its tokens.
 *
 * @param {number} minTokens - At least this many tokens (the text ends at a block boundary).
 * @param {number} seed - PRNG seed.
 * @returns {{text: string, tokens: string[]}}
 */
export function markdownAnswer(minTokens, seed = 20240601) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (low, high) => low + Math.floor(rand() * (high - low + 1));
  const words = (count) => Array.from({ length: count }, () => pick(WORDS));
  const capital = (word) => word[0].toUpperCase() + word.slice(1);
  const inline = () => {
    const out = words(between(6, 16));
    const style = rand();
    const at = between(1, out.length - 1);
    if (style < 0.25) out[at] = `**${out[at]} ${pick(WORDS)}**`;
    else if (style < 0.45) out[at] = `\`${pick(WORDS)}.${pick(WORDS)}()\``;
    else if (style < 0.6)
      out[at] = `[${out[at]} ${pick(WORDS)}](https://example.com/docs/${pick(WORDS)}#${pick(WORDS)})`;
    else if (style < 0.7) out[at] = `*${out[at]}*`;
    out[0] = capital(out[0]);
    return `${out.join(' ')}${pick(['.', '.', '.', ',', ':', '?', '!'])}`;
  };
  const blocks = [
    () => `${'#'.repeat(between(2, 3))} ${words(between(2, 5)).map(capital).join(' ')}`,
    () => Array.from({ length: between(2, 5) }, inline).join(' '),
    () => Array.from({ length: between(2, 5) }, inline).join(' '),
    () => {
      const ordered = rand() < 0.3;
      return Array.from({ length: between(3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${inline()}`).join('\n');
    },
    () => `\`\`\`${pick(LANGS)}\n${Array.from({ length: between(3, 9) }, () => pick(CODE_LINES)).join('\n')}\n\`\`\``,
    () => {
      const columns = between(2, 4);
      const row = () => `| ${Array.from({ length: columns }, () => words(between(1, 3)).join(' ')).join(' | ')} |`;
      const rule = `|${Array.from({ length: columns }, () => ' --- |').join('')}`;
      return [row(), rule, ...Array.from({ length: between(2, 6) }, row)].join('\n');
    },
  ];
  const parts = [];
  const tokens = [];
  let first = true;
  while (tokens.length < minTokens) {
    const block = first ? `## ${words(3).map(capital).join(' ')}` : pick(blocks)();
    const piece = first ? block : `\n\n${block}`;
    first = false;
    parts.push(piece);
    tokens.push(...tokenize(piece, rand));
  }
  return { text: parts.join(''), tokens };
}

/**
 * Splits text like a model's tokenizer would, roughly: a word with its leading space, a number,
 * one punctuation mark, or a whitespace run; longer pieces are cut into 2-6 character chunks.
 */
function tokenize(text, rand = random(1)) {
  const out = [];
  for (const [piece] of text.matchAll(/ ?[A-Za-z]+| ?[0-9]+| ?[^A-Za-z0-9\s]|\s+/g)) {
    let rest = piece;
    while (rest.length > 6) {
      const size = 2 + Math.floor(rand() * 5);
      out.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    out.push(rest);
  }
  return out;
}

/**
 * A short markdown message (a few lines) for seeded threads: a paragraph with inline markup,
 * sometimes a list, a code block or a small table.
 *
 * @param {() => number} rand - A PRNG from {@link random}.
 * @param {'user' | 'assistant'} role - Users write one or two plain lines; assistants more.
 */
export function shortMarkdown(rand, role) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (low, high) => low + Math.floor(rand() * (high - low + 1));
  const sentence = (count) => {
    const words = Array.from({ length: count }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ');
  };
  if (role === 'user') return `${sentence(between(5, 14))}?${rand() < 0.3 ? `\n${sentence(between(4, 10))}.` : ''}`;
  const lines = [
    `${sentence(between(4, 8))} **${pick(WORDS)} ${pick(WORDS)}** ${sentence(between(3, 8)).toLowerCase()} \`${pick(WORDS)}()\`.`,
  ];
  const extra = rand();
  if (extra < 0.4) lines.push('', ...Array.from({ length: between(2, 4) }, () => `- ${sentence(between(3, 9))}`));
  else if (extra < 0.6) lines.push('', '```js', pick(CODE_LINES), pick(CODE_LINES), '```');
  else if (extra < 0.7)
    lines.push('', `| ${pick(WORDS)} | ${pick(WORDS)} |`, '| --- | --- |', `| ${pick(WORDS)} | ${pick(WORDS)} |`);
  else lines.push('', `${sentence(between(6, 14))} [${pick(WORDS)}](https://example.com/${pick(WORDS)}).`);
  return lines.join('\n');
}
