/**
 * The demo backend without an API key, over real HTTP: it describes the files, tool and model a
 * message carried, and dictation answers its fixed transcript.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attachment } from '../../src/protocol/types.js';
import { createDemoAgent, DEMO_TRANSCRIPT, demoTranscribe, FileAttachmentStore } from '../../src/server/index.js';
import { readSse } from '../support/sse.js';
import { assistantTexts, input, startServer, type Harness } from './harness.js';

describe('demo backend: files, menus and dictation', () => {
  let dir: string;
  let h: Harness;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-files-'));
    h = await startServer(createDemoAgent({ delayMs: 0 }), {
      server: {
        attachments: new FileAttachmentStore({ directory: dir, baseUrl: '/chatkit' }),
        transcribe: demoTranscribe,
      },
    });
  });
  after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('describes the files, tool and model it received', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(2048)], { type: 'text/plain' }), 'notes_v2.txt');
    const uploaded = await fetch(`${new URL(h.url).origin}/chatkit/attachments/upload`, { method: 'POST', body: form });
    const attachment = (await uploaded.json()) as Attachment;
    const events = await readSse(
      await h.post({
        type: 'threads.create',
        params: {
          input: input('hello', {
            attachments: [attachment.id],
            inference_options: { tool_choice: { id: 'search' }, model: 'fast' },
          }),
        },
      }),
    );
    const [described, reply] = assistantTexts(events);
    assert.equal(
      described,
      'The demo received:\n\n- file **notes\\_v2.txt** (text/plain, 2.0 KB)\n- tool **search**\n- model **fast**',
    );
    assert.match(reply ?? '', /You said \*\*hello\*\*/);
  });

  it('answers a demo command that carried only the preselected model without describing it', async () => {
    const send = async (text: string) =>
      assistantTexts(
        await readSse(
          await h.post({
            type: 'threads.create',
            params: { input: input(text, { inference_options: { model: 'smart' } }) },
          }),
        ),
      );
    const [status] = await send('status');
    assert.match(status ?? '', /^Your status is updated/);
    const [described, echoed] = await send('hello there');
    assert.equal(described, 'The demo received:\n\n- model **smart**');
    assert.match(echoed ?? '', /You said \*\*hello there\*\*/);
  });

  it('answers files sent without text by describing them, stores them, and titles the thread after them', async () => {
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'report.pdf');
    const uploaded = await fetch(`${new URL(h.url).origin}/chatkit/attachments/upload`, { method: 'POST', body: form });
    const attachment = (await uploaded.json()) as Attachment;
    const events = await readSse(
      await h.post({
        type: 'threads.create',
        params: { input: { content: [], attachments: [attachment.id], inference_options: {} } },
      }),
    );
    assert.deepEqual(assistantTexts(events), ['The demo received:\n\n- file **report.pdf** (application/pdf, 8 B)']);
    const created = events.find((event) => event.type === 'thread.created') as { thread: { id: string } } | undefined;
    const thread = await h.json({ type: 'threads.get_by_id', params: { thread_id: created?.thread.id ?? '' } });
    const body = thread.body as {
      title: string;
      items: { data: Array<{ type: string; content?: unknown[]; attachments?: Attachment[] }> };
    };
    assert.equal(body.title, 'Chat about report pdf');
    const sent = body.items.data.find((item) => item.type === 'user_message');
    assert.deepEqual(sent?.content, []);
    assert.deepEqual(
      sent?.attachments?.map((each) => each.id),
      [attachment.id],
    );
  });

  it('says nothing extra for a plain message', async () => {
    const events = await readSse(await h.post({ type: 'threads.create', params: { input: input('hello') } }));
    assert.equal(assistantTexts(events).length, 1);
  });

  it('transcribes with a fixed answer', async () => {
    const answer = await h.json({
      type: 'input.transcribe',
      params: { audio_base64: 'AAAA', mime_type: 'audio/webm' },
    });
    assert.deepEqual(answer, { status: 200, body: { text: DEMO_TRANSCRIPT } });
  });
});
