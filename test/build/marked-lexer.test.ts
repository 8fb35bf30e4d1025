/**
 * The marked the script-tag files ship (build/marked-lexer.ts trims it) lexes exactly as marked's
 * own `Lexer` with the element's options: the same tokens for every document of the markdown
 * corpus, for each of its prefixes (a streaming answer is lexed prefix by prefix), and for inputs
 * written to reach the branches the trim folds away (pedantic headings, hard breaks, link titles).
 */
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Lexer as MarkedLexer, type MarkedOptions } from 'marked';
import { markedLexerOnly } from '../../build/marked-lexer.js';
import { corpus } from '../markdown/corpus.js';
import { lexerOptions } from '../../src/markdown/parse.js';

/** The options `src/markdown/parse.ts` fixes, a fresh copy each time. */
const options = (): MarkedOptions => ({ ...lexerOptions });

/** Inputs for the folded branches: each would lex differently with pedantic, breaks or without GFM. */
const edges = [
  '#Heading without a space\n#  \n# Heading #\n####### seven',
  'line one\nline two  \nline three\\\nfour',
  '[link](/url "title") [link](</url with spaces> \'t\') [ref]\n\n[ref]: /u "T"\n[ref2]: <x> (t)',
  '* a\n+ b\n- c\n\n1) one\n2. two\n\n   * indented\n\t* tab',
  '| a | b |\n|:-|-:|\n| 1 | 2 |\nnot a row',
  '~~del~~ ~single~ www.example.com https://x.y/z?q=1. foo@bar.com mailto:a@b.c',
  '<div>\n*html*\n</div>\n\n<span>inline</span> <!-- c --> <?pi?> <!X> <![CDATA[x]]>',
  '***strong em*** __a__b _a_b *a*b **a**b ***a**b* _"quoted"_ *"q"*',
  'Setext\n===\n\nalso\n---\n\n    indented code\n\n```js\nfenced\n```\n~~~\ntilde',
  '> quote\ncontinued\n> - list in quote\n>\n> > nested',
  'a\u00a0b &copy; &#35; &#x26; \\* \\_ `code` ``co`de`` <https://auto.link>',
  '- [ ] task\n- [x] done\n- [X]not a task',
];

let TrimmedLexer: typeof MarkedLexer;
let dir: string;

before(async () => {
  const require = createRequire(import.meta.url);
  const file = join(require.resolve('marked/package.json'), '../lib/marked.esm.js');
  const source = readFileSync(file, 'utf8');
  const plugin = markedLexerOnly();
  const transform = plugin.transform as unknown as {
    handler: (this: { error(message: string): never }, code: string, id: string) => { code: string };
  };
  const context = {
    error(message: string): never {
      throw new Error(message);
    },
  };
  const trimmed = transform.handler.call(context, source, file).code;
  dir = mkdtempSync(join(tmpdir(), 'marked-lexer-'));
  writeFileSync(join(dir, 'marked.mjs'), trimmed);
  const module = (await import(pathToFileURL(join(dir, 'marked.mjs')).href)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(module), ['Lexer'], 'only the Lexer is exported');
  TrimmedLexer = module.Lexer as typeof MarkedLexer;
});

after(() => rmSync(dir, { recursive: true, force: true }));

const lex = (LexerClass: typeof MarkedLexer, text: string) => JSON.stringify(new LexerClass(options()).lex(text));

describe('the trimmed marked lexer of the script-tag files', () => {
  it('lexes every corpus document and edge case, and each of their prefixes, as marked does', () => {
    let compared = 0;
    for (const text of [...corpus.map((document) => document.text), ...edges]) {
      for (let end = 1; end <= text.length; end++) {
        const prefix = text.slice(0, end);
        assert.equal(lex(TrimmedLexer, prefix), lex(MarkedLexer, prefix), `differs on ${JSON.stringify(prefix)}`);
        compared++;
      }
    }
    assert.ok(compared > 5000);
  });

  it('refuses options other than the ones the build fixes', () => {
    for (const changed of [{ pedantic: true }, { breaks: true }, { gfm: false }, { extensions: { block: [] } }])
      assert.throws(() => new TrimmedLexer({ ...options(), ...changed } as MarkedOptions), /marked-lexer-only/);
    assert.doesNotThrow(() => new TrimmedLexer(options()));
  });
});
