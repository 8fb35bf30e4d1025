/**
 * Attachments and dictation over real HTTP with the real kit and FileAttachmentStore: two-phase
 * and direct uploads, every refusal (size, type, content, token, incomplete and cut uploads,
 * origin), owner-only files, deletion, `thread_id` and hidden `metadata` in sent messages, and
 * `input.transcribe` through the hook.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attachment, ThreadStreamEvent, UserMessageItem } from '../../src/protocol/types.js';
import {
  FileAttachmentStore,
  type AttachmentRecord,
  type AttachmentRecords,
  type AudioInput,
  type IncomingUpload,
  type RespondFn,
} from '../../src/server/index.js';
import { createdThreadId, input, startServer, type Harness } from './harness.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]);
const user = (name: string) => ({ 'x-user': name });

/** Records in memory, so a test can give one integration-only metadata. */
class MapRecords implements AttachmentRecords {
  readonly map = new Map<string, AttachmentRecord>();
  async saveAttachmentRecord(record: AttachmentRecord) {
    this.map.set(record.attachment.id, structuredClone(record));
  }
  async loadAttachmentRecord(id: string) {
    return structuredClone(this.map.get(id) ?? null);
  }
  async deleteAttachmentRecord(id: string) {
    this.map.delete(id);
  }
}

/** Lets a test await the end of an upload on the server side (no sleeps). */
class WatchedAttachments extends FileAttachmentStore<{ userId: string }> {
  private waiters: (() => void)[] = [];
  override async receiveUpload(id: string, token: string, upload: IncomingUpload, context: { userId: string }) {
    try {
      return await super.receiveUpload(id, token, upload, context);
    } finally {
      for (const wake of this.waiters.splice(0)) wake();
    }
  }
  settled() {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

describe('attachments and dictation', () => {
  let dir: string;
  let h: Harness;
  let store: WatchedAttachments;
  const records = new MapRecords();
  const received: UserMessageItem[] = [];
  const heard: AudioInput[] = [];
  const respond: RespondFn = async function* (_thread, item) {
    if (item) received.push(item);
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attachments-'));
    store = new WatchedAttachments({ directory: dir, baseUrl: '/chatkit', maxBytes: 1000, records });
    h = await startServer(respond, {
      context: (req) => ({ userId: String(req.headers['x-user'] ?? 'ann') }),
      server: {
        attachments: store as FileAttachmentStore<unknown>,
        transcribe: async (audio) => {
          heard.push(audio);
          return { text: `heard ${audio.data.length} bytes of ${audio.media_type}` };
        },
      },
    });
  });
  after(async () => {
    // Refusals and cut uploads are ordinary traffic: none of them is reported as a failure.
    assert.deepEqual(h.errors, []);
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  const origin = () => new URL(h.url).origin;
  const call = async (body: unknown, who = 'ann') => {
    const response = await h.post(body, { headers: user(who) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const create = async (name: string, size: number, mime_type: string, who = 'ann') =>
    call({ type: 'attachments.create', params: { name, size, mime_type } }, who);
  const upload = (attachment: Attachment, bytes: Buffer, headers: Record<string, string> = {}) => {
    const descriptor = attachment.upload_descriptor;
    assert.ok(descriptor);
    return fetch(origin() + descriptor.url, {
      method: descriptor.method,
      headers: { ...descriptor.headers, ...headers },
      body: new Uint8Array(bytes),
    });
  };
  const send = async (ids: string[], who = 'ann'): Promise<ThreadStreamEvent[]> => {
    const response = await h.post(
      { type: 'threads.create', params: { input: input('look', { attachments: ids }) } },
      { headers: user(who) },
    );
    const { readSse } = await import('../support/sse.js');
    return readSse(response);
  };
  const files = async () => (await readdir(dir)).filter((name) => !name.endsWith('.json'));

  it('two-phase: the descriptor receives the bytes, the message carries the attachment with its thread', async () => {
    const created = await create('cat.png', PNG.length, 'image/png');
    assert.equal(created.status, 200);
    const attachment = created.body as unknown as Attachment;
    assert.match(attachment.id, /^atc_[0-9a-f]{8}$/);
    assert.deepEqual(
      { ...attachment, id: 'x', upload_descriptor: undefined },
      {
        type: 'image',
        id: 'x',
        name: 'cat.png',
        mime_type: 'image/png',
        preview_url: `/chatkit/attachments/${attachment.id}/file`,
        upload_descriptor: undefined,
      },
    );
    assert.equal(attachment.upload_descriptor?.method, 'PUT');
    assert.equal(attachment.upload_descriptor?.url, `/chatkit/attachments/${attachment.id}/upload`);
    assert.equal(attachment.upload_descriptor?.headers['content-type'], 'image/png');
    assert.match(attachment.upload_descriptor?.headers['x-upload-token'] ?? '', /^[\w-]{32}$/);

    // Not sendable before its bytes arrived: the stream ends empty.
    assert.deepEqual(await send([attachment.id]), []);

    const uploaded = await upload(attachment, PNG);
    assert.equal(uploaded.status, 200);
    const done = (await uploaded.json()) as Attachment;
    assert.equal(done.upload_descriptor, undefined);
    assert.equal(done.id, attachment.id);

    // Integration-only metadata stays on the server.
    const record = records.map.get(attachment.id);
    assert.ok(record);
    record.attachment.metadata = { secret: 'kept' };

    const events = await send([attachment.id]);
    const threadId = createdThreadId(events);
    const message = events.find((event) => event.type === 'thread.item.done' && event.item.type === 'user_message');
    assert.ok(message?.type === 'thread.item.done' && message.item.type === 'user_message');
    assert.deepEqual(message.item.attachments, [
      {
        type: 'image',
        id: attachment.id,
        name: 'cat.png',
        mime_type: 'image/png',
        preview_url: `/chatkit/attachments/${attachment.id}/file`,
        thread_id: threadId,
      },
    ]);
    assert.deepEqual(received.at(-1)?.attachments, message.item.attachments);
    assert.equal(records.map.get(attachment.id)?.attachment.thread_id, threadId);
    const items = await call({ type: 'items.list', params: { thread_id: threadId } });
    assert.doesNotMatch(JSON.stringify(items.body), /secret/);

    const preview = await fetch(origin() + (done as { preview_url: string }).preview_url, { headers: user('ann') });
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await preview.arrayBuffer()), PNG);
    const stranger = await fetch(origin() + (done as { preview_url: string }).preview_url, { headers: user('bob') });
    assert.equal(stranger.status, 404);
    // Another user cannot send it either.
    assert.deepEqual(await send([attachment.id], 'bob'), []);
  });

  it('refuses a declared size or type the server does not accept', async () => {
    assert.equal((await create('big.txt', 1001, 'text/plain')).status, 413);
    const wrongType = await create('page.html', 10, 'text/html');
    assert.equal(wrongType.status, 415);
    assert.deepEqual(Object.keys(wrongType.body), ['error']);
  });

  it('refuses a wrong, foreign or used token and keeps nothing', async () => {
    const a = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    const b = (await create('b.txt', 5, 'text/plain')).body as unknown as Attachment;
    assert.equal((await upload(a, Buffer.from('hello'), { 'x-upload-token': 'nope' })).status, 403);
    const foreign = b.upload_descriptor?.headers['x-upload-token'] ?? '';
    assert.equal((await upload(a, Buffer.from('hello'), { 'x-upload-token': foreign })).status, 403);
    assert.equal((await upload(a, Buffer.from('hello'))).status, 200);
    assert.equal((await upload(a, Buffer.from('HELLO'))).status, 403);
    const file = await fetch(`${origin()}/chatkit/attachments/${a.id}/file`, { headers: user('ann') });
    assert.equal(await file.text(), 'hello');
    assert.equal(file.headers.get('content-disposition'), `attachment; filename*=UTF-8''a.txt`);
  });

  it('discards uploads that are too long, too short, of another type or with other content', async () => {
    const before = await files();
    const long = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    assert.equal((await upload(long, Buffer.from('hello world'))).status, 413);
    const short = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    assert.equal((await upload(short, Buffer.from('hey'))).status, 400);
    const typed = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    assert.equal((await upload(typed, Buffer.from('hello'), { 'content-type': 'application/pdf' })).status, 415);
    const fake = (await create('x.png', 48, 'image/png')).body as unknown as Attachment;
    assert.equal((await upload(fake, Buffer.alloc(48, 65))).status, 415);
    assert.deepEqual(await files(), before);
    assert.deepEqual(await send([long.id]), []);
  });

  it('discards an upload cut off half way', async () => {
    const before = await files();
    const attachment = (await create('cut.txt', 500, 'text/plain')).body as unknown as Attachment;
    const settled = store.settled();
    const url = new URL(origin() + (attachment.upload_descriptor?.url ?? ''));
    const req = request(url, {
      method: 'PUT',
      headers: { ...attachment.upload_descriptor?.headers, 'content-length': '500' },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(200, 97), () => req.destroy());
    await settled;
    assert.deepEqual(await files(), before);
    assert.deepEqual(await send([attachment.id]), []);
    // The token still works for a complete retry.
    assert.equal((await upload(attachment, Buffer.alloc(500, 97))).status, 200);
  });

  it('direct upload: a multipart POST answers a ready attachment', async () => {
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'table.csv');
    const response = await fetch(`${origin()}/chatkit/attachments/upload`, {
      method: 'POST',
      body: form,
      headers: user('ann'),
    });
    assert.equal(response.status, 200);
    const attachment = (await response.json()) as Attachment;
    assert.deepEqual({ ...attachment, id: 'x' }, { type: 'file', id: 'x', name: 'table.csv', mime_type: 'text/csv' });
    const events = await send([attachment.id]);
    assert.equal(createdThreadId(events).startsWith('thr_'), true);

    const big = new FormData();
    big.append('file', new Blob(['a'.repeat(1001)], { type: 'text/plain' }), 'big.txt');
    assert.equal((await fetch(`${origin()}/chatkit/attachments/upload`, { method: 'POST', body: big })).status, 413);
    const html = new FormData();
    html.append('file', new Blob(['<script>'], { type: 'text/html' }), 'x.html');
    assert.equal((await fetch(`${origin()}/chatkit/attachments/upload`, { method: 'POST', body: html })).status, 415);
    const empty = new FormData();
    empty.append('note', 'no file');
    assert.equal((await fetch(`${origin()}/chatkit/attachments/upload`, { method: 'POST', body: empty })).status, 400);
    const json = await fetch(`${origin()}/chatkit/attachments/upload`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(json.status, 415);
  });

  it('upload routes refuse other sites and other methods', async () => {
    const attachment = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    const crossSite = await upload(attachment, Buffer.from('hello'), { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const direct = await fetch(`${origin()}/chatkit/attachments/upload`, {
      method: 'POST',
      body: new FormData(),
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(direct.status, 403);
    assert.equal((await fetch(`${origin()}/chatkit/attachments/upload`)).status, 405);
    assert.equal((await upload(attachment, Buffer.from('hello'))).status, 200);
  });

  it('attachments.delete removes the file for its owner only', async () => {
    const attachment = (await create('a.txt', 5, 'text/plain')).body as unknown as Attachment;
    assert.equal((await upload(attachment, Buffer.from('hello'))).status, 200);
    const fileUrl = `${origin()}/chatkit/attachments/${attachment.id}/file`;
    assert.deepEqual(await call({ type: 'attachments.delete', params: { attachment_id: attachment.id } }, 'bob'), {
      status: 200,
      body: {},
    });
    assert.equal((await fetch(fileUrl, { headers: user('ann') })).status, 200);
    assert.deepEqual(await call({ type: 'attachments.delete', params: { attachment_id: attachment.id } }), {
      status: 200,
      body: {},
    });
    assert.equal((await fetch(fileUrl, { headers: user('ann') })).status, 404);
    assert.deepEqual(await send([attachment.id]), []);
    assert.ok(!(await files()).includes(`${attachment.id}.bin`));
  });

  it('input.transcribe decodes the audio and answers the hook text', async () => {
    const audio = Buffer.from('not really opus');
    const answer = await call({
      type: 'input.transcribe',
      params: { audio_base64: audio.toString('base64'), mime_type: 'audio/webm;codecs=opus' },
    });
    assert.deepEqual(answer, { status: 200, body: { text: `heard ${audio.length} bytes of audio/webm` } });
    assert.deepEqual(Buffer.from(heard.at(-1)?.data ?? []), audio);
    assert.equal(heard.at(-1)?.mime_type, 'audio/webm;codecs=opus');
    const bad = await call({
      type: 'input.transcribe',
      params: { audio_base64: 'not base64!', mime_type: 'audio/webm' },
    });
    assert.equal(bad.status, 400);
  });
});

describe('without an attachment store or transcribe hook', () => {
  it('answers 501', async () => {
    const h = await startServer(async function* () {});
    try {
      for (const body of [
        { type: 'attachments.create', params: { name: 'a', size: 1, mime_type: 'text/plain' } },
        { type: 'input.transcribe', params: { audio_base64: 'AAAA', mime_type: 'audio/webm' } },
      ]) {
        assert.equal((await h.json(body)).status, 501);
      }
      assert.equal(
        (await fetch(`${new URL(h.url).origin}/chatkit/attachments/upload`, { method: 'POST', body: new FormData() }))
          .status,
        415,
      );
    } finally {
      await h.close();
    }
  });
});
