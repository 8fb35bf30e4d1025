import { expect, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, sendAndWait } from './helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** Payloads that try to run script, set handlers, load bad URLs or reach other hosts. */
export const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<SCRIPT SRC=/x.js></SCRIPT>',
  '<img src=x onerror="window.__xss=1">',
  '<IMG SRC=x OnErRoR=window.__xss=1>',
  '<svg onload=window.__xss=1>',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '<a href="jAvAsCrIpT:window.__xss=1">click</a>',
  '<a href="&#106;avascript:window.__xss=1">entity</a>',
  '<a href="java&#x09;script:window.__xss=1">tab</a>',
  '[link](javascript:window.__xss=1)',
  '[link](JaVaScRiPt:window.__xss=1)',
  '[link]( javascript:window.__xss=1)',
  '[link](&#x6A;avascript:window.__xss=1)',
  '[link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[link](vbscript:msgbox(1))',
  '![img](javascript:window.__xss=1)',
  '![img](https://evil.example/pixel.png)',
  '<img src="https://evil.example/pixel.png">',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<style>*{background:url(https://evil.example/bg.png)}</style>',
  '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
  '"><script>window.__xss=1</script>',
  "' onmouseover='window.__xss=1",
  '<details open ontoggle=window.__xss=1>',
  '<body onload=window.__xss=1>',
  '<input autofocus onfocus=window.__xss=1>',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${window.__xss=1}',
  '<form action="javascript:window.__xss=1"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
];

/** Asserts that nothing in the element's shadow DOM can run script or load something unsafe. */
export function expectInert(el: StreamChatElement): void {
  const root = el.shadowRoot as ShadowRoot;
  for (const tag of [
    'script',
    'iframe',
    'object',
    'embed',
    'style',
    'link',
    'meta',
    'base',
    'math',
    'details',
    'body',
    'input',
  ]) {
    expect(root.querySelectorAll(tag).length, `no <${tag}>`).to.equal(0);
  }
  for (const node of Array.from(root.querySelectorAll('*'))) {
    for (const attribute of Array.from(node.attributes)) {
      expect(
        attribute.name.toLowerCase().startsWith('on'),
        `no ${attribute.name} attribute on <${node.localName}>`,
      ).to.equal(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attribute.name.toLowerCase())) {
        const url = new URL(attribute.value, location.href);
        expect(['http:', 'https:', 'mailto:'], `${attribute.name}=${attribute.value}`).to.include(url.protocol);
        if (attribute.name === 'src') expect(url.host, 'images only from allowed hosts').to.equal(location.host);
      }
    }
  }
  expect(window.__xss, 'no script ran').to.equal(undefined);
  const foreign = performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).host !== location.host);
  expect(
    foreign.map((entry) => entry.name),
    'no request left the page origin',
  ).to.deep.equal([]);
}

describe('<stream-chat> renders server and model text safely', () => {
  for (const payload of XSS_PAYLOADS) {
    it(`is inert for ${payload}`, async () => {
      const { el, events } = await mount(`/api/chat/xss${XSS_PAYLOADS.indexOf(payload)}`);
      el.history = true;
      const tool = payload.replace(/\s+/g, '_');
      await sendAndWait(
        el,
        [
          `title ${payload}`,
          `progress ${payload}`,
          `notice info ${payload}`,
          `effect ${tool} {}`,
          `text ${payload}`,
          `tool ${tool}`,
          `error custom ${payload}`,
        ].join('\n'),
      );
      await el.updateComplete;
      part(el, 'history-button').click();
      await el.updateComplete;
      await waitUntil(
        () => el.shadowRoot?.querySelector('.thread-title')?.textContent === payload,
        'the history row shows the title',
      );
      // Every plain-text path shows the payload as text (notices and answers are markdown, which
      // may show less of it, never more)…
      expect(part(el, 'title').textContent).to.equal(payload);
      expect(events.find((event) => event.type === 'stream-chat-progress')?.detail).to.deep.equal({
        text: payload,
        icon: 'search',
      });
      expect(part(el, 'error').textContent).to.contain(payload);
      expect(parts(el, 'notice')).to.have.length(1);
      expect(parts(el, 'assistant-message')).to.have.length(2);
      expect(events.find((event) => event.type === 'stream-chat-effect')?.detail).to.deep.equal({
        name: tool,
        data: {},
      });
      // …and none of it became markup.
      expectInert(el);
    });
  }
});
