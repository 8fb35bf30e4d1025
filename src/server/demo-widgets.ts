/**
 * The demo agent's widget words: `widget` (a card with a form, a chart and action buttons),
 * `workflow` (a thinking view that streams its tasks), `question` (structured input) and `canvas`
 * (buttons with client actions, which demo/canvas.html turns into selections and markers), plus
 * `demoWidgetAction` and `demoWidgetSyncAction` to pass to `ChatKitServer` as `action` and `syncAction`.
 */
import type { StructuredInputItem, Task, ThreadMetadata, ThreadStreamEvent, WidgetItem } from '../protocol/types.js';
import type { ActionFn, RespondContext, SyncActionFn } from './types.js';
import { streamAssistantText } from './respond-helpers.js';
import * as w from './widgets/builders.js';
import { streamWidget } from './widgets/stream.js';

/** What a widget word needs from the demo agent's turn. */
export interface DemoWidgetTurn {
  thread: ThreadMetadata;
  ctx: RespondContext<unknown>;
  say(text: string): AsyncGenerator<ThreadStreamEvent>;
  pause(ms: number): Promise<void>;
}

const orderCard = (note: string) =>
  w.Card({
    status: { text: 'Order #42', icon: 'suitcase' },
    children: [
      w.Row({
        children: [w.Title({ value: 'Your order' }), w.Spacer({}), w.Badge({ label: 'Shipped', color: 'success' })],
      }),
      w.Text({ id: 'note', value: note, color: 'secondary' }),
      w.Chart({
        data: [
          { d: 'Mon', n: 2 },
          { d: 'Tue', n: 5 },
          { d: 'Wed', n: 3 },
        ],
        series: [{ type: 'bar', dataKey: 'n', label: 'Parcels' }],
        xAxis: 'd',
        height: 120,
      }),
      w.Form({
        onSubmitAction: { type: 'demo.feedback' },
        children: [
          w.Label({ value: 'How was it?', fieldName: 'rating' }),
          w.Select({
            name: 'rating',
            options: [
              { value: 'great', label: 'Great' },
              { value: 'ok', label: 'OK' },
            ],
            defaultValue: 'great',
          }),
          w.Row({
            children: [
              w.Button({ label: 'Send feedback', submit: true, iconStart: 'check' }),
              w.Button({
                label: 'Star it',
                style: 'secondary',
                iconStart: 'star',
                onClickAction: { type: 'demo.star', streaming: false },
              }),
            ],
          }),
        ],
      }),
    ],
  });

/** Buttons that act on the page: client actions reach it as `stream-chat-action`, nothing is posted. */
const canvasCard = () =>
  w.Card({
    children: [
      w.Title({ value: 'Canvas controls' }),
      w.Text({ value: 'These buttons act on the page, not on the server.', color: 'secondary' }),
      w.Row({
        gap: 2,
        wrap: 'wrap',
        children: [
          w.Button({
            label: 'Select all',
            iconStart: 'check',
            onClickAction: { type: 'canvas.select', payload: { ids: 'all' }, handler: 'client' },
          }),
          w.Button({
            label: 'Clear selection',
            style: 'secondary',
            onClickAction: { type: 'canvas.select', payload: { ids: [] }, handler: 'client' },
          }),
          w.Button({
            label: 'Mark the centre',
            style: 'secondary',
            iconStart: 'map-pin',
            onClickAction: {
              type: 'canvas.marker',
              payload: { id: 'centre', label: 'Centre', lat: 0, lng: 0 },
              handler: 'client',
            },
          }),
        ],
      }),
    ],
  });

async function* typing(turn: DemoWidgetTurn) {
  const text = 'Packed, shipped and on its way to you.';
  for (let end = 0; end <= text.length; end += 6) {
    yield orderCard(text.slice(0, end));
    await turn.pause(40);
  }
  yield orderCard(text);
}

/** The widget words, in the shape of the demo agent's commands. */
export const WIDGET_COMMANDS = [
  {
    keyword: 'widget',
    aliases: ['card'],
    description:
      'Streams a widget (a card with a chart, a form and buttons; its text types itself in). "Send feedback" posts a streaming action, "Star it" a sync action.',
    run: (turn: DemoWidgetTurn) =>
      streamWidget(turn.ctx, turn.thread, typing(turn), { copyText: 'Your order has shipped.' }),
  },
  {
    keyword: 'canvas',
    aliases: ['controls'],
    description:
      'Shows a widget whose buttons drive the page through client actions (`stream-chat-action`): on /demo/canvas.html they select the shapes and drop a marker.',
    run: (turn: DemoWidgetTurn) => streamWidget(turn.ctx, turn.thread, canvasCard(), { copyText: 'Canvas controls' }),
  },
  {
    keyword: 'workflow',
    aliases: ['thinking'],
    description: 'Streams a workflow: tasks appear one by one, then it collapses under its summary.',
    async *run(turn: DemoWidgetTurn): AsyncGenerator<ThreadStreamEvent> {
      const base = {
        id: turn.ctx.newItemId('workflow'),
        thread_id: turn.thread.id,
        created_at: turn.ctx.now(),
        type: 'workflow',
      } as const;
      const tasks: Task[] = [
        {
          type: 'thought',
          title: 'Thinking it through',
          content: 'Which sources answer this best?',
          status_indicator: 'complete',
        },
        {
          type: 'web_search',
          title_query: 'chatkit widgets',
          queries: ['chatkit widgets'],
          sources: [{ type: 'url', title: 'ChatKit docs', url: 'https://openai.github.io/chatkit-python/' }],
          status_indicator: 'complete',
        },
        { type: 'custom', title: 'Wrote the answer', icon: 'write', status_indicator: 'complete' },
      ];
      yield { type: 'thread.item.added', item: { ...base, workflow: { type: 'custom', tasks: [], expanded: true } } };
      for (const [index, task] of tasks.entries()) {
        await turn.pause(300);
        yield {
          type: 'thread.item.updated',
          item_id: base.id,
          update: { type: 'workflow.task.added', task_index: index, task: { ...task, status_indicator: 'loading' } },
        };
        await turn.pause(300);
        yield {
          type: 'thread.item.updated',
          item_id: base.id,
          update: { type: 'workflow.task.updated', task_index: index, task },
        };
      }
      yield {
        type: 'thread.item.done',
        item: {
          ...base,
          workflow: { type: 'custom', tasks, summary: { title: 'Researched for 2 seconds' }, expanded: false },
        },
      };
      yield* turn.say('Done: the steps are folded away above.');
    },
  },
  {
    keyword: 'question',
    aliases: ['ask'],
    description: 'Asks structured questions (single choice, multiple choice, free text) with Submit and Skip.',
    async *run(turn: DemoWidgetTurn): AsyncGenerator<ThreadStreamEvent> {
      yield {
        type: 'thread.item.done',
        item: {
          id: turn.ctx.newItemId('message'),
          thread_id: turn.thread.id,
          created_at: turn.ctx.now(),
          type: 'structured_input',
          status: 'pending',
          inputs: [
            {
              type: 'multiple_choice',
              id: 'size',
              question: 'Which size?',
              options: [{ value: 'Small' }, { value: 'Large' }],
              multiple: false,
            },
            {
              type: 'multiple_choice',
              id: 'extras',
              question: 'Any extras?',
              options: [{ value: 'Gift wrap' }, { value: 'Card' }],
              multiple: true,
            },
            { type: 'freeform', id: 'note', question: 'A note for us?' },
          ],
        },
      };
    },
  },
];

/** After a structured input answer: says what was answered, or undefined when the newest item is something else. */
export async function answerAfterStructuredInput(turn: DemoWidgetTurn): Promise<string | undefined> {
  const [newest] = (await turn.ctx.store.loadThreadItems(turn.thread.id, undefined, 1, 'desc', turn.ctx.context)).data;
  if (newest?.type !== 'structured_input') return undefined;
  const item: StructuredInputItem = newest;
  if (item.status === 'skipped') return 'No problem, we can skip that.';
  return item.inputs
    .map((q) => `- ${q.question} ${q.answer?.skipped ? '*(skipped)*' : (q.answer?.values ?? []).join(', ')}`)
    .join('\n');
}

/** The demo's `action` hook: answers each widget action in words. */
export const demoWidgetAction: ActionFn = async function* (thread, action, _sender, ctx) {
  const words = `You sent the action \`${action.type}\` with \`${JSON.stringify(action.payload ?? null)}\`.`.split(
    /(?<= )/,
  );
  yield* streamAssistantText(ctx, thread, words);
};

/** The demo's `syncAction` hook: "Star it" updates the card in place (and saves it). */
export const demoWidgetSyncAction: SyncActionFn = async (thread, action, sender, ctx) => {
  if (!sender || action.type !== 'demo.star') return {};
  const updated: WidgetItem = { ...sender, widget: orderCard('Starred. Thanks!') };
  await ctx.store.saveItem(thread.id, updated, ctx.context);
  return { updated_item: updated };
};
