/** The journal's invariants, on the Journal itself: call order, batching, resets and recovery. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteRecord, entryOf, Journal, putRecord } from '../../src/server/journal.js';

async function withFile(test: (path: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'journal-'));
  try {
    await test(join(directory, 'data.jsonl'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const open = (path: string) => new Journal(path, false, async () => undefined);
const put = (journal: Journal, id: string, time = 0) =>
  journal.write((timeline) => {
    const json = JSON.stringify({ id, created_at: new Date(time).toISOString() });
    timeline.put(entryOf({ id, created_at: new Date(time).toISOString() }, json));
    return putRecord(json);
  });
const ids = (journal: Journal) => journal.read((timeline) => [...timeline.values()].map((entry) => entry.id));

describe('Journal', () => {
  it('applies operations in call order, also those made while the file loads, and is idle after', () =>
    withFile(async (path) => {
      await writeFile(path, putRecord('{"id":"a"}'));
      const journal = open(path);
      const seen = ids(journal);
      const writes = [
        put(journal, 'b'),
        journal.write((timeline) => (timeline.delete('a') ? deleteRecord('a') : null)),
        put(journal, 'c'),
      ];
      const later = ids(journal);
      assert.equal(journal.idle, false);
      await Promise.all(writes);
      assert.deepEqual(await seen, ['a']);
      assert.deepEqual(await later, ['b', 'c']);
      await journal.settled();
      assert.equal(journal.idle, true);
      assert.deepEqual(await ids(open(path)), ['b', 'c']);
    }));

  it('writes records that arrive during a write together, in one append', () =>
    withFile(async (path) => {
      const journal = open(path);
      await put(journal, 'first');
      await Promise.all(Array.from({ length: 50 }, (_, index) => put(journal, `x${index}`)));
      const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
      assert.equal(lines.length, 51);
    }));

  it('writes what was queued before a reset, then removes the file; later writes start a new one', () =>
    withFile(async (path) => {
      const journal = open(path);
      const before = put(journal, 'old');
      const reset = journal.reset();
      assert.deepEqual(await ids(journal), []);
      await Promise.all([before, reset]);
      await assert.rejects(stat(path), { code: 'ENOENT' });
      await put(journal, 'new');
      assert.deepEqual(await ids(open(path)), ['new']);
    }));

  it('drops its data after a failed write, so the next use reads the file again', () =>
    withFile(async (path) => {
      const journal = open(path);
      await put(journal, 'kept');
      await assert.rejects(
        journal.write(() => {
          throw new Error('refused');
        }),
        /refused/,
      );
      const broken = new Journal(join(path, 'not-a-directory', 'x.jsonl'), false, async () => undefined);
      await assert.rejects(put(broken, 'lost'));
      assert.equal(broken.state, null);
      assert.deepEqual(await ids(journal), ['kept']);
    }));
});
