/**
 * The views of the composer extras (the attach button, the pending files, the tool and model
 * menus, the microphone), handed to `chat.ts` by the controllers that load with them on first use.
 */
import { html, type TemplateResult } from 'lit';
import type { Strings } from '../i18n.js';
import { renderAttachButton, renderPending } from './attachments.js';
import { renderComposerMenus } from './composer-menus.js';

/** The microphone: the first click records, the second transcribes. */
function renderDictationButton(
  status: 'idle' | 'recording' | 'transcribing',
  disabled: boolean,
  s: Strings,
  onDictate: () => void,
): TemplateResult {
  const recording = status === 'recording';
  return html`<button part="dictation-button" class="icon-button secondary ${recording ? 'recording' : ''}" type="button"
    aria-label=${recording ? s.stopDictation : status === 'transcribing' ? s.transcribing : s.dictate}
    aria-pressed=${recording ? 'true' : 'false'} ?disabled=${disabled || status === 'transcribing'} @click=${onDictate}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="9" y="3" width="6" height="11" rx="3"></rect><path d="M5 11a7 7 0 0014 0M12 18v3"></path></svg>
  </button>`;
}

export const composerViews = { renderAttachButton, renderPending, renderComposerMenus, renderDictationButton };

/** What `chat.ts` renders the composer extras with, once they have loaded. */
export type ComposerViews = typeof composerViews;
