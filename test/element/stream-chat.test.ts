import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, mount, part, parts, sendAndWait, transcript, waitForText } from './helpers.js';

describe('<stream-chat> conversation', () => {
  it('streams an answer into a new thread and reports it in order', async () => {
    const { el, events, names } = await mount();
    const end = await sendAndWait(el, 'text Hello brave new world');
    expect(end.detail.reason).to.equal('complete');
    expect(transcript(el)).to.deep.equal(['user: text Hello brave new world', 'assistant: Hello brave new world']);
    expect(names()).to.deep.equal(['response-start', 'thread-change', 'response-end']);
    const threadId = events[1]?.detail as { threadId: string };
    expect(threadId.threadId).to.match(/^thr_/);
    expect(el.threadId).to.equal(threadId.threadId);
    expect(el.getAttribute('thread-id')).to.equal(threadId.threadId);
    expect(events[0]?.detail).to.deep.equal({ threadId: null });
    expect(end.detail.threadId).to.equal(threadId.threadId);
  });

  it('continues the same thread on the next message', async () => {
    const { el, names } = await mount();
    await sendAndWait(el, 'first');
    const threadId = el.threadId;
    await sendAndWait(el, 'second');
    expect(el.threadId).to.equal(threadId);
    expect(transcript(el)).to.deep.equal([
      'user: first',
      'assistant: Echo: first',
      'user: second',
      'assistant: Echo: second',
    ]);
    expect(names().filter((name) => name === 'thread-change')).to.have.length(1);
  });

  it('keeps the composer typable and reflects responding while the answer runs', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    const started = oneEvent(el, 'stream-chat-response-start');
    const done = el.send('text streaming now\nhang');
    await started;
    await waitForText(el, 'streaming now');
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(el.responding).to.equal(true);
    expect(el.hasAttribute('responding')).to.equal(true);
    expect(el.matches(':state(responding)')).to.equal(true);
    expect(input.disabled).to.equal(false);
    expect(parts(el, 'send-button')).to.have.length(0);
    await expect(el).to.be.accessible();
    const ended = oneEvent(el, 'stream-chat-response-end');
    part(el, 'stop-button').click();
    expect((await ended).detail.reason).to.equal('aborted');
    await done;
    await el.updateComplete;
    expect(el.responding).to.equal(false);
    expect(el.hasAttribute('responding')).to.equal(false);
    expect(input.disabled).to.equal(false);
    expect(parts(el, 'stop-button')).to.have.length(0);
    expect(transcript(el)).to.deep.equal(['user: text streaming now hang', 'assistant: streaming now']);
  });

  it('shows the latest progress line until the answer arrives', async () => {
    const { el, events } = await mount();
    const progress = oneEvent(el, 'stream-chat-progress');
    void el.send('progress Searching articles...\nprogress Found 12 articles...\nhang').catch(() => undefined);
    expect((await progress).detail).to.deep.equal({ text: 'Searching articles...', icon: 'search' });
    await waitUntil(
      () => parts(el, 'progress')[0]?.textContent?.includes('Found 12 articles...'),
      'second progress line',
    );
    expect(events.filter((event) => event.type === 'stream-chat-progress').map((event) => event.detail)).to.deep.equal([
      { text: 'Searching articles...', icon: 'search' },
      { text: 'Found 12 articles...', icon: 'search' },
    ]);
    el.stop();
    await el.updateComplete;
    expect(parts(el, 'progress')).to.have.length(0);
  });

  it('dispatches effects in stream order, and a throwing listener does not break the stream', async () => {
    const { el, events } = await mount();
    const saved = window.onerror;
    window.onerror = () => true;
    el.addEventListener('stream-chat-effect', () => {
      throw new Error('listener bug');
    });
    try {
      await sendAndWait(
        el,
        'effect update_status {"state":{"energy":80,"happiness":90},"flash":"Status updated!"}\neffect show_notification {"message":"Task completed!"}\ntext after effects',
      );
    } finally {
      window.onerror = saved;
    }
    expect(events.filter((event) => event.type === 'stream-chat-effect').map((event) => event.detail)).to.deep.equal([
      { name: 'update_status', data: { state: { energy: 80, happiness: 90 }, flash: 'Status updated!' } },
      { name: 'show_notification', data: { message: 'Task completed!' } },
    ]);
    expect(transcript(el).at(-1)).to.equal('assistant: after effects');
  });

  it('shows the server title in the header and fires thread-update', async () => {
    const { el, events } = await mount();
    await sendAndWait(el, 'title Cats and dogs\ntext ok');
    expect(part(el, 'title').textContent).to.equal('Cats and dogs');
    const update = events.find((event) => event.type === 'stream-chat-thread-update');
    expect(update?.detail).to.deep.equal({
      thread: { id: el.threadId, title: 'Cats and dogs', status: { type: 'active' } },
    });
  });

  it('re-emits notices and shows them', async () => {
    const { el, events } = await mount();
    await sendAndWait(el, 'notice warning Quota almost reached\ntext ok');
    expect(events.find((event) => event.type === 'stream-chat-notice')?.detail).to.deep.equal({
      level: 'warning',
      message: 'Quota almost reached',
    });
    expect(part(el, 'notice').textContent).to.contain('Quota almost reached');
  });

  it('sends with Enter, adds a line with Shift+Enter, and gives focus back after the answer', async () => {
    const { el } = await mount();
    await el.focusComposer();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    const ended = oneEvent(el, 'stream-chat-response-end');
    await sendKeys({ press: 'Enter' });
    await ended;
    await el.updateComplete;
    expect(transcript(el)[0]).to.equal('user: line one line two');
    expect(parts(el, 'message')[0]?.textContent).to.contain('line one\nline two');
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
    await waitUntil(() => el.shadowRoot?.activeElement === part(el, 'input'), 'focus returns to the composer');
  });

  it('stops with a real Escape press, and the input keeps focus', async () => {
    const { el } = await mount();
    await el.focusComposer();
    await sendKeys({ type: 'hang' });
    const started = oneEvent(el, 'stream-chat-response-start');
    await sendKeys({ press: 'Enter' });
    await started;
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(part(el, 'input'));
    const ended = oneEvent(el, 'stream-chat-response-end');
    await sendKeys({ press: 'Escape' });
    expect((await ended).detail.reason).to.equal('aborted');
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(part(el, 'input'));
  });

  it('rejects send() while a response runs, without a second start', async () => {
    const { el, names } = await mount();
    const first = el.send('hang');
    let error: unknown;
    try {
      await el.send('again');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.have.property('code', 'busy');
    el.stop();
    await first;
    expect(names()).to.deep.equal(['response-start', 'response-end']);
  });

  it('fills the composer with setComposerValue()', async () => {
    const { el } = await mount();
    el.setComposerValue('drafted by the page');
    await el.updateComplete;
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('drafted by the page');
    expect((part(el, 'send-button') as HTMLButtonElement).disabled).to.equal(false);
  });
});

describe('<stream-chat> threads', () => {
  it('loads an existing thread between load-start and load-end, then continues it', async () => {
    const first = await mount();
    await sendAndWait(first.el, 'title Saved chat\ntext remembered answer');
    const threadId = first.el.threadId as string;

    const { el, events, names } = await mount('/api/chat', threadId);
    await oneEvent(el, 'stream-chat-thread-load-end');
    await el.updateComplete;
    expect(names()).to.include.members(['thread-load-end']);
    expect(transcript(el)).to.deep.equal([
      'user: title Saved chat text remembered answer',
      'assistant: remembered answer',
    ]);
    expect(part(el, 'title').textContent).to.equal('Saved chat');
    await sendAndWait(el, 'follow up');
    expect(el.threadId).to.equal(threadId);
    expect(transcript(el).at(-1)).to.equal('assistant: Echo: follow up');
    expect(
      events.some((event) => event.type === 'stream-chat-thread-change' && event.detail.threadId !== threadId),
    ).to.equal(false);
  });

  it('fires thread-change and load events when code sets threadId', async () => {
    const first = await mount();
    await sendAndWait(first.el, 'text one');
    const { el, names } = await mount();
    el.threadId = first.el.threadId;
    await oneEvent(el, 'stream-chat-thread-load-end');
    expect(names()).to.deep.equal(['thread-change', 'thread-load-start', 'thread-load-end']);
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal(['user: text one', 'assistant: one']);
  });

  it('falls back to a new conversation when the thread does not exist', async () => {
    const { el, events } = await mount('/api/chat', 'thr_missing0');
    const error = await oneEvent(el, 'stream-chat-error');
    expect(error.detail.code).to.equal('thread_not_found');
    await el.updateComplete;
    expect(el.threadId).to.equal(null);
    expect(events.at(-2)?.type).to.equal('stream-chat-thread-change');
    expect(part(el, 'error').textContent).to.contain('could not be found');
    await sendAndWait(el, 'works anyway');
    expect(transcript(el).at(-1)).to.equal('assistant: Echo: works anyway');
  });

  it('newThread() clears the view and reports a null thread', async () => {
    const { el, events } = await mount();
    await sendAndWait(el, 'text something');
    el.newThread();
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal([]);
    expect(el.threadId).to.equal(null);
    expect(events.at(-1)).to.deep.equal({ type: 'stream-chat-thread-change', detail: { threadId: null } });
    await sendAndWait(el, 'fresh');
    expect(transcript(el)).to.deep.equal(['user: fresh', 'assistant: Echo: fresh']);
  });

  it('switching threads mid-stream aborts the old response and ignores its late events', async () => {
    const { el, events } = await mount();
    const done = el.send('text old answer\nhang');
    await waitForText(el, 'old answer');
    el.newThread();
    await done;
    await el.updateComplete;
    expect(
      events.filter((event) => event.type === 'stream-chat-response-end').map((event) => event.detail.reason),
    ).to.deep.equal(['aborted']);
    expect(transcript(el)).to.deep.equal([]);
  });
});

describe('<stream-chat> failures', () => {
  it('reports a malformed frame and goes on with the stream', async () => {
    const { el, events } = await mount('/api/fault/bad-json');
    const end = await sendAndWait(el, 'hello');
    expect(end.detail.reason).to.equal('complete');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'bad_frame',
      allowRetry: true,
    });
    expect(part(el, 'error').textContent).to.contain('malformed');
  });

  it('ends with a retryable error, shows it, and retry regenerates the answer', async () => {
    const { el, events } = await mount();
    let rejected: unknown;
    const ended = oneEvent(el, 'stream-chat-response-end');
    await el.send('flaky recovered answer').catch((error: unknown) => (rejected = error));
    expect((await ended).detail.reason).to.equal('error');
    expect(rejected).to.have.property('code', 'custom');
    const error = events.find((event) => event.type === 'stream-chat-error');
    expect(error?.detail).to.deep.equal({ code: 'custom', message: 'Flaky failure', allowRetry: true });
    await el.updateComplete;
    expect(part(el, 'error').textContent).to.contain('Flaky failure');
    expect(transcript(el)).to.deep.equal([
      'user: flaky recovered answer',
      'assistant: partial answer Incomplete answer',
    ]);
    await expect(el).to.be.accessible();

    const retried = oneEvent(el, 'stream-chat-response-end');
    part(el, 'retry-button').click();
    expect((await retried).detail.reason).to.equal('complete');
    await el.updateComplete;
    expect(transcript(el)).to.deep.equal(['user: flaky recovered answer', 'assistant: recovered answer']);
    expect(parts(el, 'error')).to.have.length(0);
    expect(events.filter((event) => event.type === 'stream-chat-response-start')).to.have.length(2);
  });

  it('shows the generic text for stream.error and no retry when not allowed', async () => {
    const { el, events } = await mount();
    await sendAndWait(el, 'crash');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.deep.equal({
      code: 'stream.error',
      message: 'An error occurred when generating a response.',
      allowRetry: true,
    });
    await sendAndWait(el, 'error custom Quota reached');
    expect(part(el, 'error').textContent).to.contain('Quota reached');
    expect(parts(el, 'retry-button')).to.have.length(0);
  });

  it('gives the message back when the server never accepted it', async () => {
    const { el, events } = await mount('/api/fault/http500');
    const input = part(el, 'input') as HTMLTextAreaElement;
    el.setComposerValue('my precious words');
    await el.updateComplete;
    const ended = oneEvent(el, 'stream-chat-response-end');
    part(el, 'send-button').click();
    expect((await ended).detail.reason).to.equal('error');
    await el.updateComplete;
    expect(input.value).to.equal('my precious words');
    expect(input.disabled).to.equal(false);
    expect(transcript(el)).to.deep.equal([]);
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'http',
      allowRetry: true,
    });
  });

  for (const [fault, code] of [
    ['html', 'bad_content_type'],
    ['empty', 'empty_stream'],
    ['drop', 'network'],
  ] as const) {
    it(`reports a ${fault} response as ${code} and unlocks`, async () => {
      const { el, names, events } = await mount(`/api/fault/${fault}`);
      const end = await sendAndWait(el, 'hello');
      expect(end.detail.reason).to.equal('error');
      expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({ code });
      expect(names().filter((name) => name === 'response-end')).to.have.length(1);
      expect((part(el, 'input') as HTMLTextAreaElement).disabled).to.equal(false);
      expect(parts(el, 'error')).to.have.length(1);
    });
  }
});

describe('<stream-chat> layout behaviour', () => {
  it('follows the stream while at the bottom, and stays put once the user scrolls up', async () => {
    const { el } = await mount();
    el.style.height = '300px';
    await sendAndWait(el, 'long 40');
    const scroller = part(el, 'messages');
    expect(scroller.scrollHeight).to.be.above(scroller.clientHeight * 2);
    await waitUntil(
      () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2,
      'followed to the end',
    );

    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('drip 60');
    await waitForText(el, 'line 5');
    scroller.scrollTop = 0;
    await ended;
    await el.updateComplete;
    expect(transcript(el).at(-1)).to.contain('line 60');
    expect(scroller.scrollTop).to.equal(0);

    // Sending again follows the new answer.
    await sendAndWait(el, 'long 5');
    await waitUntil(
      () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2,
      'follows after sending',
    );
  });

  it('shows widgets and workflows, by their text until their renderer has loaded', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'widget Your order #42 has shipped\nworkflow Searched the web|Read 3 pages\ntext done');
    const shown = () => [...parts(el, 'fallback'), ...parts(el, 'widget')].map((node) => node.textContent?.trim());
    expect(shown()).to.deep.equal(['Your order #42 has shipped']);
    await waitUntil(() => parts(el, 'widget').length === 1, 'the widget renderer loads');
    expect(shown()).to.deep.equal(['Your order #42 has shipped']);
    expect(Array.from(part(el, 'workflow').querySelectorAll('li'), (li) => li.textContent?.trim())).to.deep.equal([
      'Searched the web',
      'Read 3 pages',
    ]);
    expect(transcript(el).at(-1)).to.equal('assistant: done');
  });
});

describe('<stream-chat> announcements', () => {
  it('announces a finished answer once through a polite live region, not every token', async () => {
    const { el } = await mount();
    const region = el.shadowRoot?.querySelector('[aria-live="polite"]') as HTMLElement;
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(region.textContent?.trim() ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    await sendAndWait(el, 'text one two three four five');
    observer.disconnect();
    expect(region.textContent?.trim()).to.equal('one two three four five');
    expect(seen.filter((text) => text !== '')).to.deep.equal(['one two three four five']);
    expect(part(el, 'messages').getAttribute('role')).to.equal('log');
    expect(part(el, 'messages').getAttribute('aria-live')).to.equal('off');
  });

  it('announces the answer as it reads, without markdown syntax', async () => {
    const { el } = await mount();
    const region = el.shadowRoot?.querySelector('[aria-live="polite"]') as HTMLElement;
    await sendAndWait(
      el,
      'markdown # Plan\\n\\nA **bold** step, a [link](https://example.com/) and `code` &amp; more.\\n\\n- one\\n- two\\n\\n```\\nlet x = 1;\\n```',
    );
    expect(region.textContent?.split('\n')).to.deep.equal([
      'Plan',
      'A bold step, a link and code & more.',
      'one',
      'two',
      'let x = 1;',
    ]);
  });

  it('announces the start of a long answer, cut after a word, while the list shows it all', async () => {
    const { el } = await mount();
    const region = el.shadowRoot?.querySelector('[aria-live="polite"]') as HTMLElement;
    await sendAndWait(el, 'long 400');
    const announced = region.textContent ?? '';
    expect(announced.length).to.be.within(990, 1001);
    expect(announced.startsWith('line 1\nline 2\n')).to.equal(true);
    expect(announced).to.match(/\nline \d+…$/);
    expect(transcript(el).at(-1)).to.match(/line 399line 400$/);
  });
});
