/**
 * Workflows and tasks (the activity view), structured input questions and generated images.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type {
  GeneratedImageItem,
  Source,
  StructuredInputItem,
  StructuredInputSubmission,
  Task,
  WorkflowItem,
} from '../protocol/types.js';
import { isAllowedImage, isSafeUrl } from '../markdown/url.js';
import type { RichContext } from './context.js';
import { icon } from './icons.js';

const TASK_ICONS: Record<Task['type'], string> = {
  custom: 'sparkle',
  web_search: 'globe',
  thought: 'lightbulb',
  file: 'document',
  image: 'images',
};

function source(s: Source): TemplateResult {
  if (s.type === 'url' && isSafeUrl(s.url)) {
    return html`<li><a href=${s.url} target="_blank" rel="noopener noreferrer nofollow">${s.title || s.url}</a></li>`;
  }
  return html`<li>${s.type === 'file' ? s.filename || s.title : s.title}</li>`;
}

function renderTask(task: Task, ctx: RichContext): TemplateResult {
  const state = task.status_indicator ?? 'none';
  const marker =
    state === 'loading'
      ? html`<span class="w-spinner" role="img" aria-label=${ctx.strings.working}></span>`
      : state === 'complete'
        ? html`<span class="w-done" role="img" aria-label=${ctx.strings.done}>${icon('check', 14)}</span>`
        : icon(task.type === 'custom' ? (task.icon ?? 'sparkle') : TASK_ICONS[task.type], 14);
  const title = task.type === 'web_search' ? (task.title ?? task.title_query) : task.title;
  let body: unknown = nothing;
  switch (task.type) {
    case 'custom':
    case 'thought':
      body = task.content
        ? html`<div class="w-task-content">${ctx.markdown(task.content, state === 'loading' && ctx.streaming)}</div>`
        : nothing;
      break;
    case 'web_search':
      body = html`${task.queries?.length ? html`<ul class="w-queries">${task.queries.map((q) => html`<li>${icon('search', 12)}${q}</li>`)}</ul>` : nothing}
        ${task.sources?.length ? html`<ul class="w-sources">${task.sources.map(source)}</ul>` : nothing}`;
      break;
    case 'file':
      body = task.sources?.length ? html`<ul class="w-sources">${task.sources.map(source)}</ul>` : nothing;
      break;
    case 'image':
      break;
  }
  return html`<li class="w-task w-task-${task.type}" data-state=${state}>
    <div class="w-task-head">${marker}<span class="w-task-title" dir="auto">${title ?? ''}</span></div>${body}
  </li>`;
}

/** A standalone task card; part `task`. */
export function renderTaskItem(id: string, task: Task, ctx: RichContext): TemplateResult {
  return html`<ul part="task" class="w-tasks w-task-card" data-id=${id}>${renderTask(task, ctx)}</ul>`;
}

/** The collapsible activity view of a workflow; part `workflow`. */
export function renderWorkflow(item: WorkflowItem, ctx: RichContext): TemplateResult {
  const { workflow } = item;
  const done = !ctx.streaming;
  const open = ctx.expanded.get(item.id) ?? (done ? workflow.expanded : true);
  const summary = workflow.summary;
  const title =
    summary && 'title' in summary
      ? summary.title
      : summary && 'duration' in summary
        ? `${ctx.strings.done} · ${Math.round(summary.duration)} s`
        : done
          ? ctx.strings.done
          : ctx.strings.working;
  const summaryIcon =
    summary && 'icon' in summary && summary.icon
      ? icon(summary.icon, 14)
      : done
        ? icon('check-circle', 14)
        : html`<span class="w-spinner" aria-hidden="true"></span>`;
  const listId = `w-${item.id}-tasks`;
  return html`<div part="workflow" class="w-workflow" data-id=${item.id} aria-busy=${done ? 'false' : 'true'}>
    <button type="button" class="w-workflow-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${listId} @click=${() => ctx.toggle(item.id, !open)}>
      ${summaryIcon}<span dir="auto">${title}</span>${icon(open ? 'chevron-left' : 'chevron-right', 12)}
    </button>
    <ol class="w-tasks" id=${listId} ?hidden=${!open}>${workflow.tasks.map((task) => renderTask(task, ctx))}</ol>
  </div>`;
}

/** Structured input: an accessible form while pending, the answers read-only afterwards; part `structured-input`. */
export function renderStructuredInput(item: StructuredInputItem, ctx: RichContext): TemplateResult {
  if (item.status !== 'pending') {
    return html`<dl part="structured-input" class="w-structured w-answered" data-id=${item.id}>
      ${item.inputs.map(
        (q) => html`<dt dir="auto">${q.question}</dt>
        <dd dir="auto">${!q.answer || q.answer.skipped || item.status === 'skipped' ? html`<em>${ctx.strings.skipped}</em>` : q.answer.values.join(', ')}</dd>`,
      )}
    </dl>`;
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const answers: StructuredInputSubmission['answers'] = {};
    for (const q of item.inputs) {
      const values = data
        .getAll(q.id)
        .map(String)
        .map((v) => v.trim())
        .filter(Boolean);
      answers[q.id] = { values, skipped: values.length === 0 };
    }
    ctx.answer(item.id, { status: 'answered', answers });
  };
  const busy = ctx.busy.has(item.id);
  return html`<form part="structured-input" class="w-structured" data-id=${item.id} @submit=${submit} aria-busy=${busy ? 'true' : 'false'}>
    ${item.inputs.map((q, index) => {
      const id = `w-${item.id}-q${index}`;
      if (q.type === 'freeform') {
        return html`<div class="w-question">
          <label for=${id} dir="auto">${q.question}</label>
          ${q.description ? html`<p class="w-caption" id="${id}-d" dir="auto">${q.description}</p>` : nothing}
          <textarea id=${id} name=${q.id} rows="2" class="w-field w-outline" aria-describedby=${q.description ? `${id}-d` : nothing} ?disabled=${busy}></textarea>
        </div>`;
      }
      return html`<fieldset class="w-question">
        <legend dir="auto">${q.question}</legend>
        ${q.options.map((o) => html`<label class="w-check"><input type=${q.multiple ? 'checkbox' : 'radio'} name=${q.id} value=${o.value} ?disabled=${busy} />${o.value}</label>`)}
      </fieldset>`;
    })}
    <div class="w-card-actions">
      <button type="button" class="w-button w-tone-secondary w-soft" ?disabled=${busy} @click=${() => ctx.answer(item.id, { status: 'skipped', answers: {} })}>${ctx.strings.skip}</button>
      <button type="submit" class="w-button w-tone-primary w-solid" ?disabled=${busy}>${ctx.strings.submit}</button>
    </div>
  </form>`;
}

/** A generated image, with a placeholder while it generates; part `generated-image`. */
export function renderGeneratedImage(item: GeneratedImageItem, ctx: RichContext): TemplateResult {
  const url = item.image?.url;
  const allowed = url !== undefined && isAllowedImage(url, ctx.allowedImageDomains);
  return html`<figure part="generated-image" class="w-generated" data-id=${item.id} aria-busy=${ctx.streaming ? 'true' : 'false'}>
    ${
      allowed
        ? html`<img src=${url} alt=${ctx.strings.generatedImage} referrerpolicy="no-referrer" class=${ctx.streaming ? 'w-partial' : ''} />`
        : html`<div class="w-placeholder" role="img" aria-label=${url && !ctx.streaming ? ctx.strings.imageBlocked : ctx.strings.generatingImage}>
          ${url && !ctx.streaming ? icon('square-image', 24) : html`<span class="w-spinner" aria-hidden="true"></span>`}
        </div>`
    }
  </figure>`;
}
