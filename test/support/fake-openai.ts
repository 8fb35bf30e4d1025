/**
 * A scripted OpenAI-compatible endpoint on 127.0.0.1:0 for the agent bridge tests: it serves
 * `POST /v1/responses` (streamed as server-sent events with `stream: true`, as JSON otherwise) and
 * `POST /v1/chat/completions` (streamed chunks) and `POST /v1/audio/transcriptions` (multipart in,
 * `{text}` out: the scripted reply's text; the request body records the form's fields and the
 * file as `{name, type, base64}`), answering each request with the next reply queued
 * for its model. No network beyond loopback; nothing is ever sent to a real provider.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

/** One piece of a scripted model response. */
export type FakeOutput =
  { type: 'text'; chunks: string[] } | { type: 'call'; name: string; arguments: JsonRecord; callId: string };

/** What the fake answers one request with. */
export type FakeReply =
  | { type: 'response'; output: FakeOutput[] }
  | { type: 'http_error'; status: number; body: JsonRecord; headers?: Record<string, string> }
  /** Starts a streamed response, sends the text, then an in-stream `error` event. */
  | { type: 'stream_error'; chunks: string[]; code: string; message: string }
  /** Accepts the request and never answers until the client goes away. */
  | { type: 'hang' }
  /** Starts a streamed response, sends the text, then drops the connection mid-response. */
  | { type: 'drop'; chunks: string[] }
  /** Answers with `then` once `until` resolves (a slow model, released by the test). */
  | { type: 'held'; until: Promise<void>; then: FakeReply };

/** A request the fake received. */
export interface FakeRequest {
  path: string;
  /** The `authorization` header as sent. */
  authorization: string | undefined;
  body: JsonRecord;
  /** Resolves when the connection of this request closed (answered, or dropped by the client). */
  closed: Promise<void>;
}

let callCounter = 0;

/** Builders for scripted replies. */
export const reply = {
  /** A streamed assistant message, one `output_text.delta` per chunk. */
  text: (...chunks: string[]): FakeReply => ({ type: 'response', output: [{ type: 'text', chunks }] }),
  /** One function call (after optional text). */
  call: (name: string, args: JsonRecord = {}, text: string[] = []): FakeReply => ({
    type: 'response',
    output: [...(text.length > 0 ? [{ type: 'text' as const, chunks: text }] : []), fakeCall(name, args)],
  }),
  /** Several outputs in one response. */
  response: (...output: FakeOutput[]): FakeReply => ({ type: 'response', output }),
  /** An HTTP error with an OpenAI-style JSON body; the client is told not to retry. */
  httpError: (status: number, code: string, message: string, type = 'invalid_request_error'): FakeReply => ({
    type: 'http_error',
    status,
    body: { error: { message, type, code, param: null } },
    headers: { 'x-should-retry': 'false' },
  }),
  streamError: (code: string, message: string, ...chunks: string[]): FakeReply => ({
    type: 'stream_error',
    chunks,
    code,
    message,
  }),
  hang: (): FakeReply => ({ type: 'hang' }),
  drop: (...chunks: string[]): FakeReply => ({ type: 'drop', chunks }),
  /** A reply held back until the returned `release()` is called. */
  held(then: FakeReply): { reply: FakeReply; release: () => void } {
    let release = () => undefined as void;
    const until = new Promise<void>((resolve) => (release = resolve));
    return { reply: { type: 'held', until, then }, release };
  },
};

/** A function call output for {@link reply.response}. */
export function fakeCall(name: string, args: JsonRecord = {}): FakeOutput {
  callCounter += 1;
  return { type: 'call', name, arguments: args, callId: `call_fake${callCounter}` };
}

/** The running fake: queue replies per model, read what it received, close it. */
export interface FakeOpenAI {
  /** The base URL to give the SDK, ending in `/v1`. */
  baseURL: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /** Queues replies for requests naming `model`, answered in order. */
  script(model: string, ...replies: FakeReply[]): void;
  /** The requests that named `model`. */
  requestsFor(model: string): FakeRequest[];
  /** Resolves with the next request for `model` that arrives from now on. */
  received(model: string): Promise<FakeRequest>;
  /** Replies still queued for `model` (0 once the script was used up). */
  pending(model: string): number;
  close(): Promise<void>;
}

/** Starts a fake on 127.0.0.1 with a free port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queues = new Map<string, FakeReply[]>();
  const requests: FakeRequest[] = [];
  let waiters: { model: string; resolve: (request: FakeRequest) => void }[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', code: null } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    const body = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')
      ? await readForm(req)
      : await readJson(req);
    const request: FakeRequest = { path, authorization: req.headers.authorization, body, closed };
    requests.push(request);
    const model = typeof body.model === 'string' ? body.model : '';
    waiters = waiters.filter((waiter) => {
      if (waiter.model !== model) return true;
      waiter.resolve(request);
      return false;
    });
    const next = queues.get(model)?.shift();
    if (!next) {
      const scripted: FakeReply = reply.httpError(
        500,
        'unscripted',
        `The fake has no reply queued for model "${model}".`,
        'server_error',
      );
      return send(res, scripted, path, body);
    }
    return send(res, next, path, body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(model, ...replies) {
      queues.set(model, [...(queues.get(model) ?? []), ...replies]);
    },
    requestsFor: (model) => requests.filter((request) => request.body.model === model),
    received: (model) => new Promise((resolve) => waiters.push({ model, resolve })),
    pending: (model) => queues.get(model)?.length ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A multipart body as JSON: text fields as strings, files as `{name, type, base64}`. */
async function readForm(req: IncomingMessage): Promise<JsonRecord> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form = await new Response(Buffer.concat(chunks), {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  const body: JsonRecord = {};
  const entries: [string, FormDataEntryValue][] = [];
  form.forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    body[key] =
      typeof value === 'string'
        ? value
        : { name: value.name, type: value.type, base64: Buffer.from(await value.arrayBuffer()).toString('base64') };
  }
  return body;
}

async function readJson(req: IncomingMessage): Promise<JsonRecord> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonRecord) : {};
}

function send(res: ServerResponse, scripted: FakeReply, path: string, body: JsonRecord): void {
  switch (scripted.type) {
    case 'held':
      void scripted.until.then(() => {
        if (!res.destroyed) send(res, scripted.then, path, body);
      });
      return;
    case 'http_error':
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(JSON.stringify(scripted.body));
      return;
    case 'hang':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      return;
    case 'stream_error':
    case 'response':
    case 'drop':
      if (path.endsWith('/chat/completions')) return sendChatCompletion(res, scripted, body);
      if (path.endsWith('/audio/transcriptions')) return sendTranscription(res, scripted);
      if (path.endsWith('/responses')) return sendResponse(res, scripted, body);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `No route ${path}`, type: 'invalid_request_error', code: null } }));
      return;
  }
}

function sendTranscription(res: ServerResponse, scripted: Streamed): void {
  const text =
    scripted.type === 'response'
      ? scripted.output.flatMap((output) => (output.type === 'text' ? output.chunks : [])).join('')
      : '';
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ text }));
}

// --- Responses API ---------------------------------------------------------------------------

let responseCounter = 0;

const usage = {
  input_tokens: 10,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 5,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 15,
};

type Streamed = Extract<FakeReply, { type: 'response' | 'stream_error' | 'drop' }>;

function sendResponse(res: ServerResponse, scripted: Streamed, body: JsonRecord): void {
  responseCounter += 1;
  const id = `resp_fake${responseCounter}`;
  const model = typeof body.model === 'string' ? body.model : 'fake';
  const envelope = (status: string, output: Json[]): JsonRecord => ({
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
    usage: status === 'completed' ? usage : null,
  });
  const outputs: FakeOutput[] =
    scripted.type === 'response' ? scripted.output : [{ type: 'text', chunks: scripted.chunks }];
  const items = outputs.map((output, index) => outputItem(output, `${id}_${index}`));
  const cut = scripted.type !== 'response';

  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(envelope('completed', items)));
    return;
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sequence = 0;
  const emit = (event: JsonRecord) => {
    res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence++ })}\n\n`);
  };
  emit({ type: 'response.created', response: envelope('in_progress', []) });
  emit({ type: 'response.in_progress', response: envelope('in_progress', []) });
  outputs.forEach((output, outputIndex) => {
    const item = items[outputIndex] as JsonRecord;
    const itemId = String(item.id);
    if (output.type === 'text') {
      emit({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      });
      emit({
        type: 'response.content_part.added',
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      });
      for (const delta of output.chunks) {
        emit({
          type: 'response.output_text.delta',
          item_id: itemId,
          output_index: outputIndex,
          content_index: 0,
          delta,
          logprobs: [],
        });
      }
      if (cut) return;
      const text = output.chunks.join('');
      emit({
        type: 'response.output_text.done',
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        text,
        logprobs: [],
      });
      emit({
        type: 'response.content_part.done',
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        part: { type: 'output_text', text, annotations: [] },
      });
    } else {
      const args = JSON.stringify(output.arguments);
      emit({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      emit({ type: 'response.function_call_arguments.delta', item_id: itemId, output_index: outputIndex, delta: args });
      emit({
        type: 'response.function_call_arguments.done',
        item_id: itemId,
        output_index: outputIndex,
        arguments: args,
      });
    }
    emit({ type: 'response.output_item.done', output_index: outputIndex, item });
  });
  if (scripted.type === 'drop') {
    // Mid-response, as when a proxy or the provider resets the connection: undici's "terminated".
    res.write('', () => res.socket?.destroy());
    return;
  }
  if (scripted.type === 'stream_error') {
    emit({ type: 'error', code: scripted.code, message: scripted.message, param: null });
  } else {
    emit({ type: 'response.completed', response: envelope('completed', items) });
  }
  res.end();
}

function outputItem(output: FakeOutput, id: string): JsonRecord {
  if (output.type === 'text') {
    return {
      id: `msg_${id}`,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: output.chunks.join(''), annotations: [] }],
    };
  }
  return {
    id: `fc_${id}`,
    type: 'function_call',
    status: 'completed',
    call_id: output.callId,
    name: output.name,
    arguments: JSON.stringify(output.arguments),
  };
}

// --- Chat Completions ------------------------------------------------------------------------

function sendChatCompletion(res: ServerResponse, scripted: Streamed, body: JsonRecord): void {
  responseCounter += 1;
  const id = `chatcmpl-fake${responseCounter}`;
  const model = typeof body.model === 'string' ? body.model : 'fake';
  const outputs: FakeOutput[] =
    scripted.type === 'response' ? scripted.output : [{ type: 'text', chunks: scripted.chunks }];
  const text = outputs.flatMap((output) => (output.type === 'text' ? output.chunks : [])).join('');
  const calls = outputs.flatMap((output) => (output.type === 'call' ? [output] : []));
  const toolCalls = calls.map((call, index) => ({
    index,
    id: call.callId,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const finish = calls.length > 0 ? 'tool_calls' : 'stop';

  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [
          {
            index: 0,
            finish_reason: finish,
            message: {
              role: 'assistant',
              content: text || null,
              ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            },
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
    return;
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: JsonRecord, finishReason: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
    );
  chunk({ role: 'assistant', content: '' });
  for (const output of outputs)
    if (output.type === 'text') for (const delta of output.chunks) chunk({ content: delta });
  if (scripted.type === 'drop') {
    res.write('', () => res.socket?.destroy());
    return;
  }
  if (scripted.type === 'stream_error') {
    res.write(
      `data: ${JSON.stringify({ error: { message: scripted.message, type: 'server_error', code: scripted.code } })}\n\n`,
    );
    res.end();
    return;
  }
  toolCalls.forEach((call) => chunk({ tool_calls: [call] }));
  chunk({}, finish);
  res.write(
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
  );
  res.write('data: [DONE]\n\n');
  res.end();
}
