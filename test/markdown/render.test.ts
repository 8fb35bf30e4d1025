import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import {
  renderInlineMarkdown,
  renderMarkdown,
  type Annotation,
  type RenderMarkdownOptions,
} from '../../src/markdown/render.js';
import { container, markup, oneShot, stream } from './helpers.js';

/** Renders `text` as a message that is still streaming. */
function midStream(text: string, options: RenderMarkdownOptions = {}): HTMLElement {
  const element = container();
  render(renderMarkdown(text, { ...options, streaming: true }), element);
  return element;
}

function finished(text: string, options: RenderMarkdownOptions = {}): HTMLElement {
  const element = container();
  render(renderMarkdown(text, options), element);
  return element;
}

describe('renderMarkdown mid-stream', () => {
  it('renders an open code fence as a code block at once', () => {
    const element = midStream('Look:\n\n```js\nconst a');
    const code = element.querySelector('pre code');
    expect(code?.textContent).to.equal('const a');
    expect(element.querySelector('.md-code-lang')?.textContent).to.equal('js');
  });

  it('renders a fence with no content yet as an empty code block', () => {
    expect(midStream('```').querySelector('pre code')?.textContent).to.equal('');
  });

  it('renders unclosed **bold as bold', () => {
    const element = midStream('This is **very imp');
    expect(element.querySelector('strong')?.textContent).to.equal('very imp');
    expect(element.textContent).not.to.include('*');
  });

  it('renders unclosed `code as code', () => {
    const element = midStream('Run `npm ins');
    expect(element.querySelector('code')?.textContent).to.equal('npm ins');
    expect(element.textContent).not.to.include('`');
  });

  it('renders unclosed *em and ~~del', () => {
    expect(midStream('an *emph').querySelector('em')?.textContent).to.equal('emph');
    expect(midStream('a ~~mist').querySelector('del')?.textContent).to.equal('mist');
  });

  it('does not show a marker that has no text yet', () => {
    expect(midStream('Hello **').textContent).to.equal('Hello');
    expect(midStream('Hello `').textContent).to.equal('Hello');
  });

  it('shows a half-typed link as its text, without a link', () => {
    for (const text of [
      'See [the docs](htt',
      'See [the docs](https://example.com/pa',
      'See [the docs]',
      'See [the do',
    ]) {
      const element = midStream(text);
      expect(element.querySelector('a') === null, text).to.equal(true);
      expect(element.textContent, text).to.equal(`See ${text.includes('docs') ? 'the docs' : 'the do'}`);
    }
  });

  it('shows the link once it is complete', () => {
    const element = midStream('See [the docs](https://example.com/docs)');
    expect(element.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/docs');
  });

  it('shows a table once its header and delimiter rows are in', () => {
    expect(midStream('| a | b |').querySelector('table') === null).to.equal(true);
    const partial = midStream('| a | b |\n|--');
    expect(partial.querySelector('table') === null).to.equal(true);
    expect(partial.textContent).not.to.include('--');
    const table = midStream('| a | b |\n|---|---|').querySelector('table');
    expect(table?.querySelectorAll('th').length).to.equal(2);
    const row = midStream('| a | b |\n|---|---|\n| 1 | **2').querySelectorAll('tbody td');
    expect(Array.from(row, (td) => td.textContent)).to.deep.equal(['1', '2']);
    expect(midStream('| a | b |\n|---|---|\n| 1 | 2 |\n|').querySelectorAll('tbody tr').length).to.equal(1);
  });

  it('does not flash a setext heading while a list starts under a paragraph', () => {
    const element = midStream('Here are the steps:\n-');
    expect(element.querySelector('h2') === null).to.equal(true);
    expect(element.textContent).to.equal('Here are the steps:');
    expect(midStream('Here are the steps:\n- one').querySelector('ul li')?.textContent).to.equal('one');
    for (const marker of ['1.', '2)', '*', '|']) {
      expect(midStream(`Steps:\n${marker}`).textContent, marker).to.equal('Steps:');
    }
  });

  it('completes inside list items, quotes and headings', () => {
    expect(midStream('- one\n- **two').querySelector('li:last-child strong')?.textContent).to.equal('two');
    expect(midStream('> quoted `code').querySelector('blockquote code')?.textContent).to.equal('code');
    expect(midStream('## A *title').querySelector('h2 em')?.textContent).to.equal('title');
  });

  it('shows markers literally once the message is finished', () => {
    const element = finished('This is **not closed');
    expect(element.querySelector('strong') === null).to.equal(true);
    expect(element.textContent).to.equal('This is **not closed');
  });

  it('marks the root while streaming', () => {
    expect(midStream('x').querySelector('.md')?.classList.contains('md-streaming')).to.equal(true);
    expect(finished('x').querySelector('.md')?.classList.contains('md-streaming')).to.equal(false);
  });
});

describe('renderMarkdown output', () => {
  it('renders CommonMark and GFM constructs', () => {
    const element = finished(
      [
        '# Title',
        '',
        'Some *em*, **strong**, ~~del~~, `code`, https://example.com and a line  ',
        'break.',
        '',
        '> quote',
        '',
        '1. one',
        '2. two',
        '',
        '3. three',
        '',
        '- [x] done',
        '- [ ] todo',
        '',
        '---',
        '',
        '| L | C | R |',
        '|:--|:-:|--:|',
        '| a | b | c |',
      ].join('\n'),
    );
    expect(element.querySelector('h1')?.textContent).to.equal('Title');
    expect(element.querySelector('p em')?.textContent).to.equal('em');
    expect(element.querySelector('p del')?.textContent).to.equal('del');
    expect(element.querySelector('p code.md-codespan')?.textContent).to.equal('code');
    expect(element.querySelector('p a')?.getAttribute('href')).to.equal('https://example.com');
    expect(element.querySelector('p br') !== null).to.equal(true);
    expect(element.querySelector('blockquote p')?.textContent).to.equal('quote');
    const lists = element.querySelectorAll('ol');
    expect(lists[0]?.hasAttribute('start')).to.equal(false);
    expect(lists[0]?.querySelectorAll('li').length).to.equal(3);
    const boxes = element.querySelectorAll<HTMLInputElement>('li.md-task input[type=checkbox]');
    expect(Array.from(boxes, (box) => [box.checked, box.disabled])).to.deep.equal([
      [true, true],
      [false, true],
    ]);
    expect(element.querySelector('hr') !== null).to.equal(true);
    const cells = element.querySelectorAll<HTMLElement>('table.md-table th');
    // Alignment is a class (a strict CSP blocks style attributes); the script-tag test checks the computed style.
    expect(Array.from(cells, (th) => th.className)).to.deep.equal([
      'md-align-left',
      'md-align-center',
      'md-align-right',
    ]);
    expect(Array.from(cells, (th) => th.hasAttribute('style'))).to.deep.equal([false, false, false]);
    expect(element.querySelector('.md-table-wrap > table') !== null).to.equal(true);
  });

  it('names task checkboxes after their items, in tight and loose lists', () => {
    const tight = finished('- [x] buy *milk*\n- [ ] call').querySelectorAll('li.md-task > input.md-checkbox');
    expect(Array.from(tight, (box) => box.getAttribute('aria-label'))).to.deep.equal(['buy milk', 'call']);
    const loose = finished('- [x] first\n\n- [ ] second').querySelectorAll<HTMLInputElement>('li.md-task > p > input');
    expect(Array.from(loose, (box) => [box.checked, box.getAttribute('aria-label')])).to.deep.equal([
      [true, 'first'],
      [false, 'second'],
    ]);
    expect(midStream('- [ ] first\n\n- [x] **sec').querySelector('li:last-child p strong')?.textContent).to.equal(
      'sec',
    );
    expect(midStream('- [ ] first\n\n- [x] **sec').querySelector('li:last-child p input') !== null).to.equal(true);
  });

  it('numbers an ordered list from its start', () => {
    expect(finished('3. three\n4. four').querySelector('ol')?.getAttribute('start')).to.equal('3');
  });

  it('decodes entities in text but not in code', () => {
    const element = finished('AT&amp;T &copy; &#169; &#x1F600; &bogus; `&amp;`');
    expect(element.querySelector('p')?.textContent).to.equal('AT&T © © 😀 &bogus; &amp;');
    expect(element.querySelector('code')?.textContent).to.equal('&amp;');
  });

  it('opens links in a new tab without opener or referrer', () => {
    const link = finished('[x](https://example.com "Title &amp; more")').querySelector('a');
    expect(link?.getAttribute('target')).to.equal('_blank');
    expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link?.getAttribute('title')).to.equal('Title & more');
  });

  it('keeps relative and mailto links', () => {
    const element = finished('[a](/docs/page) [b](#top) [c](mailto:me@example.com) <me@example.com>');
    expect(Array.from(element.querySelectorAll('a'), (a) => a.getAttribute('href'))).to.deep.equal([
      '/docs/page',
      '#top',
      'mailto:me@example.com',
      'mailto:me@example.com',
    ]);
  });

  it('shows raw HTML as literal text', () => {
    const element = finished('<div class="x">block</div>\n\nInline <b>bold</b>');
    expect(element.querySelector('div.x') === null).to.equal(true);
    expect(element.querySelector('b') === null).to.equal(true);
    expect(element.querySelector('.md-html')?.textContent).to.equal('<div class="x">block</div>');
    expect(element.textContent).to.include('Inline <b>bold</b>');
  });
});

describe('code blocks', () => {
  const strings = { copy: 'Kopieren', copied: 'Kopiert' };

  it('shows the language and a labelled copy button', () => {
    const element = finished('```python extra info\nprint(1)\n```', { strings });
    expect(element.querySelector('.md-code .md-code-lang')?.textContent).to.equal('python');
    const button = element.querySelector('button.md-copy');
    expect(button?.getAttribute('type')).to.equal('button');
    expect(button?.getAttribute('aria-label')).to.equal('Kopieren');
    expect(button?.textContent).to.equal('Kopieren');
    expect(element.querySelector('.md-code pre.md-pre code')?.textContent).to.equal('print(1)');
  });

  it('has no language label without a language', () => {
    const element = finished('```\nplain\n```');
    expect(element.querySelector('.md-code-lang') === null).to.equal(true);
    expect(element.querySelector('.md-copy')?.textContent).to.equal('Copy');
  });

  it('copies the code with navigator.clipboard and dispatches nothing', async () => {
    const element = await fixture<HTMLElement>(html`<div></div>`);
    render(renderMarkdown('```sh\nnpm i <pkg> && echo "&amp;"\n```', { strings }), element);
    const copied: string[] = [];
    let resolveWrite: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (resolveWrite = resolve));
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: (text: string) => {
          copied.push(text);
          resolveWrite();
          return Promise.resolve();
        },
      },
    });
    const dispatched: string[] = [];
    const original = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event): boolean {
      dispatched.push(event.type);
      return original.call(this, event);
    };
    try {
      element.querySelector<HTMLButtonElement>('.md-copy')?.click();
      await written;
      await Promise.resolve();
    } finally {
      EventTarget.prototype.dispatchEvent = original;
      Reflect.deleteProperty(navigator, 'clipboard');
    }
    expect(copied).to.deep.equal(['npm i <pkg> && echo "&amp;"']);
    expect(dispatched).to.deep.equal([]);
    expect(element.querySelector('.md-copy-status')?.textContent).to.equal('Kopiert');
    expect(element.querySelector('.md-copy')?.classList.contains('md-copied')).to.equal(true);
  });

  it('does nothing when the clipboard API is missing', async () => {
    const element = await fixture<HTMLElement>(html`<div></div>`);
    render(renderMarkdown('```\nx\n```'), element);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    try {
      element.querySelector<HTMLButtonElement>('.md-copy')?.click();
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
    expect(element.querySelector('.md-copy-status')?.textContent).to.equal('');
  });

  it('is accessible', async () => {
    const element = await fixture<HTMLElement>(html`<div></div>`);
    render(
      renderMarkdown(
        '# Title\n\nCited text.\n\n```js\nconst a = 1;\n```\n\n- [x] done\n- [ ] todo\n\n1. loose\n\n   [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![logo](https://img.example.com/a.png)',
        {
          allowedImageDomains: ['img.example.com'],
          annotations: [
            { source: { type: 'url', title: 'Example', url: 'https://example.com' }, index: 20 },
            { source: { type: 'file', title: 'notes.md', filename: 'notes.md' }, index: 20 },
          ],
        },
      ),
      element,
    );
    await expect(element).to.be.accessible();
  });
});

describe('images', () => {
  const text =
    'Logo: ![the logo](https://img.example.com/logo.png "Our logo") and ![other](https://elsewhere.net/x.png)';

  it('shows images from allowed hosts only', () => {
    const element = finished(text, { allowedImageDomains: ['IMG.example.com'] });
    const images = element.querySelectorAll('img');
    expect(images.length).to.equal(1);
    expect(images[0]?.getAttribute('src')).to.equal('https://img.example.com/logo.png');
    expect(images[0]?.getAttribute('alt')).to.equal('the logo');
    expect(images[0]?.getAttribute('title')).to.equal('Our logo');
    expect(element.textContent).to.include('other');
  });

  it('shows no image by default, only the alt text', () => {
    const element = finished(text);
    expect(element.querySelector('img') === null).to.equal(true);
    expect(element.textContent).to.equal('Logo: the logo and other');
  });

  it('does not load relative or data images even when a host is allowed', () => {
    const element = finished('![a](/local.png) ![b](data:image/png;base64,AAAA) ![c](//img.example.com/c.png)', {
      allowedImageDomains: ['img.example.com'],
    });
    expect(Array.from(element.querySelectorAll('img'), (img) => img.getAttribute('src'))).to.deep.equal([
      '//img.example.com/c.png',
    ]);
  });
});

describe('citations', () => {
  const text = 'Paris is the capital of France. Berlin is the capital of Germany.\n\n- a list item';
  const annotations: Annotation[] = [
    { source: { type: 'url', title: 'Paris', url: 'https://en.wikipedia.org/wiki/Paris' }, index: 31 },
    { source: { type: 'file', title: 'atlas.pdf', filename: 'atlas.pdf' }, index: 65 },
    { source: { type: 'url', title: 'Paris', url: 'https://en.wikipedia.org/wiki/Paris' }, index: 80 },
    { source: { type: 'url', title: 'Bad', url: 'javascript:alert(1)' } },
  ];

  it('places numbered markers after the cited text, linked to url sources', () => {
    const element = finished(text, { annotations });
    const paragraph = element.querySelector('p');
    expect(paragraph?.textContent).to.equal('Paris is the capital of France.[1] Berlin is the capital of Germany.[2]');
    const markers = element.querySelectorAll('sup.md-cite');
    expect(Array.from(markers, (m) => m.textContent)).to.deep.equal(['[1]', '[2]', '[1]']);
    const link = markers[0]?.querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://en.wikipedia.org/wiki/Paris');
    expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(markers[1]?.querySelector('a') === null).to.equal(true);
    expect(element.querySelector('li sup.md-cite')?.textContent).to.equal('[1]');
  });

  it('lists each source once after the text, without unsafe links', () => {
    const element = finished(text, { annotations });
    const items = element.querySelectorAll('ol.md-sources > li.md-source');
    expect(Array.from(items, (li) => li.textContent)).to.deep.equal(['Paris', 'atlas.pdf', 'Bad']);
    expect(items[0]?.querySelector('a')?.getAttribute('href')).to.equal('https://en.wikipedia.org/wiki/Paris');
    expect(items[2]?.querySelector('a') === null).to.equal(true);
  });

  it('adds markers to blocks that closed before the annotation arrived', () => {
    const element = container();
    render(renderMarkdown(text, { streaming: true }), element);
    render(renderMarkdown(text, { streaming: true, annotations: annotations.slice(0, 1) }), element);
    expect(element.querySelector('p sup.md-cite')?.textContent).to.equal('[1]');
    render(renderMarkdown(text, { annotations }), element);
    expect(markup(element)).to.equal(oneShot(text, { annotations }));
  });

  it('renders no sources list without annotations', () => {
    expect(finished(text).querySelector('.md-sources') === null).to.equal(true);
  });
});

describe('options', () => {
  it('re-renders closed blocks when the strings change', () => {
    const element = container();
    const text = '```\ncode\n```\n\nafter';
    render(renderMarkdown(text), element);
    render(renderMarkdown(text, { strings: { copy: 'Copiar', copied: 'Copiado' } }), element);
    expect(element.querySelector('.md-copy')?.textContent).to.equal('Copiar');
  });

  it('keeps the state of a message on the part it renders into', () => {
    const element = container();
    const unique = 'Unkeyed';
    let text = '';
    for (const chunk of [`${unique} `, '**wor', 'ld**\n\nBye\n\n', 'more']) {
      text += chunk;
      render(renderMarkdown(text, { streaming: true }), element);
    }
    const block = element.querySelector('p');
    render(renderMarkdown(text), element);
    expect(element.querySelector('p') === block).to.equal(true);
    expect(markup(element)).to.equal(oneShot(text));
  });

  it('renders a finished message again when its citations or its text change afterwards', () => {
    const element = container();
    const text = 'First paragraph.\n\n```js\nconst a = 1;\n```\n\nLast paragraph.';
    stream(element, [text.slice(0, 20), text.slice(20, 40), text.slice(40)]);
    expect(markup(element)).to.equal(oneShot(text));
    const annotations: Annotation[] = [
      { source: { type: 'url', title: 'A', url: 'https://example.com/a' }, index: 16 },
      { source: { type: 'url', title: 'B', url: 'https://example.com/b' }, index: text.length },
    ];
    render(renderMarkdown(text, { annotations }), element);
    expect(markup(element)).to.equal(oneShot(text, { annotations }));
    render(renderMarkdown(text), element);
    expect(markup(element)).to.equal(oneShot(text));
    const longer = `${text}\n\n- one\n- two`;
    render(renderMarkdown(longer, { streaming: true }), element);
    render(renderMarkdown(longer), element);
    expect(markup(element)).to.equal(oneShot(longer));
  });

  it('copies the exact code of a block that closed while streaming', async () => {
    const element = await fixture<HTMLElement>(html`<div></div>`);
    const code = 'if (a < b && c) {\n  return "&amp;";\n}';
    stream(element, ['Intro\n\n```\n', code.slice(0, 9), `${code.slice(9)}\n\`\`\`\n\nAfter `, 'the code.']);
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (value: string) => (copied.push(value), Promise.resolve()) },
    });
    try {
      element.querySelector<HTMLButtonElement>('.md-copy-label')?.click();
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
    expect(copied).to.deep.equal([code]);
  });

  it('treats CRLF and CR line endings like LF, even split between deltas', () => {
    const element = container();
    stream(element, ['# T\r', '\n\r\npara', 'graph\r\n- a\r- b\r', '\n']);
    expect(markup(element)).to.equal(oneShot('# T\n\nparagraph\n- a\n- b\n'));
  });
});

describe('renderInlineMarkdown', () => {
  it('renders inline markdown without blocks', () => {
    const element = container();
    render(renderInlineMarkdown('**Note:** see [docs](https://example.com) and `x`\n# not a heading'), element);
    expect(element.querySelector('strong')?.textContent).to.equal('Note:');
    expect(element.querySelector('a')?.getAttribute('href')).to.equal('https://example.com');
    expect(element.querySelector('code')?.textContent).to.equal('x');
    expect(element.querySelector('h1, p') === null).to.equal(true);
  });

  it('drops unsafe links and shows html as text', () => {
    const element = container();
    render(renderInlineMarkdown('[x](javascript:alert(1)) <img src=x onerror=alert(1)>'), element);
    expect(element.querySelector('a, img') === null).to.equal(true);
    expect(element.textContent).to.equal('x <img src=x onerror=alert(1)>');
  });
});

describe('a burst of finished blocks', () => {
  const many = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} with **bold** text.`).join('\n\n');
  const text = `Start\n\n${many}\n\nThe open tail`;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  it('freezes them over the next frames while streaming, ending with every block in order', async () => {
    // On the page: a message that left the page stops catching up.
    const element = document.body.appendChild(container());
    render(renderMarkdown('Start\n\nPar', { streaming: true }), element);
    render(renderMarkdown(text, { streaming: true }), element);
    const seen = [element.querySelectorAll('p').length];
    for (let frame = 0; frame < 400 && seen.at(-1)! < 3002; frame++) {
      await nextFrame();
      seen.push(element.querySelectorAll('p').length);
    }
    element.remove();
    // 3,000 blocks take far longer than one render's 12 ms budget: the first render shows only some.
    expect(seen[0]).to.be.lessThan(3002);
    expect(seen.at(-1)).to.equal(3002);
    expect(markup(element)).to.equal(markup(midStream(text)));
  });

  it('shows every block at once when the text ends, frozen or not', () => {
    const element = container();
    render(renderMarkdown('Start\n\nPar', { streaming: true }), element);
    render(renderMarkdown(text, { streaming: true }), element);
    render(renderMarkdown(text), element);
    expect(markup(element)).to.equal(oneShot(text));
  });
});
