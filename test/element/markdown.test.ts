import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { mount, part, parts, sendAndWait } from './helpers.js';

describe('<stream-chat> renders answers as markdown', () => {
  it('shows headings, emphasis, code and code blocks with a language label and a copy button', async () => {
    const { el } = await mount();
    await sendAndWait(
      el,
      'markdown # Plan\\n\\nSome **bold** and `code`.\\n\\n```js\\nlet x = 1;\\n```\\n\\n- one\\n- two',
    );
    const answer = parts(el, 'assistant-message')[0] as HTMLElement;
    expect(answer.querySelector('h1')?.textContent).to.equal('Plan');
    expect(answer.querySelector('strong')?.textContent).to.equal('bold');
    expect(answer.querySelector('.md-codespan')?.textContent).to.equal('code');
    expect(answer.querySelector('.md-code-lang')?.textContent?.trim()).to.equal('js');
    expect(answer.querySelector('.md-pre')?.textContent?.trim()).to.equal('let x = 1;');
    expect(answer.querySelector('button.md-copy')).to.exist;
    expect(Array.from(answer.querySelectorAll('li'), (li) => li.textContent?.trim())).to.deep.equal(['one', 'two']);
    await expect(el).to.be.accessible();
  });

  it('keeps finished blocks as the same DOM nodes while the answer streams and after it ends', async () => {
    const { el } = await mount();
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('partial First paragraph stays put.\\n\\nSecond one grows word by word');
    await waitUntil(() => parts(el, 'assistant-message')[0]?.querySelectorAll('p').length === 2, 'two paragraphs');
    const first = parts(el, 'assistant-message')[0]?.querySelector('p');
    expect(first?.textContent).to.equal('First paragraph stays put.');
    await waitUntil(() => parts(el, 'assistant-message')[0]?.textContent?.includes('word by word'), 'the tail grew');
    expect(parts(el, 'assistant-message')[0]?.querySelector('p')).to.equal(first);
    el.stop();
    await ended;
    await el.updateComplete;
    expect(parts(el, 'assistant-message')[0]?.querySelector('p') === first).to.equal(true);
  });

  it('renders an unfinished **bold and an open code fence while streaming', async () => {
    const { el } = await mount();
    let ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('partial Almost **there');
    await waitUntil(
      () => parts(el, 'assistant-message')[0]?.querySelector('strong')?.textContent === 'there',
      'bold mid-stream',
    );
    expect(parts(el, 'assistant-message')[0]?.textContent).not.to.contain('**');
    el.stop();
    await ended;

    ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('partial Code:\\n\\n```py\\nprint(1)');
    await waitUntil(
      () => parts(el, 'assistant-message')[1]?.querySelector('.md-pre')?.textContent?.includes('print(1)'),
      'open fence as code',
    );
    expect(parts(el, 'assistant-message')[1]?.textContent).not.to.contain('```');
    el.stop();
    await ended;
  });

  it('renders notices as inline markdown', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'notice info You reached **80%** of your [quota](https://example.com/quota)\ntext ok');
    const notice = part(el, 'notice');
    expect(notice.querySelector('strong')?.textContent).to.equal('80%');
    const link = notice.querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://example.com/quota');
    expect(link?.getAttribute('rel')).to.contain('noopener');
  });
});
