/**
 * The views of the composer extras (the attach button, the pending files, the tool and model
 * menus), handed to `chat.ts` by the controllers that load with them on first use.
 */
import { renderAttachButton, renderPending } from './attachments.js';
import { renderComposerMenus } from './composer-menus.js';

export const composerViews = { renderAttachButton, renderPending, renderComposerMenus };

/** What `chat.ts` renders the composer extras with, once they have loaded. */
export type ComposerViews = typeof composerViews;
