/**
 * The start screen of an empty conversation: the greeting (or the `empty` slot) and the
 * suggested prompts as buttons; a click sends the prompt.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n.js';
import type { StartPrompt } from '../features.js';

/** Data and callbacks the start screen needs. */
export interface StartScreenProps {
  greeting: string | undefined;
  prompts: readonly StartPrompt[];
  disabled: boolean;
  strings: Strings;
  onPrompt: (prompt: string) => void;
}

/** Renders the start screen. */
export function renderStartScreen(props: StartScreenProps): TemplateResult {
  return html`<div class="empty">
    <slot name="empty">${props.greeting ?? ''}</slot>
    ${
      props.prompts.length
        ? html`<ul class="start-prompts" aria-label=${props.strings.suggestions}>
          ${props.prompts.map(
            (prompt) => html`<li>
              <button part="start-prompt" class="text-button start-prompt" type="button" dir="auto" ?disabled=${props.disabled} @click=${() => props.onPrompt(prompt.prompt)}>
                ${prompt.icon ? html`<span aria-hidden="true">${prompt.icon}</span> ` : nothing}${prompt.label}
              </button>
            </li>`,
          )}
        </ul>`
        : nothing
    }
  </div>`;
}
