/**
 * A real Angular 20 app (a standalone component, JIT-compiled in the page, zoneless) renders
 * `<stream-chat>` with property bindings and `(stream-chat-*)` event bindings, against the real
 * server kit.
 */
import '@angular/compiler';
import {
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  InjectionToken,
  inject,
  provideZonelessChangeDetection,
  signal,
  type ApplicationRef,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
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

/** What each test hands the app. */
interface AppConfig {
  fetch: typeof fetch;
  threadId: string | null;
}

const CONFIG = new InjectionToken<AppConfig>('chat app config');

/** The app handles three events itself and records the rest. */
const HANDLED: readonly string[] = ['stream-chat-effect', 'stream-chat-client-tool', 'stream-chat-thread-change'];
const EVENTS = EVENT_NAMES.filter((name) => !HANDLED.includes(name))
  .map((name) => `(${name})="record($event)"`)
  .join(' ');

/** The app's state and handlers; both templates below share it. */
class ChatAppBase {
  private readonly config = inject(CONFIG);
  readonly apiUrl = '/api/chat';
  readonly headers = { 'x-app': 'angular' };
  readonly fetch = this.config.fetch;
  readonly threadId = signal<string | null>(this.config.threadId);
  readonly status = signal('Idle');
  readonly selected = signal(['apple', 'pear']);
  readonly theme = signal('sepia');
  readonly clicks = signal(0);
  readonly received: Received[] = [];
  readonly clientTools = { get_theme: () => ({ theme: this.theme() }) };

  record(event: Event): void {
    this.received.push({ type: event.type, detail: (event as CustomEvent<unknown>).detail });
  }

  onEffect(event: CustomEvent<EffectDetail>): void {
    this.record(event);
    if (event.detail.name === 'set_status') this.status.set(String(event.detail.data['status']));
  }

  onClientTool(event: CustomEvent<ClientToolDetail>): void {
    this.record(event);
    const { name, params, respondWith } = event.detail;
    if (name === 'get_selected_items') respondWith({ items: this.selected(), limit: params['limit'] });
  }

  onThreadChange(event: CustomEvent<ThreadChangeDetail>): void {
    this.record(event);
    this.threadId.set(event.detail.threadId);
  }
}

@Component({
  selector: 'chat-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <p class="status">{{ status() }}</p>
    <button type="button" class="clicks" (click)="clicks.set(clicks() + 1)">{{ clicks() }}</button>
    <stream-chat
      [apiUrl]="apiUrl"
      [threadId]="threadId()"
      [clientTools]="clientTools"
      [headers]="headers"
      [fetch]="fetch"
      (stream-chat-effect)="onEffect($event)"
      (stream-chat-client-tool)="onClientTool($event)"
      (stream-chat-thread-change)="onThreadChange($event)"
      ${EVENTS}
    ></stream-chat>
  `,
})
class ChatApp extends ChatAppBase {}

@Component({
  selector: 'late-chat-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<stream-chat-late-ng [apiUrl]="apiUrl" [threadId]="threadId()" [clientTools]="clientTools" [headers]="headers" [fetch]="fetch" (stream-chat-thread-load-end)="record($event)"></stream-chat-late-ng>`,
})
class LateChatApp extends ChatAppBase {}

/** Tears down what the current test bootstrapped. */
const cleanups: (() => void)[] = [];

/** Bootstraps a standalone component into a fresh host element, as `main.ts` would. */
async function bootstrap<T extends ChatAppBase>(component: new () => T, selector: string, config: AppConfig) {
  const { root, cleanup } = container();
  cleanups.push(cleanup);
  root.append(document.createElement(selector));
  // Angular prints one line in development mode; anything else (such as NG0303/NG0304 for an
  // unknown element or property without CUSTOM_ELEMENTS_SCHEMA) fails the test.
  const { value: app, messages } = await recordConsole(async () => {
    const started: ApplicationRef = await bootstrapApplication(component, {
      providers: [provideZonelessChangeDetection(), { provide: CONFIG, useValue: config }],
    });
    cleanups.unshift(() => started.destroy());
    await started.whenStable();
    return started;
  });
  expect(messages).to.deep.equal(['Angular is running in development mode.']);
  const ref = app.components[0];
  if (!ref) throw new Error('the app bootstrapped no component');
  return { root, app, state: ref.instance as T };
}

describe('Angular app with <stream-chat>', () => {
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('binds properties, receives every event through (event) bindings, answers tools from app state', async () => {
    const recorder = recordingFetch();
    const mounted = await bootstrap(ChatApp, 'chat-app', { fetch: recorder.fetch, threadId: null });
    const { root, state, app } = mounted;
    const el = await chatIn(root);
    expect(el).to.be.instanceOf(StreamChatElement);
    expect(el.apiUrl).to.equal('/api/chat');
    expect(el.headers).to.equal(state.headers);

    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send(SCRIPT).catch(() => undefined);
    await ended;
    await app.whenStable();
    // A widget action with a client handler reaches the app as stream-chat-action.
    await el.sendAction(CLIENT_ACTION);

    const created = expectScriptPlayed(el, { received: state.received, headers: recorder.headers, app: 'angular' });
    expect(root.querySelector('.status')?.textContent).to.equal('Planning');
    expect(state.threadId()).to.equal(created);
    expect(state.received.find((event) => event.type === 'stream-chat-progress')?.detail).to.deep.equal({
      text: 'Reading your selection...',
      icon: 'search',
    });

    await expectInBandError(el);

    state.threadId.set(null);
    await app.whenStable();
    expect(el.threadId).to.equal(null);
    const loaded = oneEvent(el, 'stream-chat-thread-load-end');
    state.threadId.set(created);
    await app.whenStable();
    await loaded;
    await el.updateComplete;
    expect(transcript(el)).to.include.members(['assistant: All done', 'user: error Out of credit']);
    expect(new Set(state.received.map((event) => event.type))).to.deep.equal(new Set(EVENT_NAMES));
  });

  it('re-renders the app without re-rendering the element when its bindings keep their values', async () => {
    const mounted = await bootstrap(ChatApp, 'chat-app', { fetch: recordingFetch().fetch, threadId: null });
    const { root, state, app } = mounted;
    const el = await chatIn(root);
    await el.send('text hi');
    await app.whenStable();
    await el.updateComplete;
    const updates = countUpdates(el);
    const button = root.querySelector<HTMLButtonElement>('.clicks');
    button?.click();
    button?.click();
    state.threadId.set(el.threadId);
    state.status.set('Busy');
    await app.whenStable();
    await el.updateComplete;
    expect(button?.textContent).to.equal('2');
    expect(root.querySelector('.status')?.textContent).to.equal('Busy');
    expect(updates.changed).to.deep.equal([]);
  });

  it('sets properties on an element that is not defined yet, and the element uses them once it upgrades', async () => {
    const threadId = await createThread('text saved before upgrade');
    const recorder = recordingFetch();
    const mounted = await bootstrap(LateChatApp, 'late-chat-app', { fetch: recorder.fetch, threadId });
    const { root, state, app } = mounted;
    await app.whenStable();
    const late = root.querySelector('stream-chat-late-ng') as StreamChatElement;
    await expectUpgradeUsesProperties(late, 'stream-chat-late-ng', {
      received: state.received,
      threadId,
      headers: recorder.headers,
      app: 'angular',
    });
  });
});
