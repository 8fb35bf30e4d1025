/**
 * Widgets in the server kit over real HTTP: streamWidget's event sequences and diffs (as
 * chatkit-python 1.6.5's stream_widget / diff_widget), the action and syncAction hooks, and
 * threads.add_structured_input's normalisation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StructuredInputItem, ThreadItem, WidgetItem, WidgetNode } from '../../src/protocol/types.js';
import {
  createDemoAgent,
  demoWidgetAction,
  demoWidgetSyncAction,
  diffWidget,
  streamWidget,
  widgets,
  type RespondFn,
  type WidgetRoot,
} from '../../src/server/index.js';
import { createdThreadId, createThread, startServer, types, type Harness, type HarnessOptions } from './harness.js';

async function withServer(
  respond: RespondFn,
  run: (h: Harness) => Promise<void>,
  options: HarnessOptions = {},
): Promise<void> {
  const harness = await startServer(respond, options);
  try {
    await run(harness);
  } finally {
    await harness.close();
  }
}

/** The first child of a widget node. */
const first = (node: WidgetNode) => (Array.isArray(node.children) ? node.children[0] : undefined);

const card = (text: string, streaming = true): WidgetRoot =>
  widgets.Card({
    children: [widgets.Title({ value: 'Weather' }), widgets.Text({ id: 'body', value: text, streaming })],
  });

async function* states(...roots: WidgetRoot[]): AsyncGenerator<WidgetRoot> {
  for (const root of roots) yield root;
}

describe('streamWidget', () => {
  it('sends a single widget as one thread.item.done, which the store keeps', () =>
    withServer(
      async function* (thread, item, ctx) {
        if (item) yield* streamWidget(ctx, thread, card('Sunny', false), { copyText: 'Sunny' });
      },
      async (h) => {
        const events = await h.stream(createThread('w'));
        const threadId = createdThreadId(events);
        assert.deepEqual(types(events), ['thread.created', 'thread.item.done', 'stream_options', 'thread.item.done']);
        const done = events[3];
        assert.equal(done?.type === 'thread.item.done' && done.item.type, 'widget');
        const item = (done as { item: WidgetItem }).item;
        assert.equal(item.copy_text, 'Sunny');
        assert.deepEqual(item.widget, {
          type: 'Card',
          children: [
            { type: 'Title', value: 'Weather' },
            { type: 'Text', id: 'body', value: 'Sunny', streaming: false },
          ],
        });
        assert.deepEqual(await h.store.loadItem(threadId, item.id, undefined), item);
      },
    ));

  it('diffs a sequence of states into value deltas and root updates, then done with the last state', () =>
    withServer(
      async function* (thread, item, ctx) {
        if (!item) return;
        const changed = widgets.Card({
          children: [
            widgets.Title({ value: 'Forecast' }),
            widgets.Text({ id: 'body', value: 'Sunny, 21°', streaming: false }),
          ],
        });
        yield* streamWidget(
          ctx,
          thread,
          states(card(''), card('Sun'), card('Sunny'), card('Sunny, 21°', false), changed),
        );
      },
      async (h) => {
        const events = (await h.stream(createThread('w'))).slice(3);
        const updates = events.flatMap((event) => (event.type === 'thread.item.updated' ? [event.update] : []));
        assert.deepEqual(types(events), [
          'thread.item.added',
          ...updates.map(() => 'thread.item.updated'),
          'thread.item.done',
        ]);
        // A changed `streaming` flag is a prop change like any other: the whole root goes again.
        assert.deepEqual(
          updates.map((update) => update.type),
          [
            'widget.streaming_text.value_delta',
            'widget.streaming_text.value_delta',
            'widget.root.updated',
            'widget.root.updated',
          ],
        );
        assert.deepEqual(updates.slice(0, 2), [
          { type: 'widget.streaming_text.value_delta', component_id: 'body', delta: 'Sun', done: false },
          { type: 'widget.streaming_text.value_delta', component_id: 'body', delta: 'ny', done: false },
        ]);
        const last = events.at(-1);
        assert.equal(
          last?.type === 'thread.item.done' &&
            last.item.type === 'widget' &&
            (first(last.item.widget)?.value as string),
          'Forecast',
        );
      },
    ));

  it('marks a delta done when the component is not streaming, and replaces the root on anything else', () => {
    assert.deepEqual(diffWidget(card('a', false), card('ab', false)), [
      { type: 'widget.streaming_text.value_delta', component_id: 'body', delta: 'b', done: true },
    ]);
    assert.equal(diffWidget(card('abc'), card('xyz'))[0]?.type, 'widget.root.updated');
    const withId = (id: string) => widgets.Basic({ children: [widgets.Text({ id, value: '' })] });
    assert.equal(diffWidget(withId('a'), withId('b'))[0]?.type, 'widget.root.updated');
    assert.deepEqual(diffWidget(card('a'), card('a')), []);
  });
});

describe('actions', () => {
  const withWidget: RespondFn = async function* (thread, item, ctx) {
    if (item)
      yield* streamWidget(
        ctx,
        thread,
        widgets.Card({ children: [widgets.Button({ id: 'b', label: 'Go', onClickAction: { type: 'go' } })] }),
      );
  };

  it('threads.custom_action hands the action and the widget item to `action`', async () => {
    const seen: unknown[] = [];
    await withServer(
      withWidget,
      async (h) => {
        const created = await h.stream(createThread('w'));
        const widget = (created[3] as { item: WidgetItem }).item;
        const events = await h.stream({
          type: 'threads.custom_action',
          params: { thread_id: widget.thread_id, item_id: widget.id, action: { type: 'go', payload: { n: 1 } } },
        });
        assert.deepEqual(types(events), ['stream_options', 'thread.item.done']);
        assert.deepEqual(seen, [{ type: 'go', payload: { n: 1 } }, widget.id]);
      },
      {
        action: async function* (thread, action, sender, ctx) {
          seen.push(action, sender?.id);
          yield* streamWidget(ctx, thread, widgets.Card({ children: [widgets.Text({ value: 'went' })] }));
        },
      },
    );
  });

  it('threads.sync_custom_action answers the item `syncAction` returns, or 501 without the hook', async () => {
    await withServer(
      withWidget,
      async (h) => {
        const created = await h.stream(createThread('w'));
        const widget = (created[3] as { item: WidgetItem }).item;
        const params = {
          thread_id: widget.thread_id,
          item_id: widget.id,
          action: { type: 'toggle', payload: { on: true } },
        };
        const { status, body } = await h.json({ type: 'threads.sync_custom_action', params });
        assert.equal(status, 200);
        const updated = (body as { updated_item: ThreadItem }).updated_item;
        assert.equal(updated.id, widget.id);
        assert.deepEqual(updated.type === 'widget' && first(updated.widget), { type: 'Text', value: 'toggled true' });
        const user = (created[1] as { item: ThreadItem }).item;
        const wrong = await h.json({ type: 'threads.sync_custom_action', params: { ...params, item_id: user.id } });
        assert.equal(wrong.status, 400);
      },
      {
        syncAction: async (_thread, action, sender) => {
          assert.ok(sender);
          const on = (action.payload as { on: boolean }).on;
          return {
            updated_item: { ...sender, widget: widgets.Card({ children: [widgets.Text({ value: `toggled ${on}` })] }) },
          };
        },
      },
    );
    await withServer(withWidget, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('w')));
      const { status } = await h.json({
        type: 'threads.sync_custom_action',
        params: { thread_id: threadId, item_id: null, action: { type: 'x' } },
      });
      assert.equal(status, 501);
    });
  });
});

describe('threads.add_structured_input (chatkit-python 1.6.5 rules)', () => {
  const inputs: StructuredInputItem['inputs'] = [
    {
      type: 'multiple_choice',
      id: 'one',
      question: 'One?',
      options: [{ value: 'a' }, { value: 'b' }],
      multiple: false,
    },
    {
      type: 'multiple_choice',
      id: 'many',
      question: 'Many?',
      options: [{ value: 'a' }, { value: 'b' }],
      multiple: true,
    },
    { type: 'freeform', id: 'free', question: 'Why?' },
    { type: 'freeform', id: 'empty', question: 'Else?' },
    { type: 'freeform', id: 'gone', question: 'Omitted?' },
  ];

  async function answer(h: Harness, input: unknown): Promise<StructuredInputItem> {
    const threadId = createdThreadId(await h.stream(createThread('ask')));
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    await h.store.addThreadItem(
      threadId,
      {
        type: 'structured_input',
        id,
        thread_id: threadId,
        created_at: new Date().toISOString(),
        status: 'pending',
        inputs,
      },
      undefined,
    );
    const events = await h.stream({
      type: 'threads.add_structured_input',
      params: { thread_id: threadId, item_id: id, input },
    });
    const replaced = events[1];
    assert.equal(replaced?.type, 'thread.item.replaced');
    return (replaced as { item: StructuredInputItem }).item;
  }
  const answers = (item: StructuredInputItem) => Object.fromEntries(item.inputs.map((q) => [q.id, q.answer]));
  const skipped = { values: [], skipped: true };

  it('cuts single choice to one value, and marks omitted, skipped and empty answers skipped', () =>
    withServer(
      async function* () {},
      async (h) => {
        const item = await answer(h, {
          answers: {
            one: { values: ['a', 'b'], skipped: false },
            many: { values: ['a', 'b'], skipped: false },
            free: { values: ['because'], skipped: true },
            empty: { values: [], skipped: false },
            unknown: { values: ['x'], skipped: false },
          },
        });
        assert.equal(item.status, 'answered');
        assert.deepEqual(answers(item), {
          one: { values: ['a'], skipped: false },
          many: { values: ['a', 'b'], skipped: false },
          free: skipped,
          empty: skipped,
          gone: skipped,
        });
      },
    ));

  it('status "skipped" marks every question skipped', () =>
    withServer(
      async function* () {},
      async (h) => {
        const item = await answer(h, { status: 'skipped', answers: { one: { values: ['a'], skipped: false } } });
        assert.equal(item.status, 'skipped');
        assert.deepEqual(answers(item), { one: skipped, many: skipped, free: skipped, empty: skipped, gone: skipped });
      },
    ));
});

describe('demo agent widget words', () => {
  const demo = createDemoAgent({ delayMs: 0 });

  it('`widget` streams a card whose text types itself in; its buttons answer through the demo hooks', () =>
    withServer(
      demo,
      async (h) => {
        const events = await h.stream(createThread('show me a widget'));
        const kinds = types(events);
        assert.equal(kinds.filter((kind) => kind === 'thread.item.added').length, 1);
        assert.ok(
          events.some(
            (event) =>
              event.type === 'thread.item.updated' && event.update.type === 'widget.streaming_text.value_delta',
          ),
        );
        const done = events.at(-1);
        assert.equal(done?.type === 'thread.item.done' && done.item.type, 'widget');
        const widget = (done as { item: WidgetItem }).item;
        const star = await h.json({
          type: 'threads.sync_custom_action',
          params: { thread_id: widget.thread_id, item_id: widget.id, action: { type: 'demo.star' } },
        });
        assert.equal(star.status, 200);
        assert.match(JSON.stringify(star.body), /Starred/);
        const feedback = await h.stream({
          type: 'threads.custom_action',
          params: {
            thread_id: widget.thread_id,
            item_id: widget.id,
            action: { type: 'demo.feedback', payload: { rating: 'ok' } },
          },
        });
        assert.match(JSON.stringify(feedback), /demo\.feedback/);
      },
      { action: demoWidgetAction, syncAction: demoWidgetSyncAction },
    ));

  it('`question` asks structured questions and sums up the answers', () =>
    withServer(demo, async (h) => {
      const events = await h.stream(createThread('ask me a question'));
      const asked = events.find((event) => event.type === 'thread.item.done' && event.item.type === 'structured_input');
      assert.ok(asked?.type === 'thread.item.done');
      const answered = await h.stream({
        type: 'threads.add_structured_input',
        params: {
          thread_id: asked.item.thread_id,
          item_id: asked.item.id,
          input: { answers: { size: { values: ['Large'], skipped: false } } },
        },
      });
      const text = answered.flatMap((event) =>
        event.type === 'thread.item.done' && event.item.type === 'assistant_message'
          ? [event.item.content[0]?.text]
          : [],
      );
      assert.deepEqual(text, ['- Which size? Large\n- Any extras? *(skipped)*\n- A note for us? *(skipped)*']);
    }));
});
