/**
 * Grows a textarea with its text where CSS `field-sizing: content` is unsupported; where it is
 * supported this does nothing and CSS does the work. Place it after the `.value` binding, so it
 * measures the value just set.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

const native = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

class AutoGrow extends Directive {
  private last: string | undefined;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('autoGrow() belongs on an element');
  }

  render(_value: string): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [value]: [string]): typeof noChange {
    if (native || value === this.last || !(part.element instanceof HTMLTextAreaElement)) return noChange;
    this.last = value;
    grow(part.element);
    return noChange;
  }
}

/** Sets the height to fit the text (CSS min-height and max-height still apply). */
export function grow(textarea: HTMLTextAreaElement): void {
  if (native) return;
  const style = getComputedStyle(textarea);
  textarea.style.height = 'auto';
  const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  textarea.style.height = `${textarea.scrollHeight + borders}px`;
}

/** Re-measures the textarea when `value` (the rendered draft) changes, e.g. cleared after Send. */
export const autoGrow = directive(AutoGrow);
