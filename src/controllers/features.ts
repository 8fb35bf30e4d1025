/**
 * Features: wires the composer and message features a page turns on (attachments, dictation,
 * item actions, start prompts, tool and model menus) to their controllers, and builds the props
 * their views need, so the element only declares the properties.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Attachment, AssistantMessageItem } from '../protocol/types.js';
import type {
  AttachmentLimits,
  ComposerModel,
  ComposerTool,
  StartPrompt,
  ThreadItemActions,
  UploadStrategy,
} from '../features.js';
import type { Strings } from '../i18n.js';
import { isAllowedImage } from '../markdown/url.js';
import type { ChatConfig } from './chat-store.js';
import { AttachmentsController } from './attachments.js';
import { DictationController } from './dictation.js';
import { ItemActionsController } from './item-actions.js';
import { ComposerMenusController } from './composer-menus.js';
import type { FeatureProps } from '../views/chat.js';

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

export class Features {
  readonly attachments: AttachmentsController;
  readonly dictation: DictationController;
  readonly actions: ItemActionsController;
  readonly menus: ComposerMenusController;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: FeaturesConfig,
  ) {
    this.attachments = new AttachmentsController(host, {
      ...config,
      limits: () => config.settings().attachments,
      strategy: () => config.settings().uploadStrategy,
    });
    this.dictation = new DictationController(host, config);
    this.actions = new ItemActionsController(host, config);
    this.menus = new ComposerMenusController(host, () => ({
      tools: config.settings().composerTools,
      models: config.settings().composerModels,
    }));
  }

  /** What the next message carries besides its text. */
  readonly input = (): {
    attachments: Attachment[];
    inference_options: ReturnType<ComposerMenusController['options']>;
    sent: () => () => void;
  } => ({
    attachments: this.attachments.uploaded(),
    inference_options: this.menus.options(),
    sent: () => this.attachments.sent(),
  });

  /** Whether the message may go without text: an uploaded attachment is ready. */
  readonly ready = (): boolean => this.attachments.ready;

  /** Sends the draft once every upload has finished; a failed upload keeps the message (and its text) in the composer. */
  async submit(text: string): Promise<void> {
    if (!this.attachments.busy && this.attachments.files.every((file) => file.status === 'done'))
      return this.config.send(text);
    const { store } = this.config;
    // The text stays in the composer while the files finish uploading.
    if (!store.state.draft.trim()) store.apply({ type: 'draft-changed', text });
    if (!(await this.attachments.settled()) || store.state.draft !== text || store.state.run) return;
    store.apply({ type: 'draft-changed', text: '' });
    return this.config.send(text);
  }

  /** The props of the feature views. */
  props(strings: Strings, allowedImageDomains: readonly string[], busy: boolean): FeatureProps {
    const settings = this.config.settings();
    const limits = settings.attachments;
    const endpoint = new URL(settings.apiUrl || '.', document.baseURI).origin;
    const accept = typeof limits?.accept === 'string' ? limits.accept : (limits?.accept ?? []).join(',');
    return {
      strings,
      busy,
      prompts: settings.startPrompts,
      onPrompt: (prompt) => void this.config.send(prompt).catch(() => undefined),
      actions: {
        actions: settings.threadItemActions,
        feedback: this.actions.feedback,
        copied: this.actions.copied,
        busy,
        strings,
        onCopy: (item: AssistantMessageItem) => void this.actions.copy(item).catch(() => undefined),
        onFeedback: (item, kind) => void this.actions.rate(item, kind),
        onRegenerate: (item) => void this.config.regenerate(item.id).catch(() => undefined),
      },
      // Sent images show only from the chat server itself or the thread's allowed image hosts.
      imageAllowed: (url) => safeOrigin(url) === endpoint || isAllowedImage(url, allowedImageDomains),
      attach: limits
        ? {
            accept,
            files: this.attachments.files,
            message: this.attachments.message,
            dragging: this.attachments.dragging,
          }
        : null,
      onFiles: this.attachments.handleFiles,
      onDrag: this.attachments.handleDrag,
      onPaste: this.attachments.handlePaste,
      onRemove: (key) => this.attachments.remove(key),
      onRetryUpload: (key) => this.attachments.retry(key),
      dictation: settings.dictation ? { status: this.dictation.status, message: this.dictation.message } : null,
      onDictate: this.dictation.toggle,
      toolPlaceholder: this.menus.tool?.placeholder,
      menus: {
        tools: settings.composerTools,
        models: settings.composerModels,
        tool: this.menus.tool?.id ?? '',
        model: this.menus.model?.id ?? '',
        disabled: busy,
        strings,
        onTool: this.menus.chooseTool,
        onModel: this.menus.chooseModel,
      },
    };
  }
}

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
