import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { isSafeUrl, renderInlineMarkdown, renderMarkdown, type Annotation } from '../../src/markdown/render.js';
import { splits } from '../chunks.js';
import { container } from './helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const allowedImageDomains = ['img.example.com'];

/** Payloads that must never turn into script, handlers or unsafe URLs. */
const payloads: [string, string][] = [
  ['script block', '<script>window.__xss = 1</script>'],
  ['script inline', 'text <script>window.__xss = 1</script> more'],
  ['event handler tag', '<img src=x onerror="window.__xss = 1">'],
  ['svg onload', '<svg onload="window.__xss=1"><circle r=1 /></svg>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'],
  ['html link', '<a href="javascript:window.__xss=1">click</a>'],
  ['javascript link', '[click](javascript:window.__xss=1)'],
  ['mixed case', '[click](JaVaScRiPt:window.__xss=1)'],
  ['angle destination', '[click](<javascript:window.__xss=1>)'],
  ['decimal entity', '[click](&#106;avascript:window.__xss=1)'],
  ['hex entity', '[click](java&#x73;cript:window.__xss=1)'],
  ['named colon entity', '[click](javascript&colon;window.__xss=1)'],
  ['tab entity', '[click](java&Tab;script:window.__xss=1)'],
  ['newline entity', '[click](java&#10;script:window.__xss=1)'],
  ['leading control char', '[click](\u0001javascript:window.__xss=1)'],
  ['escaped colon', '[click](javascript\\:window.__xss=1)'],
  ['data url', '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)'],
  ['vbscript', '[click](vbscript:msgbox(1))'],
  ['autolink javascript', '<javascript:window.__xss=1>'],
  ['reference javascript', '[click][bad]\n\n[bad]: javascript:window.__xss=1'],
  ['title breakout', '[ok](https://example.com "x\\" onmouseover=\\"window.__xss=1")'],
  ['image javascript', '![x](javascript:window.__xss=1)'],
  ['image data svg', '![x](data:image/svg+xml,<svg onload=window.__xss=1>)'],
  ['image allowed host with breakout', '![x" onerror="window.__xss=1](https://img.example.com/a.png)'],
  ['image other host', '![x](https://evil.example.net/a.png)'],
  [
    'code fence breakout',
    '```html"><script>window.__xss=1</script>\n</code></pre><script>window.__xss=1</script>\n```',
  ],
  ['code span', '`</code><script>window.__xss=1</script>`'],
  ['entities', '&lt;script&gt;window.__xss=1&lt;/script&gt; &#60;img src=x onerror=window.__xss=1&#62;'],
  ['html comment', '<!-- --><script>window.__xss=1</script> -->'],
  ['table cell', '| a |\n|---|\n| <img src=x onerror=window.__xss=1> [x](javascript:window.__xss=1) |'],
  ['nested in list and quote', '> - [x](javascript:window.__xss=1) <b onclick="window.__xss=1">b</b>'],
];

const annotations: Annotation[] = [
  { source: { type: 'url', title: '<img src=x onerror=window.__xss=1>', url: 'javascript:window.__xss=1' }, index: 3 },
  { source: { type: 'url', title: 'data', url: 'data:text/html,<script>window.__xss=1</script>' }, index: 5 },
];

/** Fails if anything executable or unsafe is in the rendered DOM. */
function assertInert(element: HTMLElement, context: string): void {
  expect(
    element.querySelectorAll('script, iframe, object, embed, svg, style, link, meta, form').length,
    context,
  ).to.equal(0);
  for (const node of Array.from(element.querySelectorAll('*'))) {
    for (const attribute of Array.from(node.attributes)) {
      expect(attribute.name.startsWith('on'), `${context}: ${attribute.name} on <${node.localName}>`).to.equal(false);
    }
  }
  for (const link of Array.from(element.querySelectorAll('[href]'))) {
    const href = link.getAttribute('href') ?? '';
    const protocol = new URL(href, document.baseURI).protocol;
    expect(['http:', 'https:', 'mailto:'], `${context}: href ${href}`).to.include(protocol);
    expect(link.getAttribute('rel'), context).to.equal('noopener noreferrer');
  }
  for (const image of Array.from(element.querySelectorAll('[src]'))) {
    const url = new URL(image.getAttribute('src') ?? '', document.baseURI);
    expect(allowedImageDomains, `${context}: src ${url.href}`).to.include(url.hostname);
    expect(url.protocol, context).to.equal('https:');
  }
}

describe('markdown XSS', () => {
  beforeEach(() => {
    window.__xss = undefined;
  });

  afterEach(async () => {
    // Give any handler that slipped through (an image error, a load) a turn to run.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(window.__xss, 'canary').to.equal(undefined);
  });

  for (const [name, payload] of payloads) {
    it(`renders ${name} inertly, streamed every way`, async () => {
      const element = container();
      document.body.append(element);
      try {
        for (const [how, chunks] of splits(payload)) {
          let text = '';
          for (const chunk of chunks) {
            text += chunk;
            render(renderMarkdown(text, { streaming: true, allowedImageDomains, annotations }), element);
            assertInert(element, `${how} at ${JSON.stringify(text)}`);
          }
          render(renderMarkdown(text, { allowedImageDomains, annotations }), element);
          assertInert(element, `${how}, final`);
        }
        render(renderInlineMarkdown(payload), element);
        assertInert(element, 'inline');
        await new Promise((resolve) => requestAnimationFrame(resolve));
      } finally {
        element.remove();
      }
    });
  }

  it('shows the payload as text rather than dropping it', () => {
    const element = container();
    const text =
      'Hi <script>window.__xss = 1</script> [click](javascript:window.__xss=1)\n\n<div onclick="x()">block</div>';
    render(renderMarkdown(text), element);
    expect(element.querySelector('p')?.textContent).to.equal('Hi <script>window.__xss = 1</script> click');
    expect(element.querySelector('.md-html')?.textContent).to.equal('<div onclick="x()">block</div>');
  });

  it('splits a payload across deltas without ever producing an element from it', () => {
    const element = container();
    for (const text of [
      '<scr',
      '<script',
      '<script>',
      '<script>window.__xss=1</scr',
      '<script>window.__xss=1</script>',
    ]) {
      render(renderMarkdown(text, { streaming: true }), element);
      expect(element.querySelectorAll('script').length).to.equal(0);
      expect(element.textContent?.trim()).to.equal(text.startsWith('<script>') ? text : '');
    }
  });
});

describe('isSafeUrl', () => {
  const cases: [string, boolean][] = [
    ['https://example.com', true],
    ['http://example.com/a?b=c#d', true],
    ['mailto:me@example.com', true],
    ['/relative/path', true],
    ['relative.html', true],
    ['#fragment', true],
    ['?query', true],
    ['//example.com/protocol-relative', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    [' javascript:alert(1)', false],
    ['\u0000javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['vbscript:msgbox(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['file:///etc/passwd', false],
    ['blob:https://example.com/uuid', false],
    ['tel:+123', false],
    ['http://[invalid', false],
  ];
  for (const [url, safe] of cases) {
    it(`${JSON.stringify(url)} is ${safe ? 'safe' : 'unsafe'}`, () => {
      expect(isSafeUrl(url)).to.equal(safe);
    });
  }
});
