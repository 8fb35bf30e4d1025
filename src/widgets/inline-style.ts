/**
 * `${inlineStyle(styles)}` inside an element's tag sets its inline style through the CSSOM
 * (`style.cssText`), which a strict CSP (`style-src 'self'`) allows; a `style` attribute (what
 * Lit's `styleMap` writes on first render) it blocks. The values come from `tokens.ts` only, which
 * lets no `;` through: one would start another declaration.
 */
import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

type Styles = Readonly<Record<string, string>>;

class InlineStyle extends Directive {
  private css?: string;

  render(_styles: Styles): unknown {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Styles]): unknown {
    const css = Object.entries(styles)
      .map(([name, value]) => `${name}:${value}`)
      .join(';');
    if (css !== this.css) (part.element as HTMLElement).style.cssText = this.css = css;
    return noChange;
  }
}

/** Sets the element's inline style to `styles` (CSS property names to values). */
export const inlineStyle = directive(InlineStyle);
