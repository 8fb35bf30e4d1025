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

/** One action button: an icon named by `label`; `pressed` makes it a toggle. */
function button(
  part: string,
  label: string,
  icon: TemplateResult,
  onClick: () => void,
  extra: { pressed?: boolean; disabled?: boolean; className?: string } = {},
): TemplateResult {
  return html`<button
    part=${part}
    class="row-action ${extra.className ?? ''}"
    type="button"
    aria-label=${label}
    title=${label}
    aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
    ?disabled=${extra.disabled === true}
    @click=${onClick}
  >
    <svg viewBox="0 0 24 24" aria-hidden="true">${icon}</svg>
  </button>`;
}

/** Renders the actions of one answer (nothing when none is enabled). */
export function renderItemActions(
  item: AssistantMessageItem,
  props: ItemActionsProps,
): TemplateResult | typeof nothing {
  const { actions, strings: s } = props;
  if (!actions.copy && !actions.feedback && !actions.retry) return nothing;
  const chosen = props.feedback.get(item.id);
  const copied = props.copied === item.id;
  const thumb = svg`<path d=${THUMB}></path>`;
  return html`<div part="item-actions" class="item-actions" role="group" aria-label=${s.assistant}>
    ${
      actions.copy
        ? button(
            'copy-button',
            copied ? s.copied : s.copy,
            copied
              ? svg`<path d="M5 12l5 5 9-10"></path>`
              : svg`<rect x="9" y="9" width="11" height="11" rx="2"></rect><path d="M5 15V5a1 1 0 011-1h9"></path>`,
            () => props.onCopy(item),
          )
        : nothing
    }
    ${
      actions.feedback
        ? html`${button('feedback-positive-button', s.goodResponse, thumb, () => props.onFeedback(item, 'positive'), {
            pressed: chosen === 'positive',
          })}${button('feedback-negative-button', s.badResponse, thumb, () => props.onFeedback(item, 'negative'), {
            pressed: chosen === 'negative',
            className: 'thumb-down',
          })}`
        : nothing
    }
    ${
      actions.retry
        ? button(
            'regenerate-button',
            s.regenerate,
            svg`<path d="M20 11a8 8 0 10-2.3 5.7M20 4v7h-7"></path>`,
            () => props.onRegenerate(item),
            { disabled: props.busy },
          )
        : nothing
    }
  </div>`;
}
