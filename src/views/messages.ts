/**
 * Template functions for the message list and each kind of thread item.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Annotation, AssistantMessageItem, ThreadItem, WidgetNode } from '../protocol/types.js';
import { format, type Strings } from '../i18n.js';
import { prepareMarkdown, whenIdle, type LiveMarkdown } from '../markdown/render.js';
import { renderAssistantText } from './assistant-text.js';
import type { ItemActionsProps } from './item-actions.js';
import { renderSent } from './sent-attachments.js';

/** Data and callbacks the message list needs. */
export interface MessagesProps {
  items: readonly ThreadItem[];
  streaming: ReadonlySet<string>;
  allowedImageDomains: readonly string[];
  strings: Strings;
  /** The locale timestamps are written in. */
  locale: string;
  /** Answers that failed part-way: marked as incomplete. */
  incomplete?: ReadonlySet<string>;
  /** What follows an item in the flow (the notices that arrived after it). */
  after?: (id: string) => TemplateResult | typeof nothing;
  /** The actions under each finished answer. */
  actions?: ItemActionsProps;
  /** Whether a sent image attachment's preview may load. */
  imageAllowed?: (url: string) => boolean;
  /**
   * Renders widgets, workflows, tasks, structured input and generated images (loaded on first
   * use); undefined while loading, and the item shows as plain text meanwhile.
   */
  renderRich?: (item: ThreadItem, options: RichItemOptions) => TemplateResult | undefined;
  /** Where streaming answers' text parts register, so a delta renders into them directly. */
  live?: LiveMarkdown;
}

/** The "jump to newest" button shown while the user is scrolled up from a streaming answer. */
export interface ScrollButtonProps {
  /** New text arrived below since the user scrolled up. */
  newText: boolean;
  onJump: () => void;
}

/** The "jump to newest" button: sticks to the bottom of the list; says when new text arrived below. */
export function renderScrollButton(props: ScrollButtonProps | null, strings: Strings): TemplateResult | typeof nothing {
  if (!props) return nothing;
  return html`<button part="scroll-button" class="scroll-button" type="button" aria-label=${props.newText ? `${strings.jumpToNewest}: ${strings.newTextBelow}` : strings.jumpToNewest} @click=${props.onJump}>
    <span aria-hidden="true">↓</span> ${props.newText ? strings.newTextBelow : strings.jumpToNewest}
  </button>`;
}

/** What the message list hands the rich-item renderer. */
export interface RichItemOptions {
  streaming: boolean;
  allowedImageDomains: readonly string[];
  /** Renders markdown with the element's safe renderer. */
  markdown(text: string, streaming: boolean): unknown;
}

/** The list of messages in the open thread. */
export function renderMessages(props: MessagesProps): TemplateResult {
  prepareTimestamps(props.locale);
  prepareMarkdown();
  // Answers of the running response get their actions once it ends.
  const running = props.actions?.busy
    ? props.items.findLastIndex((item) => item.type === 'user_message')
    : props.items.length;
  // The notices after an item are entries of their own (only where there are some): rows need no
  // wrapper, and a notice arriving or leaving does not make its row again.
  const entries: [key: string, content: unknown][] = [];
  props.items.forEach((item, index) => {
    entries.push([item.id, renderRow(item, props, index > running)]);
    const after = props.after?.(item.id);
    if (after && after !== nothing) entries.push([`after ${item.id}`, after]);
  });
  return html`${repeat(
    entries,
    ([key]) => key,
    ([, content]) => content,
  )}`;
}

/**
 * A message whose inputs did not change is not rendered again: while an answer streams, Lit skips
 * every finished message instead of walking its template on each update. Other items (tools,
 * widgets, tasks) and messages with attachments keep state of their own and always render.
 */
function renderRow(item: ThreadItem, props: MessagesProps, running: boolean): unknown {
  const plain = item.type === 'assistant_message' || (item.type === 'user_message' && !item.attachments?.length);
  if (!plain) return renderItem(item, props, running);
  const actions = props.actions;
  const inputs = [
    item,
    props.streaming.has(item.id),
    running,
    props.incomplete?.has(item.id),
    props.strings,
    props.locale,
    props.allowedImageDomains,
    actions?.actions,
    actions?.view,
    actions?.feedback.get(item.id),
    actions?.copied === item.id,
    actions?.busy,
  ];
  return guard(inputs, () => renderItem(item, props, running));
}

function renderItem(item: ThreadItem, props: MessagesProps, running = false): TemplateResult | typeof nothing {
  const streaming = props.streaming.has(item.id);
  const rich = props.renderRich?.(item, {
    streaming,
    allowedImageDomains: props.allowedImageDomains,
    markdown: (text, live) =>
      renderAssistantText(text, {
        streaming: live,
        annotations: NO_ANNOTATIONS,
        allowedImageDomains: props.allowedImageDomains,
        strings: { copy: props.strings.copy, copied: props.strings.copied },
      }),
  });
  if (rich) return rich;
  switch (item.type) {
    case 'user_message':
      return html`<div part="message user-message" class="message user" data-id=${item.id}>
        ${item.content.length ? html`<div class="bubble" dir="auto">${item.content.map((part) => part.text).join('')}</div>` : nothing}
        ${timestamp(item.created_at, props.locale)}
        ${renderSent(item.attachments ?? [], props.imageAllowed ?? (() => false))}
      </div>`;
    case 'assistant_message':
      return renderAssistant(item, streaming, props, running);
    case 'client_tool_call':
      return html`<div part="tool" class="activity tool ${item.status}" data-id=${item.id}>
        ${format(item.status === 'pending' ? props.strings.toolRunning : props.strings.toolDone, { name: humanize(item.name) })}
      </div>`;
    case 'widget':
      return fallback(item.id, item.copy_text ?? widgetText(item.widget) ?? props.strings.widget);
    case 'generated_image':
      return fallback(item.id, props.strings.image);
    case 'task':
      return fallback(item.id, item.task.title ?? ('content' in item.task ? item.task.content : undefined) ?? '');
    case 'workflow':
      return html`<div part="workflow" class="activity workflow" data-id=${item.id}>
        <ul>
          ${item.workflow.tasks.map((task) => html`<li>${task.title ?? ('content' in task ? task.content : '')}</li>`)}
        </ul>
      </div>`;
    case 'structured_input': {
      // No line breaks around the questions: the fallback keeps white space (pre-wrap).
      const questions = item.inputs.map((input) => html`<p dir="auto">${input.question}</p>`);
      return html`<div part="structured-input" class="activity fallback" data-id=${item.id}>${questions}</div>`;
    }
    default:
      return nothing;
  }
}

function renderAssistant(
  item: AssistantMessageItem,
  streaming: boolean,
  props: MessagesProps,
  running: boolean,
): TemplateResult {
  const strings = { copy: props.strings.copy, copied: props.strings.copied };
  const incomplete = props.incomplete?.has(item.id) ?? false;
  const actions = props.actions?.actions;
  return html`<div
    part="message assistant-message"
    class="message assistant ${streaming ? 'streaming' : ''} ${incomplete ? 'incomplete' : ''}"
    data-id=${item.id}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    <div class="bubble" dir="auto">
      ${item.content.map((part, index) =>
        renderAssistantText(part.text, {
          streaming,
          annotations: part.annotations ?? NO_ANNOTATIONS,
          allowedImageDomains: props.allowedImageDomains,
          strings,
          live: props.live && { registry: props.live, key: liveKey(item.id, index) },
        }),
      )}
      ${incomplete ? html`<p class="incomplete-note">${props.strings.incomplete}</p>` : nothing}
    </div>
    ${streaming ? nothing : timestamp(item.created_at, props.locale)}
    ${actions && !streaming && !running && (actions.copy || actions.feedback || actions.retry) ? (props.actions!.view?.(item, props.actions!) ?? ACTIONS_PENDING) : nothing}
  </div>`;
}

/** The actions' row while they load: it holds their place, with one empty row action. */
const ACTIONS_PENDING = html`<div class="item-actions" aria-hidden="true"><span class="row-action"></span></div>`;

/** The key a streaming answer's text part registers under in `LiveMarkdown`. */
export function liveKey(itemId: string, index: number): string {
  return `${index}:${itemId}`;
}

/** A function name as words: "get_selected_items" and "getSelectedItems" read "get selected items". */
function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim();
  return words ? words.toLowerCase() : name;
}

const formatters = new Map<string, Intl.DateTimeFormat[]>();

/** The time-only and the date-and-time formats of a locale, made on first use. */
function formattersFor(locale: string): Intl.DateTimeFormat[] {
  let found = formatters.get(locale);
  if (!found) {
    const make = (options: Intl.DateTimeFormatOptions) => {
      try {
        return new Intl.DateTimeFormat(locale, options);
      } catch {
        return new Intl.DateTimeFormat(undefined, options);
      }
    };
    found = [make({ timeStyle: 'short' }), make({ dateStyle: 'medium', timeStyle: 'short' })];
    formatters.set(locale, found);
  }
  return found;
}

/**
 * Makes the locale's formats while the page is idle. The first date format a page makes loads the
 * browser's locale data, a task of 100 ms or more: done here, it does not hold up the first
 * message of a conversation (or the first token of its answer).
 */
function prepareTimestamps(locale: string): void {
  if (formatters.has(locale) || preparing.has(locale)) return;
  preparing.add(locale);
  whenIdle(() => formattersFor(locale));
}
const preparing = new Set<string>();

/**
 * When a message was written, in the locale (time only for today's): shown on hover or focus,
 * always in the accessibility tree. A plain `<time>`, made again only when its row renders again:
 * a thread's rows keep no template parts or strings for it.
 */
function timestamp(iso: string, locale: string): HTMLElement | typeof nothing {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return nothing;
  const today = date.toDateString() === new Date().toDateString();
  const time = document.createElement('time');
  time.className = 'timestamp';
  time.dateTime = iso;
  time.textContent = formattersFor(locale)[today ? 0 : 1]!.format(date);
  return time;
}

const NO_ANNOTATIONS: readonly Annotation[] = [];

function fallback(id: string, text: string): TemplateResult {
  return html`<div part="fallback" class="activity fallback" data-id=${id} dir="auto">${text}</div>`;
}

/** The text of the first text-bearing components of a widget tree. */
function widgetText(node: WidgetNode): string | undefined {
  const own = typeof node.value === 'string' ? node.value : typeof node.text === 'string' ? node.text : undefined;
  const children = Array.isArray(node.children) ? node.children : node.children ? [node.children] : [];
  const parts = [own, ...children.map(widgetText)].filter((part): part is string => !!part);
  return parts.length ? parts.join(' ') : undefined;
}
