/**
 * Features: wires the composer and message features a page turns on (attachments, dictation,
 * item actions, start prompts, tool and model menus) to their controllers, and builds the props
 * their views need, so the element only declares the properties. The composer extras
 * (attachments, dictation, the menus) load on first use: the first update in which one of their
 * properties is set loads `composer-extras.ts`, and they show, with their styles, once it is in.
 *
 * The item actions (copy is on by default) show under every finished answer, so they load early,
 * from `item-actions.ts`: while the page is idle after the element connects, or at once when a
 * response or a thread load starts, whichever comes first. Until they are in, each answer's row
 * of actions holds its place (see `messages.ts`), so nothing moves when the buttons appear.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attachment, AssistantMessageItem } from '../protocol/types.js';
import type {
  AttachmentLimits,
  ComposerModel,
  ComposerTool,
  StartPrompt,
  ThreadItemActions,
  FeedbackKind,
  UploadStrategy,
} from '../features.js';
import type { Strings } from '../i18n.js';
import { isAllowedImage } from '../markdown/url.js';
import type { ChatConfig } from './chat-store.js';
import type { InferenceOptions } from '../protocol/types.js';
import type { ItemActionsController } from './item-actions.js';
import type { ItemActionsView } from '../views/item-actions.js';
import { whenIdle } from '../markdown/render.js';
import type { ComposerExtras } from './composer-extras.js';
import type { FeatureProps } from '../views/chat.js';
import { composerStyles } from '../views/composer.styles.js';
import { adoptStyles } from './lazy-styles.js';

/** The element's feature properties. */
export interface FeatureSettings {
  apiUrl: string;
  threadItemActions: ThreadItemActions;
  startPrompts: StartPrompt[];
  attachments: AttachmentLimits | null;
  uploadStrategy: UploadStrategy;
  dictation: boolean;
  composerTools: ComposerTool[];
  composerModels: ComposerModel[];
}

/** What the features need from the element besides the shared config. */
export interface FeaturesConfig extends ChatConfig {
  settings(): FeatureSettings;
  strings(): Strings;
  send(text: string): Promise<void>;
  regenerate(itemId: string): Promise<void>;
}

export class Features implements ReactiveController {
  /** The item actions and their view, once loaded. */
  private actions: { controller: ItemActionsController; view: ItemActionsView } | null = null;
  private loadingActions: Promise<void> | null = null;
  /**
   * Their file did not load (offline, or not deployed beside the module): answers show no actions
   * row for the page's life, as browsers keep a failed module import failed.
   */
  private actionsFailed = false;
  /** Attachments, dictation and the menus, once a property asked for them and they have loaded. */
  private extras: ComposerExtras | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly config: FeaturesConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    whenIdle(() => this.loadActions());
  }

  hostUpdate(): void {
    const settings = this.config.settings();
    const wanted =
      settings.attachments !== null ||
      settings.dictation ||
      settings.composerTools.length > 0 ||
      settings.composerModels.length > 0;
    if (wanted) this.load();
    // Answers are coming (a response or a thread load started) or are there: their actions are needed.
    const { run, loading, items } = this.config.store.state;
    if (run || loading || items.length) this.loadActions();
  }

  /**
   * Starts the item actions when one is on: at once once loaded (by any element on the page),
   * else when they are in, and the element renders again.
   */
  private loadActions(): void {
    if (this.actions || this.actionsFailed) return;
    const { copy, feedback, retry } = this.config.settings().threadItemActions;
    if (!(copy || feedback || retry)) return;
    if (loadedActions) this.startActions(loadedActions);
    else
      this.loadingActions ??= import('./item-actions.js').then(
        (module) => {
          this.startActions((loadedActions = module));
          this.host.requestUpdate();
        },
        (error: unknown) => {
          console.warn('[stream-chat] the item actions did not load:', error);
          this.actionsFailed = true;
          this.host.requestUpdate();
        },
      );
  }

  /** Adds the actions' styles to the element's shadow root and starts using them. */
  private startActions(module: ItemActionsModule): void {
    adoptStyles(this.host.renderRoot, [module.itemActionsStyles], composerStyles);
    this.actions = { controller: new module.ItemActionsController(this.host, this.config), view: module.itemActions };
  }

  /** Loads the composer extras once; the element renders again when they are in. */
  private load(): void {
    const { config } = this;
    this.loading ??= import('./composer-extras.js').then(({ ComposerExtras, composerExtrasStyles }) => {
      adoptStyles(this.host.renderRoot, [composerExtrasStyles], composerStyles);
      this.extras = new ComposerExtras(this.host, {
        ...config,
        limits: () => config.settings().attachments,
        strategy: () => config.settings().uploadStrategy,
        menus: () => ({ tools: config.settings().composerTools, models: config.settings().composerModels }),
      });
      this.host.requestUpdate();
    });
  }

  /** What the next message carries besides its text. */
  readonly input = (): {
    attachments: Attachment[];
    inference_options: InferenceOptions;
    sent: () => () => void;
  } => ({
    attachments: this.extras?.attachments.uploaded() ?? [],
    inference_options: this.extras?.menus.options() ?? {},
    sent: () => this.extras?.attachments.sent() ?? (() => {}),
  });

  /** Whether the message may go without text: an uploaded attachment is ready. */
  readonly ready = (): boolean => this.extras?.attachments.ready ?? false;

  /** Sends the draft once every upload has finished; a failed upload keeps the message (and its text) in the composer. */
  async submit(text: string): Promise<void> {
    const attachments = this.extras?.attachments;
    if (!attachments || (!attachments.busy && attachments.files.every((file) => file.status === 'done')))
      return this.config.send(text);
    const { store } = this.config;
    // The text stays in the composer while the files finish uploading.
    if (!store.state.draft.trim()) store.apply({ type: 'draft-changed', text });
    if (!(await attachments.settled()) || store.state.draft !== text || store.state.run) return;
    store.apply({ type: 'draft-changed', text: '' });
    return this.config.send(text);
  }

  /** The props of the feature views. */
  props(strings: Strings, allowedImageDomains: readonly string[], busy: boolean): FeatureProps {
    const settings = this.config.settings();
    const endpoint = new URL(settings.apiUrl || '.', document.baseURI).origin;
    const actions = this.actions;
    return {
      strings,
      busy,
      prompts: settings.startPrompts,
      onPrompt: (prompt) => void this.config.send(prompt).catch(() => undefined),
      actions: {
        actions: this.actionsFailed ? NO_ACTIONS : settings.threadItemActions,
        view: actions?.view,
        feedback: actions?.controller.feedback ?? NO_FEEDBACK,
        copied: actions?.controller.copied ?? null,
        busy,
        strings,
        onCopy: (item: AssistantMessageItem) => void actions?.controller.copy(item).catch(() => undefined),
        onFeedback: (item, kind) => void actions?.controller.rate(item, kind),
        onRegenerate: (item) => void this.config.regenerate(item.id).catch(() => undefined),
      },
      // Sent images show only from the chat server itself or the thread's allowed image hosts.
      imageAllowed: (url) => safeOrigin(url) === endpoint || isAllowedImage(url, allowedImageDomains),
      ...(this.extras?.props(settings.attachments, settings.dictation, strings, busy) ?? {
        views: null,
        attach: null,
        onFiles: ignore,
        onDrag: ignore,
        onPaste: ignore,
        onRemove: ignore,
        onRetryUpload: ignore,
        dictation: null,
        onDictate: ignore,
        toolPlaceholder: undefined,
        // Not shown before the extras load.
        menus: { tools: [], models: [], tool: '', model: '', disabled: busy, strings, onTool: ignore, onModel: ignore },
      }),
    };
  }
}

type ItemActionsModule = typeof import('./item-actions.js');

/** The item actions once loaded: later elements on the page show them at once. */
let loadedActions: ItemActionsModule | null = null;

/** What rows get while the actions are not in: the same objects every render, so finished rows skip it. */
const NO_ACTIONS: ThreadItemActions = {};
const NO_FEEDBACK: ReadonlyMap<string, FeedbackKind> = new Map();

/** The handler of a feature that has not loaded yet. */
const ignore = (): void => undefined;

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
