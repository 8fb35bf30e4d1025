/**
 * The composer extras a page turns on: attachments, dictation, and the tool and model menus, with
 * their views. `Features` loads this module (a file of its own beside `stream-chat.js`; the
 * all-in-one IIFE has it inside) the first time one of their properties is set, so a text-only
 * page never downloads it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ComposerModel, ComposerTool } from '../features.js';
import { composerViews } from '../views/composer-extras.js';
import { AttachmentsController, type AttachmentsConfig } from './attachments.js';
import { ComposerMenusController } from './composer-menus.js';
import { DictationController } from './dictation.js';

/** What the extras read from the element. */
export interface ComposerExtrasConfig extends AttachmentsConfig {
  menus(): { tools: readonly ComposerTool[]; models: readonly ComposerModel[] };
}

export class ComposerExtras {
  readonly attachments: AttachmentsController;
  readonly dictation: DictationController;
  readonly menus: ComposerMenusController;
  readonly views = composerViews;

  constructor(host: ReactiveControllerHost, config: ComposerExtrasConfig) {
    this.attachments = new AttachmentsController(host, config);
    this.dictation = new DictationController(host, config);
    this.menus = new ComposerMenusController(host, config.menus);
  }
}
