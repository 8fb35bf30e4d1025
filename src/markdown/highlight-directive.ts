/**
 * The content of a code block: plain text, swapped for highlighted spans once the block is
 * closed and the highlighter (a separate chunk, `highlight.ts`) has loaded. An open block that is
 * still streaming stays plain, so streaming never waits for or pays for highlighting.
 */
import { html, noChange } from 'lit';
import { AsyncDirective, directive, type ChildPart } from 'lit/async-directive.js';
import { staticNodes } from './block-list.js';

type Highlighter = typeof import('./highlight.js');

let loaded: Highlighter | undefined;
let loading: Promise<Highlighter> | undefined;

class HighlightDirective extends AsyncDirective {
  /** What is shown: the language (empty for plain text) and the code. */
  private key?: string;
  /** Shows the highlighted code that arrived while the block was disconnected. */
  private late?: () => void;

  protected override reconnected(): void {
    this.late?.();
  }

  render(code: string, _lang: string, _closed: boolean): unknown {
    return code;
  }

  override update(part: ChildPart, [code, lang, closed]: [string, string, boolean]): unknown {
    const shown = closed ? lang : '';
    const key = `${shown}\n${code}`;
    if (key === this.key) return noChange;
    this.key = key;
    if (!shown) return code;
    const show = (module: Highlighter): unknown => {
      const spans = module.highlight(code, lang);
      // The colours go to the shadow root the block is in, once the template holding it is.
      if (spans) queueMicrotask(() => part.startNode && module.adoptStyles(part.startNode));
      return spans ?? code;
    };
    if (loaded) return show(loaded);
    loading ??= import('./highlight.js');
    // Taken now: once the block is frozen, the part's markers are gone and it has no parent.
    const element = part.parentNode;
    loading.then(
      (module) => {
        loaded = module;
        // Not if the block changed or its DOM was dropped meanwhile; once back if it was detached.
        this.late = () => {
          this.late = undefined;
          if (this.key !== key) return;
          if (part.startNode?.parentNode) this.setValue(show(module));
          else if (element instanceof Element && element.isConnected && element.textContent === code) {
            // A frozen block (see block-list.ts) has no markers left: its text is swapped for the
            // highlighted spans as static nodes.
            const spans = module.highlight(code, lang);
            if (spans) {
              element.replaceChildren(...staticNodes(html`${spans}`));
              module.adoptStyles(element);
            }
          }
        };
        if (this.isConnected) this.late();
      },
      () => (loading = undefined),
    );
    return code;
  }
}

/** Renders `code`; highlighted when `closed` and `lang` names a known language. */
export const highlightCode = directive(HighlightDirective);
