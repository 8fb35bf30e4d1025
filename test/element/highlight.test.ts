import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadLocale } from '../../src/i18n.js';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { contrastOf, rgba } from './layout-helpers.js';
import { mount, openScriptTagPage, recordClipboard, sendAndWait } from './helpers.js';

/** A message with one closed block per language family, as the scripted agent's `markdown` command. */
const SAMPLES: Record<string, string> = {
  js: 'const greeting = "hi"; // says hello\nfunction hello(name) {\n  return `Hello ${name}` + 42;\n}',
  python: 'def area(r):\n    """Circle."""\n    return 3.14 * r ** 2  # pi r squared',
  bash: 'export NAME="world"\nif [ -n $NAME ]; then echo hi; fi # done',
  html: '<a href="/x" class=\'y\'>link</a> <!-- note -->',
  css: '.box { color: #fff; margin: 4px; }',
  sql: "SELECT name FROM users WHERE id = 1 -- one\n  AND note = 'it''s';",
  yaml: 'name: demo # comment\ncount: 3\nok: true',
  json: '{ "a": 1, "b": [true, null, "x"] }',
  go: 'func main() {\n\tfmt.Println("go", 1)\n}',
  rust: 'fn main() { let v: Vec<u8> = vec![1]; println!("{}", v.len()); }',
  diff: '--- a.txt\n+++ b.txt\n@@ -1 +1 @@\n-old\n+new',
};

const fence = (lang: string, code: string): string => `\`\`\`${lang}\\n${code.replaceAll('\n', '\\n')}\\n\`\`\``;

function blocks(el: StreamChatElement): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.md-pre code'));
}

function spans(code: Element, cls: string): string[] {
  return Array.from(code.querySelectorAll(`.hl-${cls}`), (node) => node.textContent ?? '');
}

async function highlighted(el: StreamChatElement, count: number): Promise<void> {
  await waitUntil(
    () => blocks(el).filter((code) => code.querySelector('[class^="hl-"]')).length >= count,
    'the code blocks were highlighted',
  );
}

const colour = (node: Element): string => rgba(getComputedStyle(node).color).slice(0, 3).join(',');

describe('syntax highlighting in code blocks', () => {
  it('colours keywords, strings and comments of a closed block, in the light and the dark theme', async () => {
    const { el } = await mount();
    el.theme = 'light';
    await sendAndWait(el, `markdown ${fence('js', SAMPLES.js!)}`);
    await highlighted(el, 1);
    const code = blocks(el)[0]!;
    expect(code.textContent, 'the code text is unchanged').to.equal(SAMPLES.js);
    expect(spans(code, 'k')).to.include.members(['const', 'function', 'return']);
    expect(spans(code, 's')).to.include.members(['"hi"', '`Hello ${name}`']);
    expect(spans(code, 'c')).to.deep.equal(['// says hello']);
    expect(spans(code, 'n')).to.deep.equal(['42']);
    const keyword = code.querySelector('.hl-k')!;
    const string = code.querySelector('.hl-s')!;
    expect(colour(keyword)).to.equal('207,34,46');
    expect(colour(string)).to.equal('10,48,105');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    expect(colour(keyword)).to.equal('255,123,114');
    expect(colour(string)).to.equal('165,214,255');
    await expect(el).to.be.accessible();
    // Hosts restyle the tokens with custom properties.
    el.style.setProperty('--stream-chat-code-keyword', 'rgb(1, 2, 3)');
    expect(colour(keyword)).to.equal('1,2,3');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`gives every token of every language at least 4.5:1 contrast in the ${theme} theme`, async () => {
      const { el } = await mount();
      el.theme = theme;
      const langs = Object.keys(SAMPLES);
      await sendAndWait(el, `markdown ${langs.map((lang) => fence(lang, SAMPLES[lang]!)).join('\\n\\n')}`);
      await highlighted(el, langs.length);
      const codes = blocks(el);
      langs.forEach((lang, i) => expect(codes[i]!.textContent, lang).to.equal(SAMPLES[lang]));
      const classes = new Set<string>();
      const failing: string[] = [];
      for (const span of el.shadowRoot!.querySelectorAll('.md-pre [class^="hl-"]')) {
        classes.add(span.className);
        const ratio = contrastOf(span);
        if (ratio < 4.5) failing.push(`${span.className} "${span.textContent}" ${ratio.toFixed(2)}`);
      }
      expect(failing).to.deep.equal([]);
      expect([...classes].sort()).to.deep.equal(
        ['hl-c', 'hl-d', 'hl-f', 'hl-g', 'hl-i', 'hl-k', 'hl-m', 'hl-n', 'hl-p', 'hl-s', 'hl-t'].sort(),
      );
      // A few tokens per family, as a reader would expect them.
      const [, python, bash, html, css, sql, yaml, json, , rust, diff] = codes;
      expect(spans(python!, 's')).to.deep.equal(['"""Circle."""']);
      expect(spans(python!, 'c')).to.deep.equal(['# pi r squared']);
      expect(spans(bash!, 'p')).to.deep.equal(['$NAME']);
      expect(spans(html!, 'g')).to.deep.equal(['<a', '</a']);
      expect(spans(html!, 'p')).to.deep.equal(['href', 'class']);
      expect(spans(css!, 'p')).to.deep.equal(['color', 'margin']);
      expect(spans(sql!, 'k')).to.include.members(['SELECT', 'FROM', 'WHERE', 'AND']);
      expect(spans(sql!, 's')).to.deep.equal(["'it''s'"]);
      expect(spans(yaml!, 'p')).to.deep.equal(['name', 'count', 'ok']);
      expect(spans(json!, 'p')).to.deep.equal(['"a"', '"b"']);
      expect(spans(rust!, 'f')).to.include.members(['vec!', 'println!']);
      expect(spans(diff!, 'i')).to.deep.equal(['+new']);
      expect(spans(diff!, 'd')).to.deep.equal(['-old']);
      await expect(el).to.be.accessible();
    });
  }

  it('leaves unknown languages and streaming blocks plain, and hostile code as text', async () => {
    const { el } = await mount();
    const hostile = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>';
    await sendAndWait(
      el,
      `markdown ${fence('brainfuck', '++[>+<-]')}\\n\\n${fence('html', hostile)}\\n\\n${fence('js', 'let x = 1;')}`,
    );
    await highlighted(el, 2);
    const [unknown, html] = blocks(el);
    expect(unknown!.children, 'no spans').to.have.length(0);
    expect(unknown!.textContent).to.equal('++[>+<-]');
    expect(html!.textContent).to.equal(hostile);
    expect(html!.querySelector('img, script')).to.equal(null);
    expect(spans(html!, 'g')).to.deep.equal(['<img', '</script', '<script', '</script']);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);

    // An open fence streams as plain text; the block is highlighted once its closing fence arrives.
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send(`partial ${fence('js', 'const open = true;').replace(/\\n```$/, '')}`);
    await waitUntil(() => blocks(el)[3]?.textContent === 'const open = true;', 'the open block streamed');
    expect(blocks(el)[3]!.children).to.have.length(0);
    el.stop();
    await ended;
  });

  it('tokenizes hostile input in linear time and gives back the exact text', async () => {
    const { tokenize, languageOf, MAX_LENGTH } = await import('../../src/markdown/highlight.js');
    const hostile = ['<a b c ', '<a b="x ', '<!a <?x ', 'a: b ', '"abc /* a <!-- """a ', 'foo( 1.2e5e5 '];
    for (const lang of ['tsx', 'html', 'yaml', 'css', 'python', 'bash', 'sql', 'rust', 'c']) {
      for (const unit of hostile) {
        const code = unit.repeat(Math.floor(MAX_LENGTH / unit.length));
        const start = performance.now();
        const tokens = tokenize(code, languageOf(lang)!);
        const ms = performance.now() - start;
        expect(tokens.map(([, text]) => text).join(''), `${lang} ${unit}`).to.equal(code);
        // A quadratic pattern takes several seconds here; a linear one a few tens of milliseconds.
        expect(ms, `${lang} ${unit}`).to.be.lessThan(1500);
      }
    }
  });

  it('keeps highlighted code left to right on a right-to-left page, and copies the exact source', async () => {
    await loadLocale('ar');
    const { el } = await mount();
    el.locale = 'ar';
    const source = 'const a = "نص"; // تعليق\nlet b = a;';
    await sendAndWait(el, `markdown ${'نص عربي '.repeat(10)}\\n\\n${fence('js', source)}`);
    await highlighted(el, 1);
    const code = blocks(el)[0]!;
    const pre = code.closest('.md-pre')!;
    expect(getComputedStyle(pre.closest('.bubble')!).direction, 'the message is rtl').to.equal('rtl');
    expect(getComputedStyle(code.querySelector('.hl-k')!).direction).to.equal('ltr');
    const first = code.querySelector('.hl-k')!.getBoundingClientRect();
    expect(first.left - pre.getBoundingClientRect().left, 'the first keyword is at the left edge').to.be.lessThan(20);

    // Headless browsers refuse clipboard reads, so the test records what the element writes.
    const { written, restore } = recordClipboard();
    try {
      const copy = pre.closest('.md-code')!.querySelector<HTMLButtonElement>('.md-copy')!;
      copy.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => written.length === 1, 'copied');
      expect(written).to.deep.equal([source]);
    } finally {
      restore();
    }
    await expect(el).to.be.accessible();
  });

  for (const build of ['module', 'classic'] as const) {
    const what =
      build === 'module'
        ? 'loads the highlighter chunk only once a code block appears'
        : 'highlights with no other file';
    it(`${build} build: ${what}, under a strict CSP`, async () => {
      const { frame, win } = await openScriptTagPage(build);
      try {
        const chat = win.document.querySelector('stream-chat') as StreamChatElement;
        const chunks = (): string[] =>
          win.performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((name) => /stream-chat-highlight-[\w-]+\.js$/.test(name));
        await chat.send('markdown Just **text**, no code.');
        expect(chunks()).to.deep.equal([]);
        await chat.send(`markdown ${fence('py', 'print("hi")')}`);
        await waitUntil(() => chat.shadowRoot?.querySelector('.md-pre .hl-f'), 'highlighted');
        expect(chunks()).to.have.length(build === 'module' ? 1 : 0);
        expect(chat.shadowRoot!.querySelector('.md-pre .hl-s')?.textContent).to.equal('"hi"');
        expect(win.violations).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }
});
