import { expect } from '@open-wc/testing';
import { announcedText } from '../../src/markdown/plain-text.js';

describe('announcedText', () => {
  it('gives blocks as lines of their shown text', () => {
    const markdown = [
      '## Results',
      '> quoted *text*',
      '1. first\n2. second with ![a chart](https://example.com/c.png)',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '---',
      '[ref]: https://example.com/',
      'Line one  \nline two and a <b>tag</b>',
    ].join('\n\n');
    expect(announcedText(markdown).split('\n')).to.deep.equal([
      'Results',
      'quoted text',
      'first',
      'second with a chart',
      'a b',
      '1 2',
      'Line one line two and a <b>tag</b>',
    ]);
  });

  it('keeps a short answer whole and cuts a long one after a word', () => {
    expect(announcedText('a few words')).to.equal('a few words');
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const cut = announcedText(words, 100);
    expect(cut).to.equal(`${words.slice(0, 100).replace(/ \S*$/, '')}…`);
    expect(announcedText('x'.repeat(150), 100)).to.equal(`${'x'.repeat(100)}…`);
  });

  it('reads only the start of a long source, and says so when that start is mostly syntax', () => {
    const links = Array.from({ length: 60 }, (_, i) => `[${i}](https://example.com/${'p'.repeat(40)})`).join(' ');
    // The first 200 characters end inside the third link, which shows as its text.
    expect(announcedText(links, 100)).to.equal('0 1 2…');
  });
});
