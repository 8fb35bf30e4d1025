/**
 * The one owner of the conversation state: it applies actions through `reduce()` and asks the
 * element to render, at once or (for stream deltas) at most once per `STREAM_RENDER_INTERVAL_MS`.
 * The controllers that change the conversation share one store and a small config for requests
 * and public events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatKitClientError, type ClientOptions } from '../protocol/client.js';
import { initialState, reduce, type Action, type ChatState, type ShownError } from '../state/reducer.js';
import { chatEvent, type StreamChatEventMap } from '../events.js';

/** What the chat controllers get from the element. */
export interface ChatConfig {
  readonly store: ChatStore;
  /** Where and how requests go (endpoint, fetch, headers, idle timeout). */
  request(): ClientOptions;
  /** Dispatches a public event from the element. */
  dispatch<K extends keyof StreamChatEventMap>(name: K, detail: StreamChatEventMap[K]): void;
  /** The localized text of an error. */
  describe(error: ShownError): string;
}

/** What the shared config reads from the element. */
export interface ConfigHost extends EventTarget {
  apiUrl: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
  idleTimeout: number;
}

/**
 * The config the element's controllers share: requests go to the host's endpoint with its headers
 * (`Accept-Language` first, so the host's own headers win) and public events fire on the host.
 */
export function chatConfig(
  host: ConfigHost,
  store: ChatStore,
  locale: () => string,
  describe: (error: ShownError) => string,
): ChatConfig {
  return {
    store,
    request: () => ({
      url: host.apiUrl,
      fetch: host.fetch,
      headers: { 'accept-language': locale(), ...host.headers },
      idleTimeout: host.idleTimeout,
    }),
    dispatch: (name, detail) => host.dispatchEvent(chatEvent(name, detail)),
    describe,
  };
}

/**
 * The shortest time between two renders of a streaming answer. A real model sends a token every
 * 10-30 ms, and a render per token (a Lit update, then style, layout and paint of the growing
 * message) costs more main-thread time than reading the token. Three frames at 60 Hz still reads
 * as smooth typing, and it keeps the gap between paints at most about 60 ms. The first token, the
 * end of an answer, user actions and every other event still render at once.
 */
const STREAM_RENDER_INTERVAL_MS = 48;

/**
 * Where a streamed render costs more (a slow machine, a long answer), the interval grows so that
 * rendering takes at most this share of the time, up to {@link MAX_STREAM_INTERVAL_MS}.
 */
const STREAM_RENDER_SHARE = 0.05;
const MAX_STREAM_INTERVAL_MS = 200;

const TEXT_DELTA = 'assistant_message.content_part.text_delta';

/** About one frame: the timer wakes this early, so the render lands on the frame after it. */
const FRAME_MS = 16;

export class ChatStore implements ReactiveController {
  private current: ChatState = initialState;
  /**
   * Consecutive text deltas of one message part, not applied yet: a token costs an array push, and
   * the reducer (which copies the item list) runs once per read of the state, not once per token.
   */
  private text: { itemId: string; index: number; deltas: string[]; noted?: ChatStore['grown'] } | null = null;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last render was asked for. */
  private rendered = -Infinity;
  /** The main-thread time of recent streamed renders (ms): the update, then style, layout and paint. */
  private cost = 0;
  private probe: MessageChannel | undefined;
  /** Text parts (item id, content index) grown by deltas since the last render; null: more changed. */
  private grown: Map<string, readonly [string, number]> | null = new Map();
  /**
   * Renders the grown text parts into the page without the element's update; false when it
   * cannot, and the element updates. Set by the shell.
   */
  renderText: ((grown: Iterable<readonly [string, number]>) => boolean) | undefined;

  /**
   * @param host - the element to re-render
   * @param onChange - runs after every action, before anything else sees the new state
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (previous: ChatState, next: ChatState) => void = () => undefined,
  ) {
    host.addController(this);
  }

  /** The conversation as the element renders it. */
  get state(): ChatState {
    if (this.text) this.flush();
    return this.current;
  }

  hostDisconnected(): void {
    this.cancel();
    this.probe?.port1.close();
    this.probe = undefined;
  }

  /**
   * Applies an action and schedules a render: at once, on a frame at least
   * `STREAM_RENDER_INTERVAL_MS` after the last render (stream deltas), or not at all (keystrokes
   * the textarea already shows).
   */
  apply(action: Action, render: 'now' | 'frame' | 'none' = 'now'): void {
    const event = action.type === 'event-received' ? action.event : undefined;
    const update = event?.type === 'thread.item.updated' ? event.update : undefined;
    if (render === 'frame' && event?.type === 'thread.item.updated' && update?.type === TEXT_DELTA) {
      let text = this.text;
      if (text?.itemId === event.item_id && text.index === update.content_index) text.deltas.push(update.delta);
      else {
        if (text) this.flush();
        text = this.text = { itemId: event.item_id, index: update.content_index, deltas: [update.delta] };
      }
      // A part is noted once per render, not once per token.
      if (text.noted !== this.grown) {
        this.grown?.set(`${text.index}:${text.itemId}`, [text.itemId, text.index]);
        text.noted = this.grown;
      }
    } else {
      const previous = this.state;
      this.current = reduce(previous, action);
      this.onChange(previous, this.current);
      // Anything but a text delta may change more than one text part: the next render is whole.
      if (render === 'frame') this.grown = null;
    }
    if (render === 'none') return;
    if (render === 'now') {
      this.cancel();
      this.render();
      return;
    }
    if (this.frame || this.timer !== undefined) return;
    // Wait out the interval with a timer (no idle frames), then render on the next frame.
    const interval = Math.min(
      MAX_STREAM_INTERVAL_MS,
      Math.max(STREAM_RENDER_INTERVAL_MS, this.cost / STREAM_RENDER_SHARE),
    );
    const wait = this.rendered + interval - FRAME_MS - performance.now();
    if (wait <= 0) this.onFrame();
    else this.timer = setTimeout(() => ((this.timer = undefined), this.onFrame()), wait);
  }

  private onFrame(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const grown = this.grown;
      if (grown?.size && this.renderText?.(grown.values())) {
        this.rendered = performance.now();
        this.grown = new Map();
      } else {
        this.render();
      }
      this.measure();
    });
  }

  /** Applies the buffered text deltas as one (the same result as one by one). */
  private flush(): void {
    const { itemId, index, deltas } = this.text as NonNullable<ChatStore['text']>;
    this.text = null;
    const previous = this.current;
    const update = { type: TEXT_DELTA, content_index: index, delta: deltas.join('') } as const;
    const event = { type: 'thread.item.updated', item_id: itemId, update } as const;
    this.current = reduce(previous, { type: 'event-received', event });
    this.onChange(previous, this.current);
  }

  /**
   * Times a streamed render: from its frame's callbacks to the first task after that frame's
   * style, layout and paint (a posted message runs then).
   */
  private measure(): void {
    const start = this.rendered;
    this.probe ??= new MessageChannel();
    this.probe.port1.onmessage = () => {
      const cost = performance.now() - start;
      this.cost = this.cost ? 0.7 * this.cost + 0.3 * cost : cost;
    };
    this.probe.port2.postMessage(0);
  }

  private render(): void {
    this.rendered = performance.now();
    this.grown = new Map();
    this.host.requestUpdate();
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = undefined;
  }
}

/** Shows an error that belongs to no response (a failed load or rename) and reports it. */
export function showError(config: ChatConfig, error: ShownError): void {
  config.store.apply({ type: 'request-failed', error });
  config.dispatch('stream-chat-error', {
    code: error.code,
    message: config.describe(error),
    allowRetry: error.allowRetry,
  });
}

/** The error a failed request or stream shows. */
export function shownError(error: unknown): ShownError {
  if (error instanceof ChatKitClientError) {
    const offline = error.code === 'network' && typeof navigator !== 'undefined' && navigator.onLine === false;
    return { code: offline ? 'offline' : error.code, allowRetry: true };
  }
  return { code: 'network', allowRetry: true };
}
