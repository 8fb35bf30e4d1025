/**
 * Small host-side helpers the element needs: its width class (a controller that owns a
 * `ResizeObserver`), the remembered thread, its custom state, and `localStorage`, which can be disabled.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readStorage, writeStorage } from './storage.js';

/** Containers at least this wide (px) show history as a side panel; narrower ones overlay it. */
const WIDE = 640;

/** Tracks whether the element is narrow, re-rendering when that changes. */
export class NarrowController implements ReactiveController {
  /** Narrow widgets overlay the history panel; wide ones show it beside the messages. */
  narrow = false;
  private observer: ResizeObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? WIDE) < WIDE;
      if (narrow === this.narrow) return;
      this.narrow = narrow;
      // Next frame, not in this observer step: an update here changes the layout the browser is
      // still delivering sizes for, which it reports as a "ResizeObserver loop" error.
      requestAnimationFrame(() => this.host.requestUpdate());
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}

/** What remembering the open thread reads from the element. */
interface RememberHost extends ReactiveControllerHost {
  threadId: string | null;
  rememberThread?: string;
}

/**
 * `remember-thread`: restores the stored thread id on connect (unless one is set) and stores the
 * open thread whenever it changes and is loaded.
 */
export class RememberThread implements ReactiveController {
  private previous: { threadId: string | null; loading: boolean };

  constructor(
    private readonly host: RememberHost,
    private readonly state: () => { threadId: string | null; loading: boolean },
  ) {
    this.previous = state();
    host.addController(this);
  }

  hostConnected(): void {
    if (this.host.threadId === null && this.host.rememberThread)
      this.host.threadId = readStorage(this.host.rememberThread);
  }

  hostUpdate(): void {
    const [previous, { threadId, loading }] = [this.previous, (this.previous = this.state())];
    if (!this.host.rememberThread || loading) return;
    if (threadId !== previous.threadId || previous.loading) writeStorage(this.host.rememberThread, threadId);
  }
}

/** Sets or clears a custom state (`:state(name)`) and the attribute of the same name. */
export function setCustomState(host: Element, internals: ElementInternals, name: string, on: boolean): void {
  host.toggleAttribute(name, on);
  try {
    if (on) internals.states.add(name);
    else internals.states.delete(name);
  } catch {
    // Browsers without CustomStateSet still get the attribute.
  }
}
