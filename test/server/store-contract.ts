/**
 * The Store contract of src/server/store.ts as one suite that any store runs: ordering and
 * paging, copies, ownership by the context's `userId`, deletes that stick, JSON kept exactly.
 * `stores.test.ts` runs it against MemoryStore and FileStore; a database store calls
 * `storeContract('PostgresStore', open)` the same way.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import { ThreadNotFoundError, type Store } from '../../src/server/index.js';

/** A fresh, empty store, and how to dispose of it. */
export interface OpenedStore {
  store: Store<unknown>;
  close(): Promise<void>;
}

const T0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const ids = (page: Page<{ id: string }>) => page.data.map((entry) => entry.id);

export const thread = (id: string, created_at = T0, extra: Partial<ThreadMetadata> = {}): ThreadMetadata => ({
  id,
  created_at,
  status: { type: 'active' },
  metadata: {},
  ...extra,
});

export const message = (id: string, threadId: string, created_at = T0, text = id): ThreadItem => ({
  type: 'user_message',
  id,
  thread_id: threadId,
  created_at,
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

/**
 * Registers the contract tests for one store.
 *
 * @param name - Shown in the test names.
 * @param open - Returns a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  const using = (test: (store: Store<unknown>) => Promise<void>) => async () => {
    const opened = await open();
    try {
      await test(opened.store);
    } finally {
      await opened.close();
    }
  };
  const ada = { userId: 'ada' };
  const bob = { userId: 'bob' };

  describe(`${name} follows the Store contract`, () => {
    it(
      'lists by created_at with ties in insertion order, desc the exact reverse, updates never reorder',
      using(async (store) => {
        for (const id of ['thr_c', 'thr_a', 'thr_b']) await store.createThread(thread(id), undefined);
        await store.createThread(thread('thr_late', at(30)), undefined);
        await store.createThread(thread('thr_odd', 'not a date'), undefined);
        await store.saveThread(thread('thr_c', T0, { title: 'Renamed' }), undefined);
        assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), [
          'thr_odd',
          'thr_c',
          'thr_a',
          'thr_b',
          'thr_late',
        ]);
        assert.deepEqual(ids(await store.loadThreads(10, undefined, 'desc', undefined)), [
          'thr_late',
          'thr_b',
          'thr_a',
          'thr_c',
          'thr_odd',
        ]);
        assert.equal((await store.loadThread('thr_c', undefined))?.title, 'Renamed');
      }),
    );

    it(
      'pages with exclusive cursors, sets after only with has_more, and ends on an unknown cursor',
      using(async (store) => {
        await store.createThread(thread('thr_a'), undefined);
        for (let index = 0; index < 5; index++)
          await store.addThreadItem('thr_a', message(`msg_${index}`, 'thr_a', at(index)), undefined);
        const load = (after: string | undefined, limit: number, order: 'asc' | 'desc') =>
          store.loadThreadItems('thr_a', after, limit, order, undefined);
        assert.deepEqual(ids(await load(undefined, 2, 'asc')), ['msg_0', 'msg_1']);
        assert.deepEqual(
          { ...(await load(undefined, 2, 'asc')), data: [] },
          { data: [], has_more: true, after: 'msg_1' },
        );
        assert.deepEqual(ids(await load('msg_1', 2, 'asc')), ['msg_2', 'msg_3']);
        const last = await load('msg_3', 5, 'asc');
        assert.deepEqual(ids(last), ['msg_4']);
        assert.equal(last.has_more, false);
        assert.equal(last.after, undefined);
        assert.deepEqual(ids(await load('msg_3', 2, 'desc')), ['msg_2', 'msg_1']);
        assert.deepEqual(await load('msg_unknown', 5, 'asc'), { data: [], has_more: false });
        assert.deepEqual(ids(await load(undefined, 0, 'desc')), ['msg_4']);
      }),
    );

    it(
      'replaces items in place, deletes them, and keeps JSON exactly (nulls in arrays included)',
      using(async (store) => {
        await store.createThread(thread('thr_a'), undefined);
        for (const id of ['msg_1', 'msg_2', 'msg_3'])
          await store.addThreadItem('thr_a', message(id, 'thr_a'), undefined);
        await store.saveItem('thr_a', message('msg_1', 'thr_a', T0, 'edited'), undefined);
        await store.deleteThreadItem('thr_a', 'msg_2', undefined);
        await store.deleteThreadItem('thr_a', 'msg_missing', undefined);
        const call: ThreadItem = {
          type: 'client_tool_call',
          id: 'tc_1',
          thread_id: 'thr_a',
          created_at: at(1),
          status: 'completed',
          call_id: 'call_1',
          name: 'lookup',
          arguments: { filter: null },
          output: [{ id: 'a', note: null }, null, [null]],
        };
        await store.addThreadItem('thr_a', call, undefined);
        const items = (await store.loadThreadItems('thr_a', undefined, 10, 'asc', undefined)).data;
        assert.deepEqual(items, [message('msg_1', 'thr_a', T0, 'edited'), message('msg_3', 'thr_a'), call]);
        assert.deepEqual(await store.loadItem('thr_a', 'tc_1', undefined), call);
        assert.equal(await store.loadItem('thr_a', 'msg_2', undefined), null);
      }),
    );

    it(
      'copies what it stores and returns',
      using(async (store) => {
        const saved = thread('thr_a');
        await store.createThread(saved, undefined);
        saved.metadata = { changed: true };
        const loaded = await store.loadThread('thr_a', undefined);
        assert.ok(loaded);
        loaded.title = 'changed';
        const again = await store.loadThread('thr_a', undefined);
        assert.deepEqual(again?.metadata, {});
        assert.equal(again?.title, undefined);
      }),
    );

    it(
      'shows a thread only to contexts naming its owner, in every method',
      using(async (store) => {
        await store.createThread(thread('thr_ada'), ada);
        await store.createThread(thread('thr_bob', at(1)), bob);
        await store.createThread(thread('thr_none', at(2)), undefined);
        await store.addThreadItem('thr_ada', message('msg_1', 'thr_ada'), ada);
        assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', ada)), ['thr_ada']);
        assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', bob)), ['thr_bob']);
        assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), ['thr_none']);
        assert.deepEqual(await store.loadThreads(10, 'thr_ada', 'asc', bob), { data: [], has_more: false });
        assert.equal(await store.loadThread('thr_ada', bob), null);
        assert.equal(await store.loadThread('thr_ada', undefined), null);
        assert.deepEqual(await store.loadThreadItems('thr_ada', undefined, 10, 'asc', bob), {
          data: [],
          has_more: false,
        });
        assert.equal(await store.loadItem('thr_ada', 'msg_1', bob), null);
        await assert.rejects(
          store.saveThread(thread('thr_ada', T0, { title: 'bob was here' }), bob),
          ThreadNotFoundError,
        );
        await assert.rejects(store.addThreadItem('thr_ada', message('msg_bob', 'thr_ada'), bob), ThreadNotFoundError);
        await assert.rejects(
          store.saveItem('thr_ada', message('msg_1', 'thr_ada', T0, 'bob'), bob),
          ThreadNotFoundError,
        );
        await store.deleteThreadItem('thr_ada', 'msg_1', bob);
        await store.deleteThread('thr_ada', bob);
        assert.equal((await store.loadThread('thr_ada', ada))?.title, undefined);
        assert.deepEqual((await store.loadThreadItems('thr_ada', undefined, 10, 'asc', ada)).data, [
          message('msg_1', 'thr_ada'),
        ]);
        await store.saveThread(thread('thr_ada', T0, { title: 'Mine' }), ada);
        assert.equal((await store.loadThread('thr_ada', ada))?.title, 'Mine');
      }),
    );

    it(
      'keeps a deleted thread deleted: nothing listed or loaded, every write refused',
      using(async (store) => {
        await store.createThread(thread('thr_a'), ada);
        await store.addThreadItem('thr_a', message('msg_1', 'thr_a'), ada);
        await store.deleteThread('thr_a', ada);
        await store.deleteThread('thr_a', ada);
        await store.deleteThread('thr_never', ada);
        assert.equal(await store.loadThread('thr_a', ada), null);
        assert.deepEqual(await store.loadThreads(10, undefined, 'asc', ada), { data: [], has_more: false });
        assert.deepEqual(await store.loadThreadItems('thr_a', undefined, 10, 'asc', ada), {
          data: [],
          has_more: false,
        });
        assert.equal(await store.loadItem('thr_a', 'msg_1', ada), null);
        await assert.rejects(store.saveThread(thread('thr_a', T0, { title: 'late' }), ada), ThreadNotFoundError);
        await assert.rejects(store.addThreadItem('thr_a', message('msg_2', 'thr_a'), ada), ThreadNotFoundError);
        await assert.rejects(store.saveItem('thr_a', message('msg_1', 'thr_a'), ada), ThreadNotFoundError);
        await assert.rejects(store.addThreadItem('thr_never', message('msg_1', 'thr_never'), ada), ThreadNotFoundError);
        assert.deepEqual(await store.loadThreads(10, undefined, 'asc', ada), { data: [], has_more: false });
      }),
    );

    it(
      'refuses to create a thread whose id exists, and generates ids in the reference format',
      using(async (store) => {
        await store.createThread(thread('thr_a'), ada);
        await assert.rejects(store.createThread(thread('thr_a', T0, { title: 'again' }), bob));
        assert.equal((await store.loadThread('thr_a', ada))?.title, undefined);
        assert.match(store.generateThreadId(ada), /^thr_[0-9a-f]{8}$/);
        assert.match(store.generateItemId('tool_call', thread('thr_a'), ada), /^tc_[0-9a-f]{8}$/);
      }),
    );
  });
}
