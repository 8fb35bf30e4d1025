/**
 * The composer: a textarea with Send, or Stop while a response runs, and the message waiting
 * for the running answer to end.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Strings } from '../i18n.js';
import { autoGrow, grow } from './auto-grow.js';

/** Data and callbacks the composer needs. */
export interface ComposerProps {
  value: string;
  placeholder: string;
  /** Locked only when the thread is locked: while an answer runs the user can type on. */
  disabled: boolean;
  responding: boolean;
  /** A message waiting for the running answer to end. */
  queued: string | null;
  onCancelQueued: () => void;
  allowCancel: boolean;
  strings: Strings;
  onInput: (value: string) => void;
  onSubmit: () => void;
  onStop: () => void;
  /** Uploaded attachments are ready: Send works without text. */
  ready?: boolean;
  /** Feature controls (attach, menus, dictation) before the page's own actions. */
  extras?: TemplateResult;
}

/** Renders the composer form. */
export function renderComposer(props: ComposerProps): TemplateResult {
  const empty = !props.value.trim() && !props.ready;
  return html`${
    props.queued !== null
      ? html`<div class="queued" role="status">
          <span class="queued-text" dir="auto">${props.strings.queued}: ${props.queued}</span>
          <button class="text-button" type="button" @click=${props.onCancelQueued}>${props.strings.cancel}</button>
        </div>`
      : nothing
  }<form
    part="composer"
    class="composer"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      props.onSubmit();
    }}
  >
    <textarea
      part="input"
      class="input"
      rows="1"
      dir="auto"
      enterkeyhint="send"
      aria-label=${props.placeholder}
      placeholder=${props.placeholder}
      .value=${live(props.value)}
      ${autoGrow(props.value)}
      ?disabled=${props.disabled}
      @input=${(event: InputEvent) => {
        const input = event.target as HTMLTextAreaElement;
        grow(input);
        props.onInput(input.value);
      }}
      @keydown=${(event: KeyboardEvent) => handleKey(event, props)}
    ></textarea>
    ${props.extras ?? nothing}
    <slot name="composer-actions"></slot>
    ${
      props.responding && props.allowCancel
        ? html`<button part="stop-button" class="icon-button stop" type="button" aria-label=${props.strings.stop} title=${props.strings.stop} @click=${props.onStop}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="7" y="7" width="10" height="10" rx="2"></rect></svg>
        </button>`
        : html`<button
          part="send-button"
          class="icon-button"
          type="submit"
          aria-label=${props.strings.send}
          title=${props.strings.send}
          ?disabled=${props.disabled || empty || (props.responding && props.queued !== null)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 19V5M5 12l7-7 7 7"></path></svg>
        </button>`
    }
  </form>`;
}

function handleKey(event: KeyboardEvent, props: ComposerProps): void {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    if (!props.disabled) props.onSubmit();
  }
}
