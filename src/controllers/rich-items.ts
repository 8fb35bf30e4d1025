/**
 * The element's side of rich items (widgets, workflows, tasks, structured input, generated
 * images). Their renderers, styles and actions (`rich-actions.ts`) are a file of their own beside
 * the module, loaded the first time a rich item shows or an action is sent from code; an item shows
 * as plain text until then.
 */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { ThreadItem } from '../protocol/types.js';
import type { RichStrings } from '../i18n.js';
import type { RichItemOptions } from '../views/messages.js';
import type { WidgetAction } from '../widgets/context.js';
import type { ChatConfig } from './chat-store.js';
import { adoptStyles } from './lazy-styles.js';
import type { RichActions } from './rich-actions.js';
import type { RunController } from './run-controller.js';

export type { WidgetAction } from '../widgets/context.js';

type RichModule = typeof import('./rich-actions.js');

/** The module once loaded: later elements on the page render rich items at once. */
let loaded: RichModule | null = null;

/** Item types the lazy module renders. */
const RICH = new Set<ThreadItem['type']>(['widget', 'workflow', 'task', 'structured_input', 'generated_image']);

/** The element, as rich items see it: their styles join its shadow root. */
export type RichHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** What rich items need from the element besides the shared config. */
export interface RichConfig extends ChatConfig {
  /** Runs streamed actions and structured input answers as responses. */
  readonly run: RunController;
  /** The localized strings of the rich items. */
  strings(): RichStrings;
}

export class RichItems {
  private actions: RichActions | null = null;
  private loading: Promise<RichActions> | null = null;

  constructor(
    private readonly host: RichHost,
    private readonly config: RichConfig,
  ) {}

  /** Renders a rich item, or undefined (the caller shows its fallback) while the renderers load. */
  readonly render = (item: ThreadItem, options: RichItemOptions): TemplateResult | undefined => {
    if (!RICH.has(item.type)) return undefined;
    if (!this.actions && loaded) this.start(loaded);
    if (this.actions) return this.actions.render(item, options);
    void this.load();
    return undefined;
  };

  /** Sends `action` for `itemId` from code (`sendAction`): as a widget's button would. */
  send(action: WidgetAction, itemId: string | null): Promise<void> {
    return this.load().then((actions) => actions.send(action, itemId));
  }

  /** Loads the renderers and their styles once; resolves when they are ready. */
  private load(): Promise<RichActions> {
    if (this.actions) return Promise.resolve(this.actions);
    this.loading ??= import('./rich-actions.js').then((module) => {
      loaded = module;
      const actions = this.actions ?? this.start(module);
      this.host.requestUpdate();
      return actions;
    });
    return this.loading;
  }

  /** Adds the renderers' styles to the element's shadow root and starts using them. */
  private start(module: RichModule): RichActions {
    adoptStyles(this.host.renderRoot, module.richStyles);
    return (this.actions = new module.RichActions(this.host, this.config));
  }
}
