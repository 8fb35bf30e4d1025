/**
 * The composer extras a page turns on: attachments, dictation, and the tool and model menus, with
 * their views and styles. `Features` loads this module (a file of its own beside `stream-chat.js`;
 * the all-in-one IIFE has it inside) the first time one of their properties is set, so a text-only
 * page never downloads it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AttachmentLimits, ComposerModel, ComposerTool } from '../features.js';
import type { Strings } from '../i18n.js';
import type { FeatureProps } from '../views/chat.js';
import { composerViews } from '../views/composer-extras.js';
import { AttachmentsController, type AttachmentsConfig } from './attachments.js';
import { ComposerMenusController } from './composer-menus.js';
import { DictationController } from './dictation.js';

export { composerExtrasStyles } from '../views/composer-extras.styles.js';

/** The props of the extras' views, part of the feature props. */
export type ExtrasProps = Pick<
  FeatureProps,
  | 'views'
  | 'attach'
  | 'onFiles'
  | 'onDrag'
  | 'onPaste'
  | 'onRemove'
  | 'onRetryUpload'
  | 'dictation'
  | 'onDictate'
  | 'toolPlaceholder'
  | 'menus'
>;

/** What the extras read from the element. */
export interface ComposerExtrasConfig extends AttachmentsConfig {
  menus(): { tools: readonly ComposerTool[]; models: readonly ComposerModel[] };
}

export class ComposerExtras {
  readonly attachments: AttachmentsController;
  readonly dictation: DictationController;
  readonly menus: ComposerMenusController;
  readonly views = composerViews;

  private readonly lists: ComposerExtrasConfig['menus'];

  constructor(host: ReactiveControllerHost, config: ComposerExtrasConfig) {
    this.lists = config.menus;
    this.attachments = new AttachmentsController(host, config);
    this.dictation = new DictationController(host, config);
    this.menus = new ComposerMenusController(host, config.menus);
  }

  /** The props of their views: attaching only with `limits`, the microphone only with `dictation`. */
  props(limits: AttachmentLimits | null, dictation: boolean, strings: Strings, busy: boolean): ExtrasProps {
    const { attachments, menus } = this;
    const accept = typeof limits?.accept === 'string' ? limits.accept : (limits?.accept ?? []).join(',');
    return {
      views: this.views,
      attach: limits
        ? { accept, files: attachments.files, message: attachments.message, dragging: attachments.dragging }
        : null,
      onFiles: attachments.handleFiles,
      onDrag: attachments.handleDrag,
      onPaste: attachments.handlePaste,
      onRemove: (key) => attachments.remove(key),
      onRetryUpload: (key) => attachments.retry(key),
      dictation: dictation ? { status: this.dictation.status, message: this.dictation.message } : null,
      onDictate: this.dictation.toggle,
      toolPlaceholder: menus.tool?.placeholder,
      menus: {
        ...this.lists(),
        tool: menus.tool?.id ?? '',
        model: menus.model?.id ?? '',
        disabled: busy,
        strings,
        onTool: menus.chooseTool,
        onModel: menus.chooseModel,
      },
    };
  }
}
