/**
 * A real React 19 app (`createRoot`, hooks) renders `<stream-chat>` with props, which React 19
 * sets as properties on a custom element, and `onstream-chat-*` props, which React 19 turns into
 * `addEventListener('stream-chat-*')`, against the real server kit.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type * as ReactApi from 'react';
import type { Root } from 'react-dom/client';
import { StreamChatElement } from '../../src/element.js';
import type { StreamChatEventMap } from '../../src/events.js';
import { transcript } from '../element/helpers.js';
import { loadReact } from './react-loader.js';
import {
  expectUpgradeUsesProperties,
  EVENT_NAMES,
  CLIENT_ACTION,
  expectInBandError,
  expectScriptPlayed,
  SCRIPT,
  chatIn,
  container,
  countUpdates,
  createThread,
  recordConsole,
  recordingFetch,
  type Received,
} from './shared.js';

/** `onstream-chat-effect`-style props: React 19 listens to the event named after `on`. */
type EventProps = { [K in keyof StreamChatEventMap as `on${K}`]?: (event: CustomEvent<StreamChatEventMap[K]>) => void };

/** State setters the app hands the test, as other components of a real app would use them. */
interface Controls {
  setThreadId(threadId: string | null): void;
  setStatus(status: string): void;
}

/** What each test hands the app. */
interface AppConfig {
  fetch: typeof fetch;
  threadId: string | null;
  received: Received[];
  controls?: Controls;
}

const HEADERS = { 'x-app': 'react' };

/** The app: renders a status line, a click counter and the chat, and keeps the thread id in state. */
function chatApp(React: typeof ReactApi) {
  const { createElement: h, useCallback, useEffect, useMemo, useState } = React;
  return function ChatApp({ config }: { config: AppConfig }) {
    const [status, setStatus] = useState('Idle');
    const [threadId, setThreadId] = useState(config.threadId);
    const [clicks, setClicks] = useState(0);
    const [selected] = useState(['apple', 'pear']);
    const [theme] = useState('sepia');
    useEffect(() => {
      config.controls = { setThreadId, setStatus };
    }, [config]);
    const clientTools = useMemo(() => ({ get_theme: () => ({ theme }) }), [theme]);
    const record = useCallback(
      (event: Event) => config.received.push({ type: event.type, detail: (event as CustomEvent<unknown>).detail }),
      [config],
    );
    const events: EventProps = {
      'onstream-chat-response-start': record,
      'onstream-chat-response-end': record,
      'onstream-chat-progress': record,
      'onstream-chat-thread-load-start': record,
      'onstream-chat-thread-load-end': record,
      'onstream-chat-thread-update': record,
      'onstream-chat-notice': record,
      'onstream-chat-error': record,
      'onstream-chat-action': record,
      'onstream-chat-effect': useCallback(
        (event: CustomEvent<StreamChatEventMap['stream-chat-effect']>) => {
          record(event);
          if (event.detail.name === 'set_status') setStatus(String(event.detail.data['status']));
        },
        [record],
      ),
      'onstream-chat-client-tool': useCallback(
        (event: CustomEvent<StreamChatEventMap['stream-chat-client-tool']>) => {
          record(event);
          const { name, params, respondWith } = event.detail;
          if (name === 'get_selected_items') respondWith({ items: selected, limit: params['limit'] });
        },
        [record, selected],
      ),
      'onstream-chat-thread-change': useCallback(
        (event: CustomEvent<StreamChatEventMap['stream-chat-thread-change']>) => {
          record(event);
          setThreadId(event.detail.threadId);
        },
        [record],
      ),
    };
    return h(
      React.Fragment,
      null,
      h('p', { className: 'status' }, status),
      h(
        'button',
        { type: 'button', className: 'clicks', onClick: () => setClicks((count) => count + 1) },
        String(clicks),
      ),
      h('stream-chat', {
        apiUrl: '/api/chat',
        threadId,
        clientTools,
        headers: HEADERS,
        fetch: config.fetch,
        ...events,
      }),
    );
  };
}

/** The same app for an element that is not defined yet: strings as attributes, objects through a ref. */
function lateChatApp(React: typeof ReactApi) {
  const { createElement: h, useCallback } = React;
  return function LateChatApp({ config }: { config: AppConfig }) {
    const ref = useCallback(
      (el: HTMLElement | null) => {
        if (!el) return;
        Object.assign(el, {
          clientTools: { get_theme: () => ({ theme: 'sepia' }) },
          headers: HEADERS,
          fetch: config.fetch,
        });
      },
      [config],
    );
    const record = (event: Event) =>
      config.received.push({ type: event.type, detail: (event as CustomEvent<unknown>).detail });
    return h('stream-chat-late-react', {
      ref,
      'api-url': '/api/chat',
      'thread-id': config.threadId,
      'onstream-chat-thread-load-end': record,
    });
  };
}

describe('React app with <stream-chat>', () => {
  let React: typeof ReactApi;
  let createRoot: (container: Element) => Root;
  const cleanups: (() => void)[] = [];

  before(async () => {
    const { value, messages } = await recordConsole(() => loadReact());
    React = value.React;
    createRoot = value.ReactDomClient.createRoot;
    expect(messages.filter((message) => !message.includes('React DevTools'))).to.deep.equal([]);
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function mount(app: (props: { config: AppConfig }) => ReactApi.ReactNode, config: AppConfig) {
    const { root, cleanup } = container();
    const reactRoot = createRoot(root);
    reactRoot.render(React.createElement(app, { config }));
    cleanups.push(() => {
      reactRoot.unmount();
      cleanup();
    });
    return root;
  }

  it('sets props as properties, receives every event through on<event> props, answers tools from app state', async () => {
    const recorder = recordingFetch();
    const config: AppConfig = { fetch: recorder.fetch, threadId: null, received: [] };
    const { messages } = await recordConsole(async () => {
      const root = mount(chatApp(React), config);
      const el = await chatIn(root);
      expect(el).to.be.instanceOf(StreamChatElement);
      expect(el.apiUrl).to.equal('/api/chat');
      expect(el.headers).to.equal(HEADERS);
      expect(el.hasAttribute('apiUrl')).to.equal(false);

      const ended = oneEvent(el, 'stream-chat-response-end');
      void el.send(SCRIPT).catch(() => undefined);
      await ended;
      await waitUntil(
        () => root.querySelector('.status')?.textContent === 'Planning',
        'the effect never reached React state',
      );
      // A widget action with a client handler reaches the app as stream-chat-action.
      await el.sendAction(CLIENT_ACTION);

      const created = expectScriptPlayed(el, { received: config.received, headers: recorder.headers, app: 'react' });
      expect(config.received.find((event) => event.type === 'stream-chat-action')?.detail).to.deep.equal({
        action: { type: 'pick', payload: { n: 1 } },
        itemId: null,
        widget: null,
      });
      expect(config.received.find((event) => event.type === 'stream-chat-thread-update')?.detail).to.deep.equal({
        thread: { id: created, title: 'Trip plan', status: { type: 'active' } },
      });

      await expectInBandError(el);

      const cleared = oneEvent(el, 'stream-chat-thread-change');
      config.controls?.setThreadId(null);
      expect((await cleared).detail).to.deep.equal({ threadId: null });
      expect(el.threadId).to.equal(null);
      const loaded = oneEvent(el, 'stream-chat-thread-load-end');
      config.controls?.setThreadId(created);
      expect((await loaded).detail).to.deep.equal({ threadId: created });
      await el.updateComplete;
      expect(transcript(el)).to.include.members(['assistant: All done', 'user: error Out of credit']);
      expect(new Set(config.received.map((event) => event.type))).to.deep.equal(new Set(EVENT_NAMES));
    });
    expect(messages).to.deep.equal([]);
  });

  it('re-renders the app without re-rendering the element when its props keep their values', async () => {
    const config: AppConfig = { fetch: recordingFetch().fetch, threadId: null, received: [] };
    const root = mount(chatApp(React), config);
    const el = await chatIn(root);
    await el.send('text hi');
    await waitUntil(() => config.controls, 'the app never rendered');
    await el.updateComplete;
    const updates = countUpdates(el);
    const button = root.querySelector<HTMLButtonElement>('.clicks');
    button?.click();
    button?.click();
    config.controls?.setThreadId(el.threadId);
    config.controls?.setStatus('Busy');
    await waitUntil(
      () => button?.textContent === '2' && root.querySelector('.status')?.textContent === 'Busy',
      'the app never re-rendered',
    );
    await el.updateComplete;
    expect(updates.changed).to.deep.equal([]);
  });

  it('gives an element that is not defined yet attributes and ref-set properties it uses once it upgrades', async () => {
    const threadId = await createThread('text saved before upgrade');
    const recorder = recordingFetch();
    const config: AppConfig = { fetch: recorder.fetch, threadId, received: [] };
    const root = mount(lateChatApp(React), config);
    await waitUntil(() => root.querySelector('stream-chat-late-react'), 'the app never rendered');
    const late = root.querySelector('stream-chat-late-react') as StreamChatElement;
    await expectUpgradeUsesProperties(late, 'stream-chat-late-react', {
      received: config.received,
      threadId,
      headers: recorder.headers,
      app: 'react',
    });
  });
});
