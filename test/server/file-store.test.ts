/** FileStore: MemoryStore's semantics, persistence across instances, crash safety and paging. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Thread, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import {
  ChatKitServer,
  createChatKitHandler,
  FileStore,
  streamAssistantText,
  ThreadNotFoundError,
  type Order,
  type RespondFn,
} from '../../src/server/index.js';
import { readSse } from '../support/sse.js';
import { addMessage, createdThreadId, createThread } from './harness.js';

const ids = (page: Page<{ id: string }>) => page.data.map((entry) => entry.id);

/** Runs `test` with a fresh temporary directory, removed afterwards. */
async function withDirectory(test: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'file-store-'));
  try {
    await test(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const thread = (id: string, created_at: string, extra: Partial<ThreadMetadata> = {}): ThreadMetadata => ({
  id,
  created_at,
  status: { type: 'active' },
  metadata: {},
  ...extra,
});

const message = (id: string, threadId: string, created_at: string, text = id): ThreadItem => ({
  type: 'user_message',
  id,
  thread_id: threadId,
  created_at,
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

const hidden = (id: string, threadId: string, created_at: string): ThreadItem => ({
  type: 'hidden_context_item',
  id,
  thread_id: threadId,
  created_at,
  content: 'for the model only',
});

/** Every item of a thread, oldest first, hidden ones included. */
async function allItems(store: FileStore, threadId: string): Promise<ThreadItem[]> {
  return (await store.loadThreadItems(threadId, undefined, 100_000, 'asc', undefined)).data;
}

/** Pages through a whole listing and returns the ids in order. */
async function pageAll(load: (after: string | undefined) => Promise<Page<{ id: string }>>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await load(after);
    seen.push(...ids(page));
    if (!page.has_more) return seen;
    assert.equal(page.after, seen.at(-1));
    after = page.after;
  }
}

const T0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe('FileStore behaves like MemoryStore', () => {
  it('keeps insertion order for threads created in the same millisecond, and updates never reorder', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      for (const id of ['thr_a', 'thr_b', 'thr_c']) await store.createThread(thread(id, T0), undefined);
      await store.saveThread(thread('thr_a', T0, { title: 'Renamed' }), undefined);
      assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), ['thr_a', 'thr_b', 'thr_c']);
      assert.deepEqual(ids(await store.loadThreads(10, undefined, 'desc', undefined)), ['thr_c', 'thr_b', 'thr_a']);
      assert.deepEqual(ids(await store.loadThreads(1, 'thr_b', 'desc', undefined)), ['thr_a']);
      assert.deepEqual(await store.loadThreads(5, 'thr_unknown', 'desc', undefined), { data: [], has_more: false });
    }));

  it('sorts threads by created_at, pages with exclusive cursors and sets after only with has_more', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_late', at(30)), undefined);
      await store.createThread(thread('thr_early', at(10)), undefined);
      await store.createThread(thread('thr_mid', at(20)), undefined);
      const first = await store.loadThreads(2, undefined, 'desc', undefined);
      assert.deepEqual(first, {
        data: [
          thread('thr_late', at(30), { title: undefined, allowed_image_domains: undefined }),
          thread('thr_mid', at(20), { title: undefined, allowed_image_domains: undefined }),
        ],
        has_more: true,
        after: 'thr_mid',
      });
      assert.deepEqual(await store.loadThreads(2, 'thr_mid', 'desc', undefined), {
        data: [thread('thr_early', at(10), { title: undefined, allowed_image_domains: undefined })],
        has_more: false,
      });
      assert.deepEqual(ids(await store.loadThreads(0, undefined, 'asc', undefined)), ['thr_early']);
    }));

  it('returns copies, so callers cannot change stored data by mutation', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      const saved = thread('thr_a', new Date().toISOString());
      await store.createThread(saved, undefined);
      const loaded = await store.loadThread('thr_a', undefined);
      assert.ok(loaded);
      loaded.title = 'changed';
      saved.metadata = { changed: true };
      assert.deepEqual(await store.loadThread('thr_a', undefined), {
        ...saved,
        metadata: {},
        title: undefined,
        allowed_image_domains: undefined,
      });

      const item = message('msg_a', 'thr_a', T0, 'original');
      await store.addThreadItem('thr_a', item, undefined);
      if (item.type === 'user_message') item.content = [];
      const stored = await store.loadItem('thr_a', 'msg_a', undefined);
      assert.deepEqual(stored, message('msg_a', 'thr_a', T0, 'original'));
      if (stored?.type === 'user_message') stored.content = [];
      assert.deepEqual(await allItems(store, 'thr_a'), [message('msg_a', 'thr_a', T0, 'original')]);
    }));

  it('generates ids in the reference format', () => {
    const store = new FileStore({ directory: join(tmpdir(), 'file-store-unused') });
    assert.match(store.generateThreadId(undefined), /^thr_[0-9a-f]{8}$/);
    const expected = {
      message: 'msg',
      tool_call: 'tc',
      task: 'tsk',
      workflow: 'wf',
      attachment: 'atc',
      hidden_context: 'cstmctx',
      sdk_hidden_context: 'shcx',
    } as const;
    for (const [kind, prefix] of Object.entries(expected)) {
      assert.match(
        store.generateItemId(kind as keyof typeof expected, thread('thr_a', T0), undefined),
        new RegExp(`^${prefix}_[0-9a-f]{8}$`),
      );
    }
  });

  it('lists items by creation time (ties in insertion order), hidden ones included, in both orders', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_a', T0), undefined);
      // Inserted out of time order on purpose; msg_2, msg_3 and the hidden item share a timestamp.
      await store.addThreadItem('thr_a', message('msg_4', 'thr_a', at(4)), undefined);
      await store.addThreadItem('thr_a', message('msg_1', 'thr_a', at(1)), undefined);
      await store.addThreadItem('thr_a', message('msg_2', 'thr_a', at(2)), undefined);
      await store.addThreadItem('thr_a', hidden('cstmctx_x', 'thr_a', at(2)), undefined);
      await store.addThreadItem('thr_a', message('msg_3', 'thr_a', at(2)), undefined);
      const asc = ['msg_1', 'msg_2', 'cstmctx_x', 'msg_3', 'msg_4'];
      const load = (after: string | undefined, limit: number, order: Order) =>
        store.loadThreadItems('thr_a', after, limit, order, undefined);
      assert.deepEqual(ids(await load(undefined, 10, 'asc')), asc);
      assert.deepEqual(ids(await load(undefined, 10, 'desc')), [...asc].reverse());
      assert.deepEqual(await pageAll((after) => load(after, 2, 'asc')), asc);
      assert.deepEqual(await pageAll((after) => load(after, 2, 'desc')), [...asc].reverse());
      assert.deepEqual(ids(await load('cstmctx_x', 1, 'asc')), ['msg_3']);
      assert.deepEqual(ids(await load('cstmctx_x', 1, 'desc')), ['msg_2']);
      assert.deepEqual(await load('msg_4', 5, 'asc'), { data: [], has_more: false });
      assert.deepEqual(await load('msg_unknown', 5, 'asc'), { data: [], has_more: false });
      const newest = await load(undefined, 1, 'desc');
      assert.deepEqual(newest, { data: [message('msg_4', 'thr_a', at(4))], has_more: true, after: 'msg_4' });
    }));

  it('replaces items in place, deletes them, and answers missing things with null or empty pages', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_a', T0), undefined);
      for (const id of ['msg_1', 'msg_2', 'msg_3'])
        await store.addThreadItem('thr_a', message(id, 'thr_a', T0), undefined);
      await store.saveItem('thr_a', message('msg_1', 'thr_a', T0, 'edited'), undefined);
      await store.addThreadItem('thr_a', message('msg_2', 'thr_a', T0, 'edited too'), undefined);
      assert.deepEqual(await allItems(store, 'thr_a'), [
        message('msg_1', 'thr_a', T0, 'edited'),
        message('msg_2', 'thr_a', T0, 'edited too'),
        message('msg_3', 'thr_a', T0),
      ]);
      await store.deleteThreadItem('thr_a', 'msg_2', undefined);
      await store.deleteThreadItem('thr_a', 'msg_missing', undefined);
      await store.deleteThreadItem('thr_missing', 'msg_1', undefined);
      assert.deepEqual(ids({ data: await allItems(store, 'thr_a'), has_more: false }), ['msg_1', 'msg_3']);
      assert.equal(await store.loadItem('thr_a', 'msg_2', undefined), null);
      assert.equal(await store.loadItem('thr_missing', 'msg_1', undefined), null);
      assert.equal(await store.loadThread('thr_missing', undefined), null);
      assert.deepEqual(await store.loadThreadItems('thr_missing', undefined, 20, 'desc', undefined), {
        data: [],
        has_more: false,
      });
    }));

  it('deletes a thread with its items, and stores threads without an items field', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      const withItems: Thread = {
        ...thread('thr_a', T0),
        items: { data: [message('msg_x', 'thr_a', T0)], has_more: false },
      };
      await store.createThread(withItems, undefined);
      await store.createThread(thread('thr_b', T0), undefined);
      const loaded = await store.loadThread('thr_a', undefined);
      assert.ok(loaded && !('items' in loaded));
      await store.addThreadItem('thr_a', message('msg_1', 'thr_a', T0), undefined);
      await store.deleteThread('thr_a', undefined);
      await store.deleteThread('thr_never', undefined);
      assert.equal(await store.loadThread('thr_a', undefined), null);
      assert.deepEqual(await allItems(store, 'thr_a'), []);
      assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), ['thr_b']);
    }));

  it('orders concurrent writes by call order and batches them', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_a', T0), undefined);
      await store.createThread(thread('thr_b', T0), undefined);
      const expected = Array.from({ length: 100 }, (_, index) => `msg_${index}`);
      await Promise.all(
        expected.flatMap((id) => [
          store.addThreadItem('thr_a', message(id, 'thr_a', T0), undefined),
          store.addThreadItem('thr_b', message(id, 'thr_b', T0), undefined),
        ]),
      );
      const reopened = new FileStore({ directory });
      for (const threadId of ['thr_a', 'thr_b']) {
        assert.deepEqual(
          (await allItems(store, threadId)).map((item) => item.id),
          expected,
        );
        assert.deepEqual(
          (await allItems(reopened, threadId)).map((item) => item.id),
          expected,
        );
      }
      // Batched appends still write one whole record per line.
      const lines = (await readFile(join(directory, 'items', 'thr_a.jsonl'), 'utf8')).split('\n');
      assert.equal(lines.pop(), '');
      assert.equal(lines.length, 100);
    }));
});

describe('FileStore persistence', () => {
  it('keeps threads, titles, items, order and deletes across instances on the same directory', () =>
    withDirectory(async (directory) => {
      const first = new FileStore({ directory });
      for (const id of ['thr_a', 'thr_b', 'thr_c', 'thr_d']) await first.createThread(thread(id, T0), undefined);
      await first.saveThread(
        thread('thr_b', T0, { title: 'Bee', metadata: { owner: 'ada' }, allowed_image_domains: ['example.com'] }),
        undefined,
      );
      await first.saveThread(thread('thr_a', T0, { status: { type: 'locked', reason: 'done' } }), undefined);
      await first.deleteThread('thr_c', undefined);
      await first.addThreadItem('thr_a', message('msg_1', 'thr_a', at(1)), undefined);
      await first.addThreadItem('thr_a', message('msg_2', 'thr_a', at(1)), undefined);
      await first.addThreadItem('thr_a', hidden('cstmctx_1', 'thr_a', at(2)), undefined);
      await first.addThreadItem('thr_a', message('msg_3', 'thr_a', at(3)), undefined);
      await first.saveItem('thr_a', message('msg_1', 'thr_a', at(1), 'edited'), undefined);
      await first.deleteThreadItem('thr_a', 'msg_3', undefined);
      // A deleted thread stays deleted: writes naming it are refused, not recreating it.
      await assert.rejects(
        first.addThreadItem('thr_c', message('msg_c', 'thr_c', at(1)), undefined),
        ThreadNotFoundError,
      );
      await first.deleteThread('thr_c', undefined);
      // Not awaited: flush() waits for it.
      void first.addThreadItem('thr_d', message('msg_d', 'thr_d', at(1)), undefined);
      await first.flush();
      // Synchronous, so nothing else can finish the write in between.
      assert.match(readFileSync(join(directory, 'items', 'thr_d.jsonl'), 'utf8'), /"msg_d"/);

      const second = new FileStore({ directory });
      assert.deepEqual(ids(await second.loadThreads(10, undefined, 'asc', undefined)), ['thr_a', 'thr_b', 'thr_d']);
      assert.deepEqual(await second.loadThread('thr_b', undefined), {
        ...thread('thr_b', T0, { title: 'Bee', metadata: { owner: 'ada' }, allowed_image_domains: ['example.com'] }),
      });
      assert.deepEqual((await second.loadThread('thr_a', undefined))?.status, { type: 'locked', reason: 'done' });
      assert.equal(await second.loadThread('thr_c', undefined), null);
      assert.deepEqual(await allItems(second, 'thr_a'), [
        message('msg_1', 'thr_a', at(1), 'edited'),
        message('msg_2', 'thr_a', at(1)),
        hidden('cstmctx_1', 'thr_a', at(2)),
      ]);
      assert.deepEqual(await allItems(second, 'thr_c'), []);
      assert.deepEqual(
        (await allItems(second, 'thr_d')).map((item) => item.id),
        ['msg_d'],
      );
      assert.deepEqual((await readdir(join(directory, 'items'))).sort(), ['thr_a.jsonl', 'thr_d.jsonl']);

      // Writing through the second instance continues the same files.
      await second.addThreadItem('thr_a', message('msg_4', 'thr_a', at(4)), undefined);
      const third = new FileStore({ directory });
      assert.deepEqual(
        (await allItems(third, 'thr_a')).map((item) => item.id),
        ['msg_1', 'msg_2', 'cstmctx_1', 'msg_4'],
      );
    }));

  it('ignores a torn last line, cuts it off, and keeps appending after it', () =>
    withDirectory(async (directory) => {
      const first = new FileStore({ directory });
      await first.createThread(thread('thr_a', T0, { title: 'Kept' }), undefined);
      await first.addThreadItem('thr_a', message('msg_1', 'thr_a', at(1)), undefined);
      await first.addThreadItem('thr_a', message('msg_2', 'thr_a', at(2)), undefined);
      // What a crash in the middle of an append leaves behind.
      await appendFile(
        join(directory, 'items', 'thr_a.jsonl'),
        '{"put":{"type":"user_message","id":"msg_3","thread_id":"thr_a","crea',
      );
      await appendFile(
        join(directory, 'threads.jsonl'),
        '{"put":{"id":"thr_b","created_at":"2026-01-01T00:00:00.000Z"',
      );

      const second = new FileStore({ directory });
      assert.deepEqual(ids(await second.loadThreads(10, undefined, 'asc', undefined)), ['thr_a']);
      assert.equal((await second.loadThread('thr_a', undefined))?.title, 'Kept');
      assert.deepEqual(
        (await allItems(second, 'thr_a')).map((item) => item.id),
        ['msg_1', 'msg_2'],
      );
      await second.addThreadItem('thr_a', message('msg_3', 'thr_a', at(3)), undefined);
      await second.createThread(thread('thr_b', at(1)), undefined);

      const third = new FileStore({ directory });
      assert.deepEqual(ids(await third.loadThreads(10, undefined, 'asc', undefined)), ['thr_a', 'thr_b']);
      assert.deepEqual(
        (await allItems(third, 'thr_a')).map((item) => item.id),
        ['msg_1', 'msg_2', 'msg_3'],
      );
      const text = await readFile(join(directory, 'items', 'thr_a.jsonl'), 'utf8');
      assert.ok(text.endsWith('\n'));
      assert.ok(!text.includes('"crea{'));
    }));

  it('skips a damaged line in the middle without losing the records around it', () =>
    withDirectory(async (directory) => {
      await mkdir(join(directory, 'items'), { recursive: true });
      const records = [message('msg_1', 'thr_a', at(1)), message('msg_2', 'thr_a', at(2))].map(
        (item) => `{"put":${JSON.stringify(item)}}`,
      );
      await writeFile(join(directory, 'items', 'thr_a.jsonl'), `${records[0]}\n{"put":garbage\n[1,2]\n${records[1]}\n`);
      await writeFile(join(directory, 'threads.jsonl'), `{"put":${JSON.stringify(thread('thr_a', T0))}}\n`);
      const store = new FileStore({ directory });
      assert.deepEqual(
        (await allItems(store, 'thr_a')).map((item) => item.id),
        ['msg_1', 'msg_2'],
      );
    }));

  it('sorts an item with an unparseable created_at first, like MemoryStore, also after a restart', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_a', T0), undefined);
      await store.addThreadItem('thr_a', message('msg_1', 'thr_a', at(1)), undefined);
      await store.addThreadItem('thr_a', message('msg_odd', 'thr_a', 'not a date'), undefined);
      for (const reader of [store, new FileStore({ directory })]) {
        assert.deepEqual(
          (await allItems(reader, 'thr_a')).map((item) => item.id),
          ['msg_odd', 'msg_1'],
        );
      }
    }));

  it('never lets a thread id reach outside the directory', () =>
    withDirectory(async (root) => {
      const directory = join(root, 'data');
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_a', T0), undefined);
      // A journal the store must never read, one level up.
      const secret = `{"put":${JSON.stringify(message('msg_secret', 'x', T0))}}\n`;
      await writeFile(join(root, 'secret.jsonl'), secret);
      await writeFile(join(root, 'threads.jsonl'), secret);
      const hostile = [
        '../secret',
        '../../secret',
        '../../etc/passwd',
        '..',
        '.',
        '',
        'a/b',
        'a\\b',
        'thr_a\0',
        '%2e%2e',
        'thr a',
        'thr_a.jsonl',
        'x'.repeat(121),
      ];
      for (const id of hostile) {
        assert.equal(await store.loadThread(id, undefined), null, id);
        assert.deepEqual(
          await store.loadThreadItems(id, undefined, 20, 'asc', undefined),
          { data: [], has_more: false },
          id,
        );
        assert.equal(await store.loadItem(id, 'msg_secret', undefined), null, id);
        await assert.rejects(store.createThread(thread(id, T0), undefined), /invalid thread id/, id);
        await assert.rejects(store.saveItem(id, message('msg_1', id, T0), undefined), ThreadNotFoundError, id);
        await assert.rejects(store.addThreadItem(id, message('msg_1', id, T0), undefined), ThreadNotFoundError, id);
        await store.deleteThreadItem(id, 'msg_secret', undefined);
        await store.deleteThread(id, undefined);
      }
      assert.equal(await readFile(join(root, 'secret.jsonl'), 'utf8'), secret);
      assert.deepEqual((await readdir(root)).sort(), ['data', 'secret.jsonl', 'threads.jsonl']);
      assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), ['thr_a']);
      // The longest accepted id still makes a valid file name, even when every letter is upper case.
      const longest = 'A'.repeat(120);
      await store.createThread(thread(longest, T0), undefined);
      await store.addThreadItem(longest, message('msg_1', longest, T0), undefined);
      assert.equal((await allItems(new FileStore({ directory }), longest)).length, 1);
    }));

  it('keeps thread ids that differ only in case apart', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_AbC', T0), undefined);
      await store.createThread(thread('thr_abc', T0), undefined);
      await store.addThreadItem('thr_AbC', message('msg_upper', 'thr_AbC', T0), undefined);
      await store.addThreadItem('thr_abc', message('msg_lower', 'thr_abc', T0), undefined);
      const reopened = new FileStore({ directory });
      assert.deepEqual(
        (await allItems(reopened, 'thr_AbC')).map((item) => item.id),
        ['msg_upper'],
      );
      assert.deepEqual(
        (await allItems(reopened, 'thr_abc')).map((item) => item.id),
        ['msg_lower'],
      );
    }));

  it('compacts journals that grew much larger than their data, keeping data and order', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      const padding = 'x'.repeat(1000);
      for (const id of ['thr_a', 'thr_b', 'thr_c']) await store.createThread(thread(id, T0), undefined);
      for (let round = 0; round < 300; round++) {
        await store.saveThread(thread('thr_b', T0, { title: `Title ${round}`, metadata: { padding } }), undefined);
        await store.saveItem('thr_a', message('msg_1', 'thr_a', T0, `${round} ${padding}`), undefined);
        if (round === 0) {
          await store.addThreadItem('thr_a', message('msg_2', 'thr_a', T0), undefined);
          await store.addThreadItem('thr_a', message('msg_gone', 'thr_a', T0), undefined);
          await store.addThreadItem('thr_a', message('msg_3', 'thr_a', T0), undefined);
          await store.deleteThreadItem('thr_a', 'msg_gone', undefined);
        }
      }
      // 300 rewrites of about 1 kB each would be 300 kB without compaction.
      assert.ok((await stat(join(directory, 'items', 'thr_a.jsonl'))).size < 80 * 1024);
      assert.ok((await stat(join(directory, 'threads.jsonl'))).size < 80 * 1024);
      await store.addThreadItem('thr_a', message('msg_4', 'thr_a', T0), undefined);

      for (const reader of [store, new FileStore({ directory })]) {
        assert.deepEqual(ids(await reader.loadThreads(10, undefined, 'asc', undefined)), ['thr_a', 'thr_b', 'thr_c']);
        assert.equal((await reader.loadThread('thr_b', undefined))?.title, 'Title 299');
        const items = await allItems(reader, 'thr_a');
        assert.deepEqual(
          items.map((item) => item.id),
          ['msg_1', 'msg_2', 'msg_3', 'msg_4'],
        );
        assert.deepEqual(items[0], message('msg_1', 'thr_a', T0, `299 ${padding}`));
      }
      assert.deepEqual(await readdir(join(directory, 'items')), ['thr_a.jsonl']);
    }));

  it('applies calls in call order, even while a thread is still loading', () =>
    withDirectory(async (directory) => {
      const first = new FileStore({ directory });
      await first.createThread(thread('thr_a', T0), undefined);
      await first.addThreadItem('thr_a', message('msg_old', 'thr_a', at(1)), undefined);
      for (const store of [new FileStore({ directory }), first]) {
        // The first store has never loaded thr_a's items; the second has them cached.
        const seenBefore = store.loadThreadItems('thr_a', undefined, 20, 'asc', undefined);
        const calls = [
          store.addThreadItem('thr_a', message('msg_x', 'thr_a', at(2)), undefined),
          store.deleteThread('thr_a', undefined),
          store.createThread(thread('thr_a', T0), undefined),
          store.addThreadItem('thr_a', message('msg_y', 'thr_a', at(3)), undefined),
        ];
        const seenAfter = store.loadThreadItems('thr_a', undefined, 20, 'asc', undefined);
        await Promise.all(calls);
        assert.deepEqual(ids(await seenBefore), ['msg_old']);
        assert.deepEqual(ids(await seenAfter), ['msg_y']);
        assert.deepEqual(
          (await allItems(new FileStore({ directory }), 'thr_a')).map((item) => item.id),
          ['msg_y'],
        );
        // Back to the starting point for the next round.
        await store.deleteThreadItem('thr_a', 'msg_y', undefined);
        await store.addThreadItem('thr_a', message('msg_old', 'thr_a', at(1)), undefined);
      }
    }));

  it('creates a missing directory, whichever call comes first', () =>
    withDirectory(async (root) => {
      const directory = join(root, 'a', 'b');
      const store = new FileStore({ directory });
      await Promise.all([
        store.deleteThread('thr_b', undefined),
        store.createThread(thread('thr_a', T0), undefined),
        store.addThreadItem('thr_a', message('msg_1', 'thr_a', T0), undefined),
      ]);
      assert.deepEqual(
        (await allItems(new FileStore({ directory }), 'thr_a')).map((item) => item.id),
        ['msg_1'],
      );
    }));

  it('reloads threads dropped from its item cache', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory, maxCachedThreads: 2 });
      const threads = ['thr_1', 'thr_2', 'thr_3', 'thr_4', 'thr_5'];
      for (const threadId of threads) await store.createThread(thread(threadId, T0), undefined);
      // Interleaved, so threads are dropped and reloaded while their writes are still queued.
      await Promise.all(
        ['msg_a', 'msg_b', 'msg_c'].flatMap((id) =>
          threads.map((threadId) => store.addThreadItem(threadId, message(id, threadId, T0), undefined)),
        ),
      );
      for (const threadId of [...threads].reverse().concat(threads)) {
        assert.deepEqual(
          (await allItems(store, threadId)).map((item) => item.id),
          ['msg_a', 'msg_b', 'msg_c'],
        );
      }
      await Promise.all(threads.map((threadId) => store.deleteThreadItem(threadId, 'msg_b', undefined)));
      const counts = await Promise.all(threads.map(async (threadId) => (await allItems(store, threadId)).length));
      assert.deepEqual(counts, [2, 2, 2, 2, 2]);
    }));
});

describe('FileStore with a 2,000-item thread', () => {
  it('pages through every item in both orders, before and after a restart', () =>
    withDirectory(async (directory) => {
      const store = new FileStore({ directory });
      await store.createThread(thread('thr_big', T0), undefined);
      // Three items per second, so ties are everywhere; every 100th item is hidden.
      const items = Array.from({ length: 2000 }, (_, index) =>
        index % 100 === 99
          ? hidden(`cstmctx_${index}`, 'thr_big', at(Math.floor(index / 3)))
          : message(`msg_${index}`, 'thr_big', at(Math.floor(index / 3))),
      );
      await Promise.all(items.map((item) => store.addThreadItem('thr_big', item, undefined)));
      const asc = items.map((item) => item.id);
      const desc = [...asc].reverse();

      for (const reader of [store, new FileStore({ directory })]) {
        const load = (order: Order) => (after: string | undefined) =>
          reader.loadThreadItems('thr_big', after, 20, order, undefined);
        assert.deepEqual(await pageAll(load('desc')), desc);
        assert.deepEqual(await pageAll(load('asc')), asc);
      }

      // The same through the protocol: items.list newest first, hidden items filtered out.
      const server = new ChatKitServer({ store: new FileStore({ directory }), respond: reply });
      const visible = desc.filter((id) => id.startsWith('msg_'));
      const listed = await pageAll(async (after) => {
        const result = await server.process(
          { type: 'items.list', params: { thread_id: 'thr_big', limit: 50, after } },
          undefined,
        );
        assert.equal(result.streaming, false);
        return (result.streaming ? { data: [], has_more: false } : result.json) as Page<ThreadItem>;
      });
      assert.deepEqual(listed, visible);
    }));
});

const reply: RespondFn = async function* (thread, item, ctx) {
  if (!thread.title) thread.title = 'Persistent chat';
  const text = item?.content.map((part) => part.text).join('') ?? '';
  yield* streamAssistantText(ctx, thread, ['You said: ', text]);
};

/** The ChatKit server over HTTP on 127.0.0.1:0 with a FileStore on `directory`. */
async function serve(directory: string) {
  const server = new ChatKitServer({ store: new FileStore({ directory }), respond: reply });
  const http = createServer(createChatKitHandler(server));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/chatkit`;
  const post = (body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    stream: async (body: unknown) => readSse(await post(body)),
    json: async (body: unknown) => {
      const response = await post(body);
      return { status: response.status, body: (await response.json()) as unknown };
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

describe('FileStore behind ChatKitServer', () => {
  it('serves a thread created before a restart', () =>
    withDirectory(async (directory) => {
      const before = await serve(directory);
      let threadId = '';
      try {
        threadId = createdThreadId(await before.stream(createThread('remember me')));
      } finally {
        await before.close();
      }

      const after = await serve(directory);
      try {
        const { status, body } = await after.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
        assert.equal(status, 200);
        const restored = body as Thread;
        assert.equal(restored.id, threadId);
        assert.equal(restored.title, 'Persistent chat');
        assert.deepEqual(
          restored.items.data.map((item) => item.type),
          ['user_message', 'assistant_message'],
        );
        const answer = restored.items.data[1];
        assert.equal(
          answer?.type === 'assistant_message' ? answer.content[0]?.text : undefined,
          'You said: remember me',
        );
        const listed = await after.json({ type: 'threads.list', params: {} });
        assert.deepEqual(ids(listed.body as Page<Thread>), [threadId]);

        const events = await after.stream(addMessage(threadId, 'and this'));
        assert.equal(events.at(-1)?.type, 'thread.item.done');
        const items = await after.json({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
        assert.equal((items.body as Page<ThreadItem>).data.length, 4);
      } finally {
        await after.close();
      }
    }));
});
