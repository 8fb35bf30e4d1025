/**
 * The actions under a finished answer: copy, thumbs up/down, regenerate. Always in the DOM (so
 * the keyboard reaches them), faded until the answer is hovered or focused.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { AssistantMessageItem } from '../protocol/types.js';
import type { Strings } from '../i18n.js';
import type { FeedbackKind, ThreadItemActions } from '../features.js';

/** Data and callbacks the actions need. */
export interface ItemActionsProps {
  actions: ThreadItemActions;
  feedback: ReadonlyMap<string, FeedbackKind>;
  copied: string | null;
  /** A response runs: regenerate waits. */
  busy: boolean;
  strings: Strings;
  onCopy: (item: AssistantMessageItem) => void;
  onFeedback: (item: AssistantMessageItem, kind: FeedbackKind) => void;
  onRegenerate: (item: AssistantMessageItem) => void;
}

const THUMB = 'M7 10v11H3V10h4zm0 0l4-8a3 3 0 013 3v4h5a2 2 0 012 2.3l-1.4 8A2 2 0 0117.6 21H7';

/** Renders the actions of one answer (nothing when none is enabled). */
export function renderItemActions(
  item: AssistantMessageItem,
  props: ItemActionsProps,
): TemplateResult | typeof nothing {
  const { actions, strings: s } = props;
  if (!actions.copy && !actions.feedback && !actions.retry) return nothing;
  const chosen = props.feedback.get(item.id);
  const copied = props.copied === item.id;
  return html`<div part="item-actions" class="item-actions" role="group" aria-label=${s.assistant}>
    ${
      actions.copy
        ? html`<button
            part="copy-button"
            class="row-action"
            type="button"
            aria-label=${copied ? s.copied : s.copy}
            title=${copied ? s.copied : s.copy}
            @click=${() => props.onCopy(item)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              ${copied ? svg`<path d="M5 12l5 5 9-10"></path>` : svg`<rect x="9" y="9" width="11" height="11" rx="2"></rect><path d="M5 15V5a1 1 0 011-1h9"></path>`}
            </svg>
          </button>`
        : nothing
    }
    ${
      actions.feedback
        ? html`<button
              part="feedback-positive-button"
              class="row-action"
              type="button"
              aria-label=${s.goodResponse}
              title=${s.goodResponse}
              aria-pressed=${chosen === 'positive' ? 'true' : 'false'}
              @click=${() => props.onFeedback(item, 'positive')}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${THUMB}></path></svg>
            </button>
            <button
              part="feedback-negative-button"
              class="row-action thumb-down"
              type="button"
              aria-label=${s.badResponse}
              title=${s.badResponse}
              aria-pressed=${chosen === 'negative' ? 'true' : 'false'}
              @click=${() => props.onFeedback(item, 'negative')}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${THUMB}></path></svg>
            </button>`
        : nothing
    }
    ${
      actions.retry
        ? html`<button
            part="regenerate-button"
            class="row-action"
            type="button"
            aria-label=${s.regenerate}
            title=${s.regenerate}
            ?disabled=${props.busy}
            @click=${() => props.onRegenerate(item)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 11a8 8 0 10-2.3 5.7M20 4v7h-7"></path></svg>
          </button>`
        : nothing
    }
  </div>`;
}
