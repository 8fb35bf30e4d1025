/**
 * The DOM of one message's markdown blocks, kept between renders by the directive in
 * `render.ts` (one `BlockList` per rendered message part, freed with it).
 *
 * A block that is still open (the tail that grows) is rendered with Lit into its own small
 * render root, so a delta updates only the open block. Once the parse commits a block, it is
 * rendered a last time, then frozen: Lit's marker comments inside it are removed, and it is
 * never touched again. Frozen blocks carry no update machinery, so they
 * cost neither time per frame nor nodes beyond their content.
 *
 * Blocks sit in groups of {@link GROUP} (`<div class="md-group">`), and groups in chapters of
 * {@link CHAPTER} (`<div class="md-chapter">`): the browser re-lays out the children of the
 * element whose last child grew, so without them every frame would touch every block's layout.
 */
import { render, type RootPart, type TemplateResult } from 'lit';

const GROUP = 16;
const CHAPTER = 16;

/** The top-level nodes of a frozen block: one node, as most blocks render to, or a list. */
type Nodes = ChildNode | readonly ChildNode[];

/** An open block: a Lit render root between two markers inside its group. */
interface Live {
  readonly part: RootPart;
  readonly end: Comment;
}

export class BlockList {
  /** The element the message's blocks and sources list are rendered into. */
  readonly root: HTMLDivElement;
  /** Chapters go before this node; the sources list after it. */
  private readonly bodyEnd: ChildNode;
  private readonly sourcesEnd: Comment;
  private readonly chapters: HTMLDivElement[] = [];
  private readonly groups: HTMLDivElement[] = [];
  /**
   * Frozen block `i`: what it was rendered from and with, and its nodes. Three flat lists rather
   * than an object and a node list per block: a long answer has hundreds of blocks.
   */
  private readonly frozenIds: unknown[] = [];
  private readonly frozenMarks: string[] = [];
  private readonly frozenNodes: Nodes[] = [];
  private readonly live: Live[] = [];
  /** The element that shows the streaming caret (class `md-caret`), if any. */
  private caret: Element | null = null;

  constructor() {
    this.root = document.createElement('div');
    this.root.className = 'md';
    this.sourcesEnd = this.root.appendChild(document.createComment(''));
    const sources = render(null, this.root, { renderBefore: this.sourcesEnd });
    this.bodyEnd = (sources.startNode as ChildNode | null) ?? this.sourcesEnd;
  }

  /** How many blocks are frozen; block `i < frozenCount` is never rendered again unless replaced. */
  get frozenCount(): number {
    return this.frozenIds.length;
  }

  /** True when frozen block `index` was rendered from `id` with `marks`. */
  isCurrent(index: number, id: unknown, marks: string): boolean {
    return index < this.frozenCount && this.frozenIds[index] === id && this.frozenMarks[index] === marks;
  }

  /**
   * Renders block `index` for good. It must be the next block to freeze, or a frozen one being
   * replaced (citations arrived for it).
   */
  freeze(index: number, id: unknown, marks: string, template: TemplateResult): void {
    if (index < this.frozenCount) {
      const old = listOf(this.frozenNodes[index] as Nodes);
      const nodes = staticNodes(template);
      const first = old[0];
      for (const node of nodes) first?.before(node);
      for (const node of old) node.remove();
      this.setFrozen(index, id, marks, nodes);
      return;
    }
    const live = this.live.shift();
    if (live) {
      // The open block closed: render it in place a last time, then strip its markers.
      render(template, this.groupFor(index), { renderBefore: live.end });
      const start = live.part.startNode as ChildNode | null;
      const nodes: ChildNode[] = [];
      for (let node = start?.nextSibling; node && node !== live.end; node = node.nextSibling) nodes.push(node);
      start?.remove();
      const kept = strip(nodes);
      if (kept.length === 0) {
        const placeholder = document.createComment('');
        live.end.before(placeholder);
        kept.push(placeholder);
      }
      live.end.remove();
      this.setFrozen(index, id, marks, kept);
      return;
    }
    const nodes = staticNodes(template);
    this.groupFor(index).append(...nodes);
    this.setFrozen(index, id, marks, nodes);
  }

  private setFrozen(index: number, id: unknown, marks: string, nodes: readonly ChildNode[]): void {
    this.frozenIds[index] = id;
    this.frozenMarks[index] = marks;
    this.frozenNodes[index] = nodes.length === 1 ? (nodes[0] as ChildNode) : nodes.slice();
  }

  /** Renders the open blocks after the frozen ones (index `frozenCount + i` for `templates[i]`). */
  renderOpen(templates: readonly TemplateResult[]): void {
    while (this.live.length > templates.length) {
      const live = this.live.pop();
      if (live) removeLive(live);
    }
    templates.forEach((template, i) => {
      let live = this.live[i];
      if (!live) {
        const end = this.groupFor(this.frozenCount + i).appendChild(document.createComment(''));
        live = { part: render(template, end.parentNode as HTMLElement, { renderBefore: end }), end };
        this.live.push(live);
      } else {
        render(template, live.end.parentNode as HTMLElement, { renderBefore: live.end });
      }
    });
  }

  /**
   * Puts the class `md-caret` on the element the streaming caret follows: the last open block when
   * it is a paragraph or heading, or the last item of a list that is the last open block; with
   * `streaming` false, or no such element, on none. Only that element changes class, so the caret
   * moving or going away restyles one element, never every block.
   */
  markCaret(streaming: boolean): void {
    const target = streaming ? this.caretTarget() : null;
    const old = this.caret;
    if (old && (old !== target || !old.classList.contains('md-caret'))) {
      old.classList.remove('md-caret');
      if (old.classList.length === 0) old.removeAttribute('class');
    }
    if (target && !target.classList.contains('md-caret')) target.classList.add('md-caret');
    this.caret = target;
  }

  private caretTarget(): Element | null {
    const live = this.live.at(-1);
    if (!live) return null;
    let last = live.end.previousSibling;
    while (last && last.nodeType !== Node.ELEMENT_NODE && last !== live.part.startNode) last = last.previousSibling;
    if (!(last instanceof Element) || last === live.part.startNode) return null;
    if (/^(P|H[1-6])$/.test(last.tagName)) return last;
    if (last.tagName === 'UL' || last.tagName === 'OL') {
      const item = last.lastElementChild;
      return item?.tagName === 'LI' ? item : null;
    }
    return null;
  }

  /** Renders the sources list after the blocks (or nothing). */
  renderSources(template: TemplateResult | null): void {
    render(template, this.root, { renderBefore: this.sourcesEnd });
  }

  /** Forgets every block (the text was replaced, or what blocks render with changed). */
  clear(): void {
    for (const live of this.live) removeLive(live);
    // The chapters are the nodes before the sources list (also after release()).
    for (let node = this.root.firstChild; node && node !== this.bodyEnd; node = this.root.firstChild) node.remove();
    this.release();
  }

  /**
   * Forgets the blocks and keeps their DOM as it is, for a message that is finished: it holds no
   * list per block any more. The next render must start with {@link clear}.
   */
  release(): void {
    this.live.length = 0;
    this.frozenIds.length = 0;
    this.frozenMarks.length = 0;
    this.frozenNodes.length = 0;
    this.chapters.length = 0;
    this.groups.length = 0;
    this.caret = null;
  }

  /** The group element of block `index`, created (with its chapter) when it is the first. */
  private groupFor(index: number): HTMLDivElement {
    const g = Math.floor(index / GROUP);
    let group = this.groups[g];
    if (group) return group;
    const c = Math.floor(g / CHAPTER);
    let chapter = this.chapters[c];
    if (!chapter) {
      chapter = document.createElement('div');
      chapter.className = 'md-chapter';
      this.bodyEnd.before(chapter);
      this.chapters[c] = chapter;
    }
    group = document.createElement('div');
    group.className = 'md-group';
    chapter.append(group);
    this.groups[g] = group;
    return group;
  }
}

function listOf(nodes: Nodes): readonly ChildNode[] {
  return Array.isArray(nodes) ? nodes : [nodes as ChildNode];
}

function removeLive(live: Live): void {
  const start = live.part.startNode as ChildNode | null;
  for (let node = start?.nextSibling; node && node !== live.end; node = start?.nextSibling) node.remove();
  start?.remove();
  live.end.remove();
}

/** The nodes of `template` rendered once, without Lit's markers (an empty comment if none). */
export function staticNodes(template: TemplateResult): ChildNode[] {
  const holder = document.createDocumentFragment();
  render(template, holder);
  const nodes = strip(Array.from(holder.childNodes));
  return nodes.length > 0 ? nodes : [document.createComment('')];
}

/**
 * Removes the comments among and inside `nodes` (Lit's markers: model text never becomes a
 * comment); returns the nodes left. Adjacent text nodes stay apart: merging them would change a
 * block that is already laid out, and the browser would lay out and shape its text again (tens of
 * milliseconds for the last block of a long answer).
 */
function strip(nodes: readonly ChildNode[]): ChildNode[] {
  const kept: ChildNode[] = [];
  for (const node of nodes) {
    if (node.nodeType === Node.COMMENT_NODE) {
      node.remove();
      continue;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_COMMENT);
      const comments: Node[] = [];
      for (let c = walker.nextNode(); c; c = walker.nextNode()) comments.push(c);
      for (const comment of comments) comment.parentNode?.removeChild(comment);
    }
    kept.push(node);
  }
  return kept;
}
