/**
 * The element's wiring: builds its controllers from its properties, in the order their
 * lifecycle hooks run, and the props its view renders from them. The element keeps only what a
 * page sees (properties, methods, events); everything between them and the controllers is here.
 */
import type { ReactiveControllerHost } from 'lit';
import { describeError, resolveLocale, type Strings } from '../i18n.js';
import type { ChatProps } from '../views/chat.js';
import { LiveMarkdown } from '../markdown/render.js';
import { liveKey } from '../views/messages.js';
import { AutoscrollController } from './autoscroll.js';
import { ChatStore, chatConfig, type ConfigHost } from './chat-store.js';
import type { ClientToolHandler } from './client-tools.js';
import { ComposerController } from './composer-controller.js';
import { Features, type FeatureSettings } from './features.js';
import { HistoryController } from './history-controller.js';
import { NarrowController, RememberThread } from './host-support.js';
import { RichItems } from './rich-items.js';
import { RunController } from './run-controller.js';
import { ThreadLoader } from './thread-loader.js';

/** The element as its controllers see it: its public properties and methods. */
export type ShellHost = ReactiveControllerHost & HTMLElement & ConfigHost & FeatureSettings & ShellProperties;

/** The element's properties and methods the wiring reads besides the request and feature settings. */
interface ShellProperties {
  readonly renderRoot: HTMLElement | DocumentFragment;
  threadId: string | null;
  rememberThread?: string;
  history: boolean;
  placeholder?: string;
  greeting?: string;
  locale?: string;
  clientToolTimeout: number;
  clientTools: Record<string, ClientToolHandler>;
  send(text: string): Promise<void>;
  stop(): void;
  retry(): Promise<void>;
  newThread(): void;
  focusComposer(): Promise<void>;
}

/** The controllers the element's methods call, and the props of its view. */
export interface Shell {
  readonly store: ChatStore;
  readonly chat: RunController;
  readonly loader: ThreadLoader;
  readonly composer: ComposerController;
  readonly rich: RichItems;
  /** What the view renders now. */
  props(): ChatProps;
}

/**
 * Builds the element's controllers. The open thread is the store's; `threadId` mirrors it at
 * once, so a `stream-chat-thread-change` listener reads the new one.
 * @param host - the element
 * @param strings - the element's current strings (they change with `locale`)
 */
export function createShell(host: ShellHost, strings: () => Strings): Shell {
  const locale = () => resolveLocale(host.locale);
  const store = new ChatStore(
    host,
    (previous, next) => previous.threadId !== next.threadId && (host.threadId = next.threadId),
  );
  const config = chatConfig(host, store, locale, (error) => describeError(strings(), error));
  const newThread = (focus: boolean) => {
    host.newThread();
    if (focus) void host.focusComposer();
  };
  const features: Features = new Features(host, {
    ...config,
    settings: () => host,
    strings,
    send: (text) => host.send(text),
    regenerate: (id) => chat.regenerate(id),
  });
  const chat = new RunController(host, {
    ...config,
    clientTools: () => ({ handlers: host.clientTools, timeout: host.clientToolTimeout }),
    composerInput: features.input,
  });
  const loader = new ThreadLoader(host, {
    ...config,
    scroller: () => autoscroll.element,
    stopRun: () => chat.stop(),
  });
  const autoscroll = new AutoscrollController(host, store);
  // A streamed delta renders into its answer's text directly, unless the user scrolled up (the
  // element's update then shows the "new text below" button).
  const live = new LiveMarkdown();
  store.renderText = (grown) => {
    if (!autoscroll.pinned) return false;
    for (const [id, index] of grown) {
      const item = store.state.items.findLast((candidate) => candidate.id === id);
      const text = item?.type === 'assistant_message' ? item.content[index]?.text : undefined;
      if (text === undefined || !live.update(liveKey(id, index), text)) return false;
    }
    return true;
  };
  const threads = new HistoryController(host, { ...config, open: (id) => (host.threadId = id), newThread });
  const layout = new NarrowController(host);
  new RememberThread(host, () => store.state);
  const composer = new ComposerController(
    host,
    store,
    (text) => features.submit(text),
    () => host.stop(),
    features.ready,
  );
  const rich = new RichItems(host, { ...config, run: chat, strings: () => strings().rich });

  const props = (): ChatProps => {
    const state = store.state;
    const s = strings();
    return {
      state,
      strings: s,
      locale: locale(),
      narrow: layout.narrow,
      history: host.history,
      panel: host.history && threads.state.open ? threads.props(s, locale(), layout.narrow) : null,
      greeting: host.greeting,
      placeholder: host.placeholder,
      announcement: composer.announcement,
      errorMessage: state.error ? describeError(s, state.error) : '',
      renderRich: rich.render,
      live,
      scrollButton: autoscroll.button,
      onScroll: (event) => {
        autoscroll.handleScroll();
        loader.handleScroll(event);
      },
      onToggleHistory: () => threads.toggle(),
      onNewThread: () => newThread(true),
      onRetry: () => composer.keepFocus(() => void host.retry().catch(() => undefined)),
      onDismissError: () => store.apply({ type: 'error-dismissed' }),
      onDismissNotice: (id) => store.apply({ type: 'notice-dismissed', id }),
      onInput: composer.handleInput,
      onSubmit: composer.handleSubmit,
      onStop: composer.handleStop,
      queued: composer.queued,
      onCancelQueued: composer.cancelQueued,
      features: features.props(s, state.thread?.allowed_image_domains ?? [], state.run !== null || state.loading),
    };
  };
  return { store, chat, loader, composer, rich, props };
}
