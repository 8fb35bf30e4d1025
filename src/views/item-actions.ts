/**
 * The actions under a finished answer: copy, thumbs up/down, regenerate. Always in the DOM (so
 * the keyboard reaches them), faded until the answer is hovered or focused.
 *
 * A thread shows many finished answers, so each group is plain DOM made once and updated in
 * place (focus stays on a button whose state changes), with one listener object per group and
 * no template parts or closures per button.
 */
import { html, noChange, render } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { AssistantMessageItem } from '../protocol/types.js';
import type { Strings } from '../i18n.js';
import type { FeedbackKind, ThreadItemActions } from '../features.js';

/** Data and callbacks the actions need. */
export interface ItemActionsProps {
  actions: ThreadItemActions;
  /** Renders the actions (`itemActions`): absent until they have loaded, and their row holds its place meanwhile. */
  view?: ItemActionsView;
  feedback: ReadonlyMap<string, FeedbackKind>;
  copied: string | null;
  /** A response runs: regenerate waits. */
  busy: boolean;
  strings: Strings;
  onCopy: (item: AssistantMessageItem) => void;
  onFeedback: (item: AssistantMessageItem, kind: FeedbackKind) => void;
  onRegenerate: (item: AssistantMessageItem) => void;
}

/** The copy icon: a sheet over another. */
const COPY = 'M11 9h7a2 2 0 012 2v7a2 2 0 01-2 2h-7a2 2 0 01-2-2v-7a2 2 0 012-2zM5 15V5a1 1 0 011-1h9';

/** The group as first made, cloned for each answer: every button, its `value` the action. */
let model: Element | undefined;
function makeGroup(): HTMLElement {
  if (!model) {
    const box = document.createElement('div');
    render(
      html`<div part="item-actions" class="item-actions" role="group"><button part="copy-button" class="row-action" type="button" value="copy"><svg viewBox="0 0 24 24" aria-hidden="true"><path d=${COPY}></path></svg></button><button part="feedback-positive-button" class="row-action" type="button" value="positive"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 10v11H3V10h4zm0 0l4-8a3 3 0 013 3v4h5a2 2 0 012 2.3l-1.4 8A2 2 0 0117.6 21H7"></path></svg></button><button part="feedback-negative-button" class="row-action thumb-down" type="button" value="negative"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 10v11H3V10h4zm0 0l4-8a3 3 0 013 3v4h5a2 2 0 012 2.3l-1.4 8A2 2 0 0117.6 21H7"></path></svg></button><button part="regenerate-button" class="row-action" type="button" value="retry"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 11a8 8 0 10-2.3 5.7M20 4v7h-7"></path></svg></button></div>`,
      box,
    );
    model = box.firstElementChild!;
  }
  return model.cloneNode(true) as HTMLElement;
}

/** Each button's label, by its action. */
const LABELS = { copy: 'copy', positive: 'goodResponse', negative: 'badResponse', retry: 'regenerate' } as const;
type Action = keyof typeof LABELS;

class ItemActionsDirective extends Directive {
  private group?: HTMLElement;
  private item!: AssistantMessageItem;
  private props!: ItemActionsProps;

  render(_item: AssistantMessageItem, _props: ItemActionsProps): unknown {
    return noChange;
  }

  override update(_part: unknown, [item, props]: [AssistantMessageItem, ItemActionsProps]): unknown {
    this.item = item;
    this.props = props;
    const { actions, strings: s } = props;
    const first = !this.group;
    const group = (this.group ??= makeGroup());
    if (first) group.addEventListener('click', this);
    const copied = props.copied === item.id;
    group.setAttribute('aria-label', s.assistant);
    for (const button of group.children as HTMLCollectionOf<HTMLButtonElement>) {
      const action = button.value as Action;
      const label = copied && action === 'copy' ? s.copied : s[LABELS[action]];
      button.hidden = !actions[action === 'copy' || action === 'retry' ? action : 'feedback'];
      button.setAttribute('aria-label', label);
      button.title = label;
      if (action === 'copy') button.querySelector('path')!.setAttribute('d', copied ? 'M5 12l5 5 9-10' : COPY);
      else if (action === 'retry') button.disabled = props.busy;
      else button.setAttribute('aria-pressed', String(props.feedback.get(item.id) === action));
    }
    return first ? group : noChange;
  }

  /** A click on one of the group's buttons. */
  handleEvent(event: Event): void {
    const action = (event.target as Element).closest('button')?.value;
    const { item, props } = this;
    if (action === 'copy') props.onCopy(item);
    else if (action === 'retry') props.onRegenerate(item);
    else if (action) props.onFeedback(item, action as FeedbackKind);
  }
}

/** Renders the actions of one answer (nothing when none is enabled). */
export const itemActions = directive(ItemActionsDirective);
export type ItemActionsView = typeof itemActions;
