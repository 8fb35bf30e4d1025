/**
 * A real Vue 3.5 app (a template compiled in the page by Vue's full browser build) renders
 * `<stream-chat>` with `.prop` bindings and `@stream-chat-*` listeners, against the real server kit.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { StreamChatElement } from '../../src/element.js';
import type { ClientToolDetail, EffectDetail, ThreadChangeDetail } from '../../src/events.js';
import { transcript } from '../element/helpers.js';
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

type Vue = typeof import('vue/dist/vue.esm-browser.js');

/** What each test hands the app. */
interface AppConfig {
  fetch: typeof fetch;
  threadId: string | null;
  /** The chat tag: `stream-chat`, or a tag defined only after the app rendered. */
  tag: string;
}

/** The app handles three events itself and records the rest. */
const HANDLED: readonly string[] = ['stream-chat-effect', 'stream-chat-client-tool', 'stream-chat-thread-change'];
const LISTENERS = EVENT_NAMES.filter((name) => !HANDLED.includes(name))
  .map((name) => `@${name}="record"`)
  .join(' ');

const TEMPLATE = (tag: string) => `
  <p class="status">{{ status }}</p>
  <button type="button" class="clicks" @click="clicks++">{{ clicks }}</button>
  <${tag}
    :api-url="apiUrl"
    .threadId="threadId"
    .clientTools="clientTools"
    .headers="headers"
    .fetch="recordingFetch"
    @stream-chat-effect="onEffect"
    @stream-chat-client-tool="onClientTool"
    @stream-chat-thread-change="onThreadChange"
    ${LISTENERS}
  ></${tag}>`;

/** The app: its state, the handlers, and what the test may poke at. */
function chatApp(vue: Vue, config: AppConfig) {
  const state = {
    status: vue.ref('Idle'),
    threadId: vue.ref<string | null>(config.threadId),
    clicks: vue.ref(0),
    selected: vue.ref(['apple', 'pear']),
    theme: vue.ref('sepia'),
    received: [] as Received[],
  };
  const component = vue.defineComponent({
    template: TEMPLATE(config.tag),
    setup() {
      const record = (event: Event) => {
        state.received.push({ type: event.type, detail: (event as CustomEvent<unknown>).detail });
      };
      return {
        ...state,
        apiUrl: '/api/chat',
        headers: { 'x-app': 'vue' },
        recordingFetch: config.fetch,
        clientTools: { get_theme: () => ({ theme: state.theme.value }) },
        record,
        onEffect(event: CustomEvent<EffectDetail>) {
          record(event);
          if (event.detail.name === 'set_status') state.status.value = String(event.detail.data['status']);
        },
        onClientTool(event: CustomEvent<ClientToolDetail>) {
          record(event);
          const { name, params, respondWith } = event.detail;
          if (name === 'get_selected_items') respondWith({ items: state.selected.value, limit: params['limit'] });
        },
        onThreadChange(event: CustomEvent<ThreadChangeDetail>) {
          record(event);
          state.threadId.value = event.detail.threadId;
        },
      };
    },
  });
  return { component, state };
}

describe('Vue app with <stream-chat>', () => {
  let vue: Vue;
  const cleanups: (() => void)[] = [];

  before(async () => {
    // The development build announces itself once on import; nothing else may be printed.
    const { value, messages } = await recordConsole(() => import('vue/dist/vue.esm-browser.js'));
    vue = value;
    expect(messages).to.have.length(1);
    expect(messages[0]).to.contain('development build of Vue');
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** Mounts the app as `main.ts` would, collecting Vue's warnings (there must be none). */
  function mount(config: AppConfig) {
    const { root, cleanup } = container();
    const { component, state } = chatApp(vue, config);
    const app = vue.createApp(component);
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('stream-chat');
    const warnings: string[] = [];
    app.config.warnHandler = (message) => void warnings.push(message);
    app.mount(root);
    cleanups.push(() => {
      app.unmount();
      cleanup();
    });
    return { root, state, warnings };
  }

  it('binds properties, receives every event through @ listeners, answers tools from app state', async () => {
    const recorder = recordingFetch();
    const { root, state, warnings } = mount({ fetch: recorder.fetch, threadId: null, tag: 'stream-chat' });
    const el = await chatIn(root);
    expect(el).to.be.instanceOf(StreamChatElement);
    expect(el.apiUrl).to.equal('/api/chat');
    expect(el.headers).to.deep.equal({ 'x-app': 'vue' });

    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send(SCRIPT).catch(() => undefined);
    await ended;
    await vue.nextTick();
    // A widget action with a client handler reaches the app as stream-chat-action.
    await el.sendAction(CLIENT_ACTION);

    const created = expectScriptPlayed(el, { received: state.received, headers: recorder.headers, app: 'vue' });
    expect(root.querySelector('.status')?.textContent).to.equal('Planning');
    expect(state.threadId.value).to.equal(created);
    expect(state.received.find((event) => event.type === 'stream-chat-notice')?.detail).to.deep.equal({
      level: 'info',
      message: 'Using your selection',
    });

    await expectInBandError(el);

    const cleared = oneEvent(el, 'stream-chat-thread-change');
    state.threadId.value = null;
    expect((await cleared).detail).to.deep.equal({ threadId: null });
    const loaded = oneEvent(el, 'stream-chat-thread-load-end');
    state.threadId.value = created;
    expect((await loaded).detail).to.deep.equal({ threadId: created });
    await el.updateComplete;
    expect(transcript(el)).to.include.members(['assistant: All done', 'user: error Out of credit']);
    expect(new Set(state.received.map((event) => event.type))).to.deep.equal(new Set(EVENT_NAMES));
    expect(warnings).to.deep.equal([]);
  });

  it('re-renders the app without re-rendering the element when its bindings keep their values', async () => {
    const { root, state } = mount({ fetch: recordingFetch().fetch, threadId: null, tag: 'stream-chat' });
    const el = await chatIn(root);
    await el.send('text hi');
    await vue.nextTick();
    await el.updateComplete;
    const updates = countUpdates(el);
    const button = root.querySelector<HTMLButtonElement>('.clicks');
    button?.click();
    button?.click();
    state.threadId.value = el.threadId;
    state.status.value = 'Busy';
    await vue.nextTick();
    await el.updateComplete;
    expect(button?.textContent).to.equal('2');
    expect(root.querySelector('.status')?.textContent).to.equal('Busy');
    expect(updates.changed).to.deep.equal([]);
  });

  it('sets properties on an element that is not defined yet, and the element uses them once it upgrades', async () => {
    const threadId = await createThread('text saved before upgrade');
    const recorder = recordingFetch();
    const { root, state, warnings } = mount({ fetch: recorder.fetch, threadId, tag: 'stream-chat-late-vue' });
    await vue.nextTick();
    const late = root.querySelector('stream-chat-late-vue') as StreamChatElement;
    await expectUpgradeUsesProperties(late, 'stream-chat-late-vue', {
      received: state.received,
      threadId,
      headers: recorder.headers,
      app: 'vue',
    });
    expect(warnings).to.deep.equal([]);
  });
});
