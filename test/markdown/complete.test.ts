import { expect } from '@open-wc/testing';
import { completeInline } from '../../src/markdown/complete.js';

describe('completeInline', () => {
  const cases: [string, string][] = [
    ['plain text', 'plain text'],
    ['**bold', '**bold**'],
    ['**bold ', '**bold**'],
    ['*it', '*it*'],
    ['_it', '_it_'],
    ['~~gone', '~~gone~~'],
    ['**a *b', '**a *b***'],
    ['**bold*', '**bold**'],
    ['**done** and *open', '**done** and *open*'],
    ['hello **', 'hello'],
    ['hello *', 'hello'],
    ['`code', '`code`'],
    ['``co`de', '``co`de``'],
    ['use `', 'use'],
    ['**see `foo', '**see `foo`**'],
    ['`a*b', '`a*b`'],
    ['`done` *x', '`done` *x*'],
    ['snake_case_word', 'snake_case_word'],
    ['2 * 3', '2 * 3'],
    ['~5 minutes', '~5 minutes'],
    ['[text](htt', 'text'],
    ['see [text](https://exa', 'see text'],
    ['see [text', 'see text'],
    ['see [text]', 'see text'],
    ['see [text] and more', 'see [text] and more'],
    ['![alt](https://img', 'alt'],
    ['[**bo', '**bo**'],
    [
      '[done](https://x.y) and [open](',
      'done](https://x.y) and open'.replace('done](https://x.y)', '[done](https://x.y)'),
    ],
    ['[a](https://x.y/a_b_c) _open', '[a](https://x.y/a_b_c) _open_'],
    ['escaped \\*star', 'escaped \\*star'],
    ['trailing backslash \\', 'trailing backslash'],
    ['two backslashes \\\\', 'two backslashes \\\\'],
    ['AT&T &am', 'AT&T'],
    ['go to <https://exa', 'go to'],
    ['a <b>tag</b>', 'a <b>tag</b>'],
  ];
  for (const [input, output] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(completeInline(input)).to.equal(output);
    });
  }
});
