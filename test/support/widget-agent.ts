/**
 * Scenario agent for widget, workflow, structured input and generated image tests. The user's
 * message names the scenario (`all`, `stream`, `actions`, `form`, `workflow`, `question`, `image`,
 * `hostile`); the request context is the page's host name, which the agent allows for images.
 * `gate NAME` steps wait until the test POSTs `/api/widgets-gate/NAME`.
 */
import type {
  JsonObject,
  StructuredInputItem,
  ThreadItem,
  ThreadMetadata,
  WidgetItem,
} from '../../src/protocol/types.js';
import {
  streamAssistantText,
  streamWidget,
  widgets as w,
  type ActionFn,
  type RespondContext,
  type RespondFn,
  type SyncActionFn,
  type WidgetRoot,
} from '../../src/server/index.js';

/** The page's origin as the browser sees it (`http://localhost:8000`). */
export interface WidgetContext {
  origin: string;
}

/** Gates opened before anyone waited, and the waiters of closed ones. */
const opened = new Set<string>();
const waiters = new Map<string, () => void>();

/** Waits until the test opens gate `name` (each opening lets one waiter through). */
function gate(name: string): Promise<void> {
  if (opened.delete(name)) return Promise.resolve();
  return new Promise<void>((resolve) => waiters.set(name, resolve));
}

/** Opens gate `name` (the test's POST /api/widgets-gate/NAME). */
export function openGate(name: string): void {
  const waiter = waiters.get(name);
  if (!waiter) {
    opened.add(name);
    return;
  }
  waiters.delete(name);
  waiter();
}

const words = (text: string) => text.split(/(?<= )/);

function allowImages(thread: ThreadMetadata, ctx: RespondContext<WidgetContext>): string {
  thread.allowed_image_domains = [new URL(ctx.context.origin).hostname];
  return `${ctx.context.origin}/test/support/pixel.svg`;
}

/** A card with every component of the schema. */
function everything(image: string): WidgetRoot {
  return w.Card({
    size: 'md',
    status: { text: 'Status line', icon: 'info' },
    confirm: { label: 'Confirm', action: { type: 'confirm' } },
    cancel: { label: 'Cancel', action: { type: 'cancel', handler: 'client' } },
    children: [
      w.Row({
        gap: 2,
        align: 'center',
        children: [
          w.Icon({ name: 'star', color: 'warning' }),
          w.Title({ value: 'Title text', size: 'lg' }),
          w.Spacer({}),
          w.Badge({ label: 'Badge text', color: 'success' }),
        ],
      }),
      w.Caption({ value: 'Caption text' }),
      w.Text({ value: 'Body text', color: 'secondary', weight: 'semibold' }),
      w.Markdown({ value: '**Bold markdown**' }),
      w.Divider({}),
      w.Box({
        direction: 'row',
        padding: 2,
        background: 'surface-secondary',
        radius: 'md',
        border: { size: 1, color: 'blue-500' },
        children: [w.Text({ value: 'In a box' })],
      }),
      w.Col({
        gap: 1,
        children: [
          w.Image({ src: image, alt: 'A pixel', width: 16, height: 16 }),
          w.Image({ src: 'https://elsewhere.example/x.png', alt: 'Off-domain' }),
        ],
      }),
      w.Form({
        onSubmitAction: { type: 'form.submit', payload: { kept: 'action wins', name: 'from action' } },
        children: [
          w.Label({ value: 'Your name', fieldName: 'name' }),
          w.Input({ name: 'name', defaultValue: 'Ada' }),
          w.Label({ value: 'Notes', fieldName: 'notes' }),
          w.Textarea({ name: 'notes', defaultValue: 'Hello' }),
          w.Label({ value: 'Plan', fieldName: 'plan' }),
          w.Select({
            name: 'plan',
            options: [
              { value: 'free', label: 'Free' },
              { value: 'pro', label: 'Pro' },
            ],
            defaultValue: 'pro',
          }),
          w.Label({ value: 'Start', fieldName: 'when.start' }),
          w.DatePicker({ name: 'when.start', defaultValue: '2026-01-15T00:00:00Z' }),
          w.Checkbox({ name: 'agree', label: 'I agree', defaultChecked: true }),
          w.RadioGroup({
            name: 'size',
            ariaLabel: 'Size',
            options: [
              { label: 'Small', value: 's' },
              { label: 'Large', value: 'l' },
            ],
            defaultValue: 'l',
          }),
          w.Transition({ children: w.Text({ value: 'In a transition' }) }),
          w.Button({ label: 'Send form', submit: true, iconStart: 'check' }),
        ],
      }),
      w.Chart({
        data: [
          { m: 'Jan', a: 3, b: 1 },
          { m: 'Feb', a: 5, b: 2 },
        ],
        series: [
          { type: 'bar', dataKey: 'a', label: 'Apples' },
          { type: 'line', dataKey: 'b', label: 'Bananas' },
          { type: 'area', dataKey: 'b', label: 'Area' },
        ],
        xAxis: 'm',
      }),
      w.Button({ label: 'Disabled', disabled: true, style: 'secondary' }),
      { type: 'Mystery', value: 'unknown component text' } as unknown as ReturnType<typeof w.Text>,
    ],
  });
}

function actionsWidget(): WidgetRoot {
  return w.ListView({
    children: [
      w.ListViewItem({ onClickAction: { type: 'pick', payload: { id: 1 } }, children: [w.Text({ value: 'Pick me' })] }),
      w.ListViewItem({
        children: [
          w.Button({
            label: 'Server',
            onClickAction: { type: 'srv', payload: { gate: 'srv' }, loadingBehavior: 'self' },
          }),
          w.Button({
            label: 'Container',
            onClickAction: { type: 'box', payload: { gate: 'box' }, loadingBehavior: 'container' },
          }),
          w.Button({ label: 'Quiet', onClickAction: { type: 'quiet', loadingBehavior: 'none' } }),
          w.Button({ label: 'Client', onClickAction: { type: 'local', payload: { x: 1 }, handler: 'client' } }),
          w.Button({ label: 'Sync', onClickAction: { type: 'toggle', payload: { on: true }, streaming: false } }),
          w.Select({
            name: 'plan',
            options: [
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ],
            placeholder: 'Plan',
            onChangeAction: { type: 'plan.changed' },
          }),
        ],
      }),
    ],
  });
}

/** A card that is a form: required, patterned and disabled fields, confirm and cancel that wait at gates. */
function formCard(): WidgetRoot {
  return w.Card({
    asForm: true,
    confirm: { label: 'Book', action: { type: 'book', payload: { gate: 'book' } } },
    cancel: { label: 'Cancel', action: { type: 'cancel', payload: { gate: 'cancel' } } },
    children: [
      w.Title({ value: 'Book a table' }),
      w.Label({ value: 'Name', fieldName: 'name' }),
      w.Input({ name: 'name', required: true, placeholder: 'Your name' }),
      w.Label({ value: 'Phone', fieldName: 'phone' }),
      w.Input({ name: 'phone', inputType: 'tel', pattern: '[0-9 ]{6,}', defaultValue: 'call me' }),
      w.Label({ value: 'Table', fieldName: 'table' }),
      w.Select({
        name: 'table',
        disabled: true,
        defaultValue: 't1',
        options: [
          { value: 't1', label: 'By the window' },
          { value: 't2', label: 'Inside' },
        ],
      }),
      w.Label({ value: 'Notes', fieldName: 'notes' }),
      w.Textarea({ name: 'notes', disabled: true, defaultValue: 'Fixed by the restaurant' }),
      w.Checkbox({ name: 'terms', label: 'I accept the terms', required: true }),
      w.Button({ label: 'Not now', disabled: true, style: 'secondary' }),
    ],
  });
}

async function* streamed(): AsyncGenerator<WidgetRoot> {
  const card = (body: string, title = 'Live') =>
    w.Card({
      children: [
        w.Title({ value: title }),
        w.Text({ id: 'body', value: body, streaming: true }),
        w.Input({ name: 'q', placeholder: 'Type here' }),
        w.Badge({ id: 'state', label: 'Streaming' }),
      ],
    });
  yield card('');
  await gate('stream');
  yield card('Hello');
  yield card('Hello world');
  yield card('Hello world', 'Changed title');
}

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>javascript:alert(1)`;
function hostile(): WidgetRoot {
  const evil = 'https://evil.example/x.png';
  return w.Card({
    background: `url(${evil})` as string,
    padding: 'calc(1px); background:url(https://evil.example/p)' as string,
    status: { text: HOSTILE, favicon: evil },
    children: [
      w.Text({ value: HOSTILE, color: `red; background:url(${evil})` }),
      w.Title({ value: HOSTILE, color: { light: `url(${evil})`, dark: 'expression(alert(1))' } }),
      w.Markdown({ value: `[x](javascript:alert(1)) ![i](${evil}) ${HOSTILE}` }),
      w.Image({ src: evil, alt: HOSTILE }),
      w.Image({ src: 'javascript:alert(1)', alt: 'js' }),
      w.Box({
        width: `100px;background:url(${evil})`,
        background: `url(${evil})`,
        children: [w.Badge({ label: HOSTILE })],
      }),
      w.Icon({ name: `lucide:${HOSTILE}` as 'star' }),
      w.Button({ label: HOSTILE, iconStart: `vendor:${evil}` as 'star', onClickAction: { type: HOSTILE } }),
      w.Input({ name: `"><img src=${evil}>`, placeholder: HOSTILE, defaultValue: HOSTILE }),
      w.Select({ name: 'h', options: [{ value: HOSTILE, label: HOSTILE }] }),
      { type: 'script', value: HOSTILE, src: evil } as unknown as ReturnType<typeof w.Text>,
      {
        type: 'Text',
        value: 'ok',
        onclick: 'window.__pwned=1',
        style: `background:url(${evil})`,
      } as unknown as ReturnType<typeof w.Text>,
    ],
  });
}

async function newestStructured(
  thread: ThreadMetadata,
  ctx: RespondContext<WidgetContext>,
): Promise<StructuredInputItem | undefined> {
  const items = await ctx.store.loadThreadItems(thread.id, undefined, 20, 'desc', ctx.context);
  return items.data.find((item): item is StructuredInputItem => item.type === 'structured_input');
}

export const widgetAgent: RespondFn<WidgetContext> = async function* (thread, item, ctx) {
  if (!item) {
    const answered = await newestStructured(thread, ctx);
    const summary = answered?.inputs
      .map((q) => `${q.id}=${q.answer?.skipped ? 'skipped' : (q.answer?.values ?? []).join('+')}`)
      .join(' ');
    yield* streamAssistantText(ctx, thread, words(`${answered?.status}: ${summary}`));
    return;
  }
  const text = item.content.map((part) => part.text).join('');
  const image = allowImages(thread, ctx);
  const base = (kind: 'message' | 'workflow') => ({
    id: ctx.newItemId(kind),
    thread_id: thread.id,
    created_at: ctx.now(),
  });
  switch (text) {
    case 'all':
      yield* streamWidget(ctx, thread, everything(image), { copyText: 'Everything' });
      return;
    case 'actions':
      yield* streamWidget(ctx, thread, actionsWidget());
      return;
    case 'form':
      yield* streamWidget(ctx, thread, formCard());
      return;
    case 'stream': {
      // streamWidget's events, plus a widget.component.updated before the item is done.
      const done = { id: 'state', type: 'Badge', label: 'Done' } as const;
      for await (const event of streamWidget(ctx, thread, streamed())) {
        if (event.type === 'thread.item.done' && event.item.type === 'widget') {
          yield {
            type: 'thread.item.updated',
            item_id: event.item.id,
            update: { type: 'widget.component.updated', component_id: 'state', component: done },
          };
          await gate('stream-done');
          const children = Array.isArray(event.item.widget.children) ? event.item.widget.children : [];
          yield {
            ...event,
            item: {
              ...event.item,
              widget: {
                ...event.item.widget,
                children: children.map((child) => (child.id === 'state' ? done : child)),
              },
            },
          };
        } else {
          yield event;
        }
      }
      return;
    }
    case 'hostile':
      yield* streamWidget(ctx, thread, hostile());
      return;
    case 'workflow': {
      const id = base('workflow');
      yield {
        type: 'thread.item.added',
        item: { ...id, type: 'workflow', workflow: { type: 'custom', tasks: [], expanded: false } },
      };
      yield {
        type: 'thread.item.updated',
        item_id: id.id,
        update: {
          type: 'workflow.task.added',
          task_index: 0,
          task: { type: 'thought', title: 'Thinking', content: 'Weighing *options*', status_indicator: 'loading' },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: id.id,
        update: {
          type: 'workflow.task.added',
          task_index: 1,
          task: {
            type: 'web_search',
            title_query: 'weather',
            queries: ['weather paris'],
            sources: [
              { type: 'url', title: 'Forecast', url: 'https://example.com/f' },
              { type: 'url', title: 'Bad', url: 'javascript:alert(1)' },
            ],
            status_indicator: 'loading',
          },
        },
      };
      await gate('workflow');
      yield {
        type: 'thread.item.updated',
        item_id: id.id,
        update: {
          type: 'workflow.task.updated',
          task_index: 0,
          task: {
            type: 'thought',
            title: 'Thought it over',
            content: 'Weighing *options*',
            status_indicator: 'complete',
          },
        },
      };
      yield {
        type: 'thread.item.done',
        item: {
          ...id,
          type: 'workflow',
          workflow: {
            type: 'custom',
            expanded: false,
            summary: { title: 'Checked the weather' },
            tasks: [
              {
                type: 'thought',
                title: 'Thought it over',
                content: 'Weighing *options*',
                status_indicator: 'complete',
              },
              {
                type: 'web_search',
                title_query: 'weather',
                queries: ['weather paris'],
                sources: [{ type: 'url', title: 'Forecast', url: 'https://example.com/f' }],
                status_indicator: 'complete',
              },
              {
                type: 'file',
                title: 'Read notes',
                sources: [{ type: 'file', title: 'notes.txt', filename: 'notes.txt' }],
                status_indicator: 'complete',
              },
              { type: 'image', title: 'Looked at a picture', status_indicator: 'complete' },
              { type: 'custom', title: 'Custom step', icon: 'bolt', content: 'did it', status_indicator: 'none' },
            ],
          },
        },
      };
      return;
    }
    case 'question':
      yield {
        type: 'thread.item.done',
        item: {
          ...base('message'),
          type: 'structured_input',
          status: 'pending',
          inputs: [
            {
              type: 'multiple_choice',
              id: 'color',
              question: 'Which colour?',
              options: [{ value: 'red' }, { value: 'blue' }],
              multiple: false,
            },
            {
              type: 'multiple_choice',
              id: 'days',
              question: 'Which days?',
              options: [{ value: 'mon' }, { value: 'tue' }, { value: 'wed' }],
              multiple: true,
            },
            { type: 'freeform', id: 'why', question: 'Why?', description: 'A sentence is enough' },
          ],
        },
      };
      return;
    case 'image': {
      const id = base('message');
      yield { type: 'thread.item.added', item: { ...id, type: 'generated_image' } };
      await gate('image');
      yield {
        type: 'thread.item.updated',
        item_id: id.id,
        update: { type: 'generated_image.updated', image: { id: 'img_1', url: `${image}?partial` }, progress: 0.5 },
      };
      yield { type: 'thread.item.done', item: { ...id, type: 'generated_image', image: { id: 'img_1', url: image } } };
      yield {
        type: 'thread.item.done',
        item: {
          ...base('message'),
          type: 'generated_image',
          image: { id: 'img_2', url: 'https://evil.example/i.png' },
        },
      };
      return;
    }
    default:
      yield* streamAssistantText(ctx, thread, words(`Unknown scenario ${text}`));
  }
};

/** Answers streaming actions with a line naming the action, its payload and its sender. */
export const widgetAction: ActionFn<WidgetContext> = async function* (thread, action, sender, ctx) {
  const payload = (action.payload ?? {}) as JsonObject;
  if (typeof payload.gate === 'string') await gate(payload.gate);
  yield* streamAssistantText(
    ctx,
    thread,
    words(`action ${action.type} ${JSON.stringify(action.payload ?? null)} from ${sender?.type ?? 'none'}`),
  );
};

/** Replaces the sender with a card that says what the sync action carried. */
export const widgetSyncAction: SyncActionFn<WidgetContext> = async (_thread, action, sender) => {
  if (!sender) return {};
  const updated: WidgetItem = {
    ...sender,
    widget: w.Card({ children: [w.Text({ value: `synced ${JSON.stringify(action.payload ?? null)}` })] }),
  };
  return { updated_item: updated as ThreadItem };
};
