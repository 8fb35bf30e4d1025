import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { marked, type Token } from 'marked';
import { MarkdownStream, parseBlocks, type Block } from '../../src/markdown/parse.js';
import { renderMarkdown } from '../../src/markdown/render.js';
import { randomChunks, seededRandom, splits } from '../chunks.js';
import { corpus } from './corpus.js';
import { blockElements, container, descendants, markup, oneShot, stream } from './helpers.js';

const hasDefinitions = (text: string): boolean => /^ {0,3}\[[^\]]+\]:/m.test(text);

/** marked's own one-shot parse: the ground truth for every closed block. */
function truth(text: string): Token[] {
  return marked.lexer(text).filter((token) => token.type !== 'space');
}

describe('markdown streaming', () => {
  for (const doc of corpus) {
    describe(doc.name, () => {
      const expected = truth(doc.text);

      for (const [how, chunks] of splits(doc.text)) {
        it(`parses to marked's tokens, ${how}`, () => {
          const parser = new MarkdownStream();
          const relinks = hasDefinitions(doc.text);
          let committedBefore: readonly Block[] = [];
          let text = '';
          for (const chunk of chunks) {
            text += chunk;
            const snapshot = parser.update(text);
            const blocks = [...snapshot.committed, ...snapshot.tail];
            const committed = snapshot.committed.length;
            const at = JSON.stringify(text.slice(-30));
            // A committed block stays the same object (unless a link definition arrived since)...
            if (!relinks)
              committedBefore.forEach((block, i) =>
                expect(blocks[i] === block, `block ${i} kept at ${at}`).to.equal(true),
              );
            // ...and is already what the one-shot parse of the whole text gives.
            for (let i = committedBefore.length; i < committed; i++) {
              const block = blocks[i];
              expect(block?.closed, `block ${i} closed at ${at}`).to.equal(true);
              expect(block?.raw, `block ${i} at ${at}`).to.equal(expected[i]?.raw);
              if (!relinks) expect(JSON.stringify(block?.token)).to.equal(JSON.stringify(expected[i]));
            }
            // Committed blocks come first; every block after them is open, and there is one.
            expect(blocks.findIndex((b) => !b.closed)).to.equal(blocks.length > 0 ? committed : -1);
            committedBefore = blocks.slice(0, committed);
          }
          const { committed, tail } = parser.update(text, { final: true });
          const final = [...committed, ...tail];
          expect(final.every((b) => b.closed)).to.equal(true);
          expect(JSON.stringify(final.map((b) => b.token))).to.equal(JSON.stringify(expected));
        });

        it(`ends with the one-shot rendering, ${how}`, () => {
          const element = container();
          const text = stream(element, chunks);
          expect(text).to.equal(doc.text);
          expect(markup(element)).to.equal(oneShot(doc.text));
        });
      }

      it('ends with the one-shot rendering when every delta renders as final', () => {
        const element = container();
        let text = '';
        for (const chunk of splits(doc.text)[2]?.[1] ?? []) {
          text += chunk;
          render(renderMarkdown(text), element);
        }
        expect(markup(element)).to.equal(oneShot(doc.text));
      });

      it('parseBlocks keys blocks by index and offset, and marks only the tail open', () => {
        const blocks = parseBlocks(doc.text);
        blocks.forEach((block, i) => {
          expect(block.key).to.equal(`${i}:${block.start}`);
          expect(doc.text.slice(block.start, block.start + block.raw.length)).to.equal(block.raw);
        });
        const firstOpen = blocks.findIndex((b) => !b.closed);
        expect(firstOpen).to.be.at.least(0);
        expect(blocks.slice(firstOpen).every((b) => !b.closed)).to.equal(true);
        expect(parseBlocks(doc.text, { final: true }).every((b) => b.closed)).to.equal(true);
      });

      if (!hasDefinitions(doc.text)) {
        it('keeps the DOM nodes of closed blocks while the text grows', () => {
          const element = container();
          const parser = new MarkdownStream();
          const seen: { element: Element; nodes: Node[] }[] = [];
          let steps = 0;
          const check = (deep: boolean): void => {
            const children = blockElements(element);
            seen.forEach((first, i) => {
              expect(children[i] === first.element, `element of block ${i}`).to.equal(true);
              if (!deep) return;
              const nodes = descendants(first.element);
              expect(nodes.length, `nodes in block ${i}`).to.equal(first.nodes.length);
              nodes.forEach((node, n) => expect(node === first.nodes[n], `node ${n} of block ${i}`).to.equal(true));
            });
          };
          stream(element, splits(doc.text)[3]?.[1] ?? [], {}, (text) => {
            check(++steps % 20 === 0);
            // Definitions render nothing; every other block renders one element.
            const closed = parser.update(text).committed.filter((b) => b.token.type !== 'def').length;
            const children = blockElements(element);
            for (let i = seen.length; i < closed; i++) {
              const child = children[i];
              if (!child) throw new Error(`no element for closed block ${i}`);
              seen[i] = { element: child, nodes: descendants(child) };
            }
          });
          check(true);
          if (doc.text.includes('\n\n')) expect(seen.length).to.be.greaterThan(0);
        });
      }
    });
  }

  it('re-parses from the start when the text is edited rather than extended', () => {
    const element = container();
    render(renderMarkdown('# Title\n\nfirst version\n\n', { streaming: true }), element);
    render(renderMarkdown('# Other\n\nsecond'), element);
    expect(markup(element)).to.equal(oneShot('# Other\n\nsecond'));
  });

  it('applies a link definition that arrives after its use to the committed block', () => {
    const element = container();
    const text = stream(
      element,
      splits('See [docs].\n\nMore text.\n\n[docs]: https://example.com/docs\n')[1]?.[1] ?? [],
    );
    const link = element.querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://example.com/docs');
    expect(markup(element)).to.equal(oneShot(text));
  });

  it('marks the element the streaming caret follows, one at a time, and none once finished', () => {
    const element = container();
    const caret = () => Array.from(element.querySelectorAll('.md-caret'), (node) => node.textContent);
    render(renderMarkdown('# Title\n\nFirst par', { streaming: true }), element);
    expect(caret()).to.deep.equal(['First par']);
    render(renderMarkdown('# Title\n\nFirst paragraph.\n\n- one\n- tw', { streaming: true }), element);
    expect(caret(), 'the last item of a list').to.deep.equal(['tw']);
    const table = '# Title\n\nFirst paragraph.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2';
    render(renderMarkdown(table, { streaming: true }), element);
    expect(caret(), 'a table shows the caret below it').to.deep.equal([]);
    render(renderMarkdown(`${table} |\n\nLast`, { streaming: true }), element);
    expect(caret()).to.deep.equal(['Last']);
    render(renderMarkdown(`${table} |\n\nLast`), element);
    expect(caret()).to.deep.equal([]);
    expect(markup(element)).to.equal(oneShot(`${table} |\n\nLast`));
  });

  it('changes no DOM node when an unchanged message renders again', () => {
    const element = container();
    render(renderMarkdown('Some *text*\n\nmore'), element);
    const observer = new MutationObserver(() => undefined);
    observer.observe(element, { subtree: true, childList: true, characterData: true, attributes: true });
    render(renderMarkdown('Some *text*\n\nmore'), element);
    render(
      renderMarkdown('Some *text*\n\nmore', { annotations: [], strings: { copy: 'Copy', copied: 'Copied' } }),
      element,
    );
    expect(observer.takeRecords()).to.deep.equal([]);
    observer.disconnect();
  });
});

/** The first text node under `element` (what a selection starting in the block is anchored to). */
function firstTextNode(element: Element): Node | null {
  return document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
}

describe('markdown streaming, long messages', () => {
  // Over 256 blocks, so whole chapters of blocks are sealed and reused while the text grows.
  const text = Array.from({ length: 150 }, (_, i) => `Paragraph ${i} with *emphasis*.\n\n- item ${i}`).join('\n\n');

  it('ends with the one-shot rendering and keeps early blocks', () => {
    const element = container();
    let first: Element | undefined;
    let firstText: Node | null = null;
    stream(element, splits(text)[2]?.[1] ?? [], {}, () => {
      const block = blockElements(element)[0];
      if (!first && block && text.length > 0) {
        first = block;
        firstText = firstTextNode(block);
      }
    });
    expect(blockElements(element).length).to.equal(300);
    expect(blockElements(element)[0] === first).to.equal(true);
    expect(first && firstTextNode(first) === firstText).to.equal(true);
    expect(element.querySelectorAll('.md-chapter').length).to.equal(2);
    expect(markup(element)).to.equal(oneShot(text));
  });

  it('adds a citation to a block in a sealed chapter', () => {
    const element = container();
    stream(element, [text]);
    const index = text.indexOf('Paragraph 3 ') + 'Paragraph 3'.length;
    const annotations = [{ source: { type: 'file' as const, title: 'notes.md', filename: 'notes.md' }, index }];
    render(renderMarkdown(text, { annotations }), element);
    expect(blockElements(element)[6]?.textContent).to.equal('Paragraph 3[1] with emphasis.');
    expect(markup(element)).to.equal(oneShot(text, { annotations }));
  });
});

describe('markdown streaming, generated documents', () => {
  // Lines that start, continue, interrupt and close blocks, shuffled into many small documents.
  const lines = [
    'para text',
    '- item',
    '1. one',
    '1',
    '2. two',
    '1) paren',
    '  indented',
    '    code',
    '  - nested',
    '   continued',
    '> quote',
    '> > deep',
    '>',
    '- > quoted item',
    '```',
    '```js',
    '~~~',
    '  ```',
    '# head',
    'Title',
    '===',
    '---',
    '***',
    '* star',
    '- [ ] task',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '[x]: /u',
    '[x]:',
    '  /u "t"',
    'see [x]',
    '<div>',
    '</div>',
    '<pre>',
    '</pre>',
    '<!-- c',
    '-->',
    '**bold',
    '`code',
    'a  ',
    '\\',
    '',
    '',
    '',
    '',
    '1. a\n\n2. b',
    '- a\n\n- b',
    '- a\n\n  b',
    '    a\n\n    b',
  ];
  const random = seededRandom(2024);
  const documents = Array.from({ length: 240 }, () =>
    Array.from({ length: 4 + Math.floor(random() * 14) }, () => lines[Math.floor(random() * lines.length)]).join('\n'),
  );

  for (let batch = 0; batch < documents.length; batch += 60) {
    it(`commits only what a one-shot parse agrees with (documents ${batch + 1}-${batch + 60})`, () => {
      documents.slice(batch, batch + 60).forEach((text, d) => {
        const expected = truth(text);
        const relinks = hasDefinitions(text);
        for (const chunks of [Array.from(text), randomChunks(text, d + 1, 6)]) {
          const parser = new MarkdownStream();
          let prefix = '';
          let checked = 0;
          for (const chunk of chunks) {
            prefix += chunk;
            const { committed } = parser.update(prefix);
            for (; checked < committed.length; checked++) {
              const block = committed[checked];
              const at = `document ${JSON.stringify(text)} at ${JSON.stringify(prefix)}`;
              expect(block?.raw, at).to.equal(expected[checked]?.raw);
              if (!relinks) expect(JSON.stringify(block?.token), at).to.equal(JSON.stringify(expected[checked]));
            }
          }
          const { committed, tail } = parser.update(prefix, { final: true });
          expect(JSON.stringify([...committed, ...tail].map((b) => b.token)), JSON.stringify(text)).to.equal(
            JSON.stringify(expected),
          );
        }
      });
    });
  }
});
