/**
 * The element's side of rich items (widgets, workflows, structured input, generated images):
 * loads their renderers with `import()` on first use, keeps their busy and expanded state, and
 * routes widget actions. The only module of `src/widgets/` in the main script.
 */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { StructuredInputSubmission, ThreadItem, WidgetNode } from '../protocol/types.js';
import { actionEvent } from '../events.js';
import type { ActionRequest, RichContext, WidgetAction } from './context.js';

type RichModule = typeof import('./index.js');

/** The renderers once loaded: later elements on the page render rich items at once. */
let loaded: RichModule | null = null;

/** Item types the lazy module renders. */
const RICH = new Set<ThreadItem['type']>(['widget', 'workflow', 'task', 'structured_input', 'generated_image']);

/** What rich items need from the element. */
export interface RichHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  dispatchEvent(event: Event): boolean;
  /** Streams `threads.custom_action`; settles when the response ends. */
  customAction(action: WidgetAction, itemId: string | null): Promise<void>;
  /** Posts `threads.sync_custom_action` and applies the returned item. */
  syncCustomAction(action: WidgetAction, itemId: string | null): Promise<void>;
  /** Streams `threads.add_structured_input`; settles when the response ends. */
  answerStructuredInput(itemId: string, input: StructuredInputSubmission): Promise<void>;
}

/** What the element passes when it renders an item. */
export interface RichRenderOptions {
  streaming: boolean;
  allowedImageDomains: readonly string[];
  markdown(text: string, key: string, streaming: boolean): TemplateResult;
}

export class RichItems {
  private module: RichModule | null = null;
  private loading: Promise<void> | null = null;
  private readonly busy = new Set<string>();
  private readonly expanded = new Map<string, boolean>();

  constructor(private readonly host: RichHost) {}

  /** Renders a rich item, or undefined (the caller shows its fallback) while the renderers load. */
  render(item: ThreadItem, options: RichRenderOptions): TemplateResult | undefined {
    if (!RICH.has(item.type)) return undefined;
    if (!this.module && loaded) this.adopt(loaded);
    const module = this.module;
    if (!module) {
      void this.load();
      return undefined;
    }
    const ctx: RichContext = {
      ...options,
      busy: this.busy,
      expanded: this.expanded,
      strings: module.defaultStrings,
      act: (request) => void this.run(request).catch(() => undefined),
      toggle: (itemId, open) => {
        this.expanded.set(itemId, open);
        this.host.requestUpdate();
      },
      answer: (itemId, input) => void this.answer(itemId, input),
    };
    const result = module.renderRichItem(item, ctx);
    return typeof result === 'symbol' ? undefined : result;
  }

  /** Loads the renderers and their styles once; resolves when they are ready. */
  load(): Promise<void> {
    this.loading ??= import('./index.js').then((module) => {
      loaded = module;
      this.adopt(module);
      this.host.requestUpdate();
    });
    return this.loading;
  }

  /** Adds the renderers' styles to the element's shadow root and starts using them. */
  private adopt(module: RichModule): void {
    const root = this.host.renderRoot;
    const sheet = module.widgetStyles.styleSheet;
    if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    this.module = module;
  }

  /** Runs an action as `sendAction` does: server handlers post, client handlers dispatch. */
  async run(request: ActionRequest): Promise<void> {
    const { action, itemId, widget } = request;
    const wire = action.payload === undefined ? { type: action.type } : { type: action.type, payload: action.payload };
    if (action.handler === 'client') {
      this.host.dispatchEvent(actionEvent({ action: wire, itemId, widget }));
      return;
    }
    this.setBusy(request.busyKey, true);
    try {
      if (action.streaming === false) await this.host.syncCustomAction(wire, itemId);
      else await this.host.customAction(wire, itemId);
    } finally {
      this.setBusy(request.busyKey, false);
    }
  }

  /** Sends `action` for `itemId` from code (`sendAction`). */
  send(action: WidgetAction, itemId: string | null, widget: WidgetNode | null): Promise<void> {
    return this.run({ action: { ...action, handler: 'server' }, itemId, widget, busyKey: null });
  }

  private async answer(itemId: string, input: StructuredInputSubmission): Promise<void> {
    this.setBusy(itemId, true);
    try {
      await this.host.answerStructuredInput(itemId, input);
    } catch {
      // The element already shows and reports the error.
    } finally {
      this.setBusy(itemId, false);
    }
  }

  private setBusy(key: string | null, on: boolean): void {
    if (key === null) return;
    if (on) this.busy.add(key);
    else this.busy.delete(key);
    this.host.requestUpdate();
  }
}
