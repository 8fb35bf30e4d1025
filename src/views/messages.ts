/**
 * Template functions for the message list and each kind of thread item.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Annotation, AssistantMessageItem, ThreadItem, WidgetNode } from '../protocol/types.js';
import { format, type Strings } from '../i18n.js';
import { renderAssistantText } from './assistant-text.js';

/** Data and callbacks the message list needs. */
export interface MessagesProps {
  items: readonly ThreadItem[];
  streaming: ReadonlySet<string>;
  allowedImageDomains: readonly string[];
  strings: Strings;
  /**
   * Renders widgets, workflows, tasks, structured input and generated images (loaded on first
   * use); undefined while loading, and the item shows as plain text meanwhile.
   */
  renderRich?: (item: ThreadItem, options: RichItemOptions) => TemplateResult | undefined;
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
  return html`${repeat(
    props.items,
    (item) => item.id,
    (item) => renderItem(item, props),
  )}`;
}

function renderItem(item: ThreadItem, props: MessagesProps): TemplateResult | typeof nothing {
  const streaming = props.streaming.has(item.id);
  const rich = props.renderRich?.(item, {
    streaming,
    allowedImageDomains: props.allowedImageDomains,
    markdown: (text, live) =>
      renderAssistantText(text, { streaming: live, annotations: NO_ANNOTATIONS, allowedImageDomains: props.allowedImageDomains, strings: { copy: props.strings.copy, copied: props.strings.copied } }),
  });
  if (rich) return rich;
  switch (item.type) {
    case 'user_message':
      return html`<div part="message user-message" class="message user" data-id=${item.id}>
        <div class="bubble" dir="auto">${item.content.map((part) => part.text).join('')}</div>
      </div>`;
    case 'assistant_message':
      return renderAssistant(item, streaming, props);
    case 'client_tool_call':
      return html`<div part="tool" class="activity tool ${item.status}" data-id=${item.id}>
        ${format(item.status === 'pending' ? props.strings.toolRunning : props.strings.toolDone, { name: item.name })}
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
    case 'structured_input':
      return html`<div part="structured-input" class="activity fallback" data-id=${item.id}>
        ${item.inputs.map((input) => html`<p dir="auto">${input.question}</p>`)}
      </div>`;
    default:
      return nothing;
  }
}

function renderAssistant(item: AssistantMessageItem, streaming: boolean, props: MessagesProps): TemplateResult {
  const strings = { copy: props.strings.copy, copied: props.strings.copied };
  return html`<div
    part="message assistant-message"
    class="message assistant ${streaming ? 'streaming' : ''}"
    data-id=${item.id}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    <div class="bubble" dir="auto">
      ${item.content.map((part) =>
        renderAssistantText(part.text, {
          streaming,
          annotations: part.annotations ?? NO_ANNOTATIONS,
          allowedImageDomains: props.allowedImageDomains,
          strings,
        }),
      )}
    </div>
  </div>`;
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
