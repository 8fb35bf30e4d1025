/**
 * The agent bridge with files, model choice and dictation, end to end: the real kit over HTTP,
 * FileAttachmentStore, the real Agents SDK, and the scripted OpenAI-compatible server on loopback.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attachment, JsonObject, UserMessageInput } from '../../src/protocol/types.js';
import { FileAttachmentStore } from '../../src/server/index.js';
import { createAgentResponder, createOpenAITranscriber } from '../../src/server/agents/index.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { readSse } from '../support/sse.js';
import { assistantTexts, input, startServer, type Harness } from './harness.js';

const MAIN = 'main-model';
const OTHER = 'other-model';
const SPEECH = 'speech-model';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 1)]);
const PDF = Buffer.from('%PDF-1.4 tiny');

describe('agent bridge: attachments, model choice, transcription', () => {
  let dir: string;
  let fake: FakeOpenAI;
  let h: Harness;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bridge-files-'));
    fake = await startFakeOpenAI();
    const openai = { apiKey: 'sk-test-key', baseURL: fake.baseURL };
    h = await startServer(
      createAgentResponder({ instructions: 'Be brief.', model: MAIN, allowedModels: [OTHER], title: false, openai }),
      {
        server: {
          attachments: new FileAttachmentStore({ directory: dir, baseUrl: '/chatkit' }),
          transcribe: createOpenAITranscriber({ ...openai, model: SPEECH }),
        },
      },
    );
  });
  after(async () => {
    await h.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const origin = () => new URL(h.url).origin;
  async function twoPhase(name: string, mime: string, bytes: Buffer): Promise<Attachment> {
    const created = (
      await h.json({ type: 'attachments.create', params: { name, size: bytes.length, mime_type: mime } })
    ).body as Attachment;
    const descriptor = created.upload_descriptor;
    assert.ok(descriptor);
    const response = await fetch(origin() + descriptor.url, {
      method: descriptor.method,
      headers: descriptor.headers,
      body: new Uint8Array(bytes),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Attachment;
  }
  async function direct(name: string, mime: string, bytes: Buffer): Promise<Attachment> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), name);
    const response = await fetch(`${origin()}/chatkit/attachments/upload`, { method: 'POST', body: form });
    assert.equal(response.status, 200);
    return (await response.json()) as Attachment;
  }
  const ask = async (extra: Partial<UserMessageInput>) =>
    readSse(await h.post({ type: 'threads.create', params: { input: input('What is in these?', extra) } }));

  it('sends images as image inputs, text files as text and other files as files', async () => {
    const image = await twoPhase('dot.png', 'image/png', PNG);
    const notes = await direct('notes.md', 'text/markdown', Buffer.from('# Shopping\n- milk'));
    const paper = await direct('paper.pdf', 'application/pdf', PDF);
    fake.script(MAIN, reply.text('Three files.'));
    const events = await ask({ attachments: [image.id, notes.id, paper.id] });
    assert.deepEqual(assistantTexts(events), ['Three files.']);
    const sent = fake.requestsFor(MAIN).at(-1)?.body.input as JsonObject[];
    const user = sent.find((message) => message.role === 'user');
    assert.deepEqual(user?.content, [
      { type: 'input_text', text: 'What is in these?' },
      { type: 'input_image', image_url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'auto' },
      { type: 'input_text', text: 'Attached file notes.md (text/markdown):\n# Shopping\n- milk' },
      { type: 'input_file', file_data: `data:application/pdf;base64,${PDF.toString('base64')}`, filename: 'paper.pdf' },
    ]);
  });

  it('answers with the composer model only when it is allowed', async () => {
    fake.script(OTHER, reply.text('from other'));
    assert.deepEqual(assistantTexts(await ask({ inference_options: { model: OTHER } })), ['from other']);
    fake.script(MAIN, reply.text('from main'));
    assert.deepEqual(assistantTexts(await ask({ inference_options: { model: 'not-allowed' } })), ['from main']);
    assert.equal(fake.requestsFor('not-allowed').length, 0);
  });

  it('transcribes with the transcription API', async () => {
    const audio = Buffer.from('fake opus frames');
    fake.script(SPEECH, reply.text('hello ', 'there'));
    const answer = await h.json({
      type: 'input.transcribe',
      params: { audio_base64: audio.toString('base64'), mime_type: 'audio/webm;codecs=opus' },
    });
    assert.deepEqual(answer, { status: 200, body: { text: 'hello there' } });
    const request = fake.requestsFor(SPEECH).at(-1);
    assert.equal(request?.path, '/v1/audio/transcriptions');
    assert.equal(request?.authorization, 'Bearer sk-test-key');
    assert.deepEqual(request?.body.file, { name: 'speech.webm', type: 'audio/webm', base64: audio.toString('base64') });

    fake.script(SPEECH, reply.httpError(401, 'invalid_api_key', 'Incorrect API key provided: sk-test…'));
    const failed = await h.json({
      type: 'input.transcribe',
      params: { audio_base64: audio.toString('base64'), mime_type: 'audio/ogg' },
    });
    assert.equal(failed.status, 502);
    assert.doesNotMatch(JSON.stringify(failed.body), /sk-test/);
    const video = await h.json({
      type: 'input.transcribe',
      params: { audio_base64: audio.toString('base64'), mime_type: 'video/x-flv' },
    });
    assert.equal(video.status, 415);
  });
});
