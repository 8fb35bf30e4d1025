// Browser half of bench/markdown-stream.js: streams a long generated answer into a container,
// one render per delta, and reports the time per delta early and late in the stream.
import { render } from 'lit';
import { MarkdownStream } from '../src/markdown/parse.ts';
import { renderMarkdown } from '../src/markdown/render.ts';

const fence = '```';

/** A chat-like answer of about `tokens` four-character tokens: headings, prose, lists, code, tables. */
function answer(tokens) {
  let text = '';
  for (let i = 0; text.length < tokens * 4; i++) {
    text += `## Step ${i}\n\nThis paragraph explains **step ${i}** with \`inline code\`, a [link](https://example.com/${i}) and enough words to read like a real answer.\nIt wraps onto a second line, too.\n\n`;
    text += `- first point about ${i}\n- second point with *emphasis*\n- third point\n\n`;
    if (i % 3 === 0) text += `${fence}js\nfunction step${i}() {\n  return ${i} * 2;\n}\n${fence}\n\n`;
    if (i % 4 === 1) text += `| column a | column b |\n|---|---|\n| ${i} | ${i * 2} |\n| x | y |\n\n`;
  }
  return text;
}

/**
 * Streams `chunks` through `step`, timing the first and the last tenth of the deltas as two
 * intervals (a single delta is below the resolution of `performance.now()` in a page).
 * The text grows by `+=` like a chat reducer's, so each step also pays for reading it.
 */
function run(chunks, step) {
  const tenth = Math.floor(chunks.length / 10);
  let text = '';
  let first = 0;
  let last = 0;
  let start = 0;
  const total = performance.now();
  chunks.forEach((chunk, i) => {
    if (i === 0 || i === chunks.length - tenth) start = performance.now();
    text += chunk;
    step(text);
    if (i === tenth - 1) first = performance.now() - start;
    if (i === chunks.length - 1) last = performance.now() - start;
  });
  return { firstUs: (first / tenth) * 1000, lastUs: (last / tenth) * 1000, totalMs: performance.now() - total };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

window.runBench = (tokens, rounds) => {
  const chunks = [];
  const text = answer(tokens);
  for (let i = 0; i < text.length; i += 4) chunks.push(text.slice(i, i + 4));
  const variants = {
    'read the text (baseline)': () => {
      let previous = '';
      return (t) => {
        if (t.slice(0, previous.length) !== previous) throw new Error('not a prefix');
        previous = t;
      };
    },
    parse: () => {
      const parser = new MarkdownStream();
      return (t) => parser.update(t);
    },
    'parse + render': () => {
      const element = document.createElement('div');
      document.body.append(element);
      return (t) => render(renderMarkdown(t, { streaming: true }), element);
    },
    'parse + render + layout': () => {
      const element = document.createElement('div');
      document.body.append(element);
      return (t) => {
        render(renderMarkdown(t, { streaming: true }), element);
        return element.offsetHeight;
      };
    },
  };
  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, make] of Object.entries(variants)) results[name].push(run(chunks, make(round)));
    document.body.replaceChildren();
  }
  // The first round warms the JIT up; report the median of the others.
  return {
    deltas: chunks.length,
    characters: text.length,
    results: Object.entries(results).map(([name, runs]) => {
      const measured = runs.slice(1);
      return {
        name,
        firstUs: median(measured.map((r) => r.firstUs)),
        lastUs: median(measured.map((r) => r.lastUs)),
        ratio: median(measured.map((r) => r.lastUs / r.firstUs)),
        totalMs: median(measured.map((r) => r.totalMs)),
      };
    }),
  };
};
