// `npm start`: serves the demo pages, the built element and the demo ChatKit backend on one port.
// Uses the built server kit (Node 20 cannot run TypeScript), so `npm start` builds first.
import { createServer } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChatKitServer,
  FileAttachmentStore,
  FileStore,
  MemoryStore,
  PostgresStore,
  createChatKitHandler,
  createDemoAgent,
  demoTranscribe,
  demoWidgetAction,
  demoWidgetSyncAction,
} from '../dist/server/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

const backend = await chooseBackend();
// Conversations survive restarts in .data/threads (CHAT_DATA_DIR); STORE=memory keeps them in memory;
// DATABASE_URL (postgres://…) keeps them in PostgreSQL (schema DATABASE_SCHEMA, stream_chat by
// default), shared by every instance started with it.
const dataDir = process.env.CHAT_DATA_DIR ?? fileURLToPath(new URL('../.data/threads', import.meta.url));
const store = process.env.DATABASE_URL
  ? new PostgresStore({ connectionString: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA || undefined })
  : process.env.STORE === 'memory'
    ? new MemoryStore()
    : new FileStore({ directory: dataDir });
// Connect and migrate before listening, so a wrong DATABASE_URL stops the start with its reason.
if (store instanceof PostgresStore) {
  await store.migrate().catch((error) => {
    console.error(`stream-chat demo: cannot use DATABASE_URL: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
// Uploaded files live beside the threads (in a temporary folder with STORE=memory).
const attachmentDir =
  process.env.STORE === 'memory' ? await mkdtemp(join(tmpdir(), 'stream-chat-files-')) : join(dataDir, 'attachments');
const attachments = new FileAttachmentStore({ directory: attachmentDir, baseUrl: '/chatkit' });
const handleChatKit = createChatKitHandler(
  new ChatKitServer({
    store,
    respond: backend.respond,
    attachments,
    transcribe: backend.transcribe,
    action: demoWidgetAction,
    syncAction: demoWidgetSyncAction,
  }),
);
// Requests still running, so a shutdown lets cut answers save what they streamed before the store closes.
const running = new Set();
const chatkit = (req, res) => {
  const done = handleChatKit(req, res);
  running.add(done);
  void done.finally(() => running.delete(done));
  return done;
};

/**
 * A real model when OPENAI_API_KEY is set (OPENAI_BASE_URL for any OpenAI-compatible server,
 * OPENAI_MODEL / OPENAI_TITLE_MODEL for the models, OPENAI_MODELS for the comma-separated models
 * the composer may choose, OPENAI_TRANSCRIBE_MODEL for dictation, OPENAI_API=chat_completions for
 * servers without the Responses API); the deterministic demo agent, which describes the files,
 * tool and model it received and transcribes with a fixed text, otherwise.
 */
async function chooseBackend() {
  if (!process.env.OPENAI_API_KEY) {
    return {
      respond: createDemoAgent(),
      transcribe: demoTranscribe,
      description: 'the built-in deterministic demo agent (set OPENAI_API_KEY to use a real model)',
    };
  }
  // Loaded only here: the agent bridge needs the optional @openai/agents package.
  const agents = await import('../dist/server/agents/index.js');
  try {
    await agents.checkAgentsSdk();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const model = process.env.OPENAI_MODEL || agents.DEFAULT_AGENT_MODEL;
  const titleModel = process.env.OPENAI_TITLE_MODEL || agents.DEFAULT_TITLE_MODEL;
  const api = process.env.OPENAI_API === 'chat_completions' ? 'chat_completions' : 'responses';
  const endpoint = process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  const allowedModels = (process.env.OPENAI_MODELS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    respond: agents.createModelDemoAgent({ model, allowedModels, title: { model: titleModel }, openai: { api } }),
    transcribe: agents.createOpenAITranscriber({ model: process.env.OPENAI_TRANSCRIBE_MODEL || undefined }),
    description: `the model ${model} (titles: ${titleModel}) at ${endpoint}, ${api} API, through the agent bridge`,
  };
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Only these folders are served, so nothing else in the checkout leaks out. */
const servable = ['demo/', 'dist/'];

const server = createServer((req, res) => {
  // Whatever arrives, the listener answers and never rejects: one odd request must not stop the demo.
  serve(req, res).catch((error) => {
    console.error('demo server:', error instanceof Error ? error.message : error);
    if (!res.headersSent) sendText(res, 500, 'Internal error');
    else res.destroy();
  });
});
// Slow clients cannot hold connections open forever (Node's defaults, stated here on purpose).
server.headersTimeout = 60_000;
server.requestTimeout = 300_000;

async function serve(req, res) {
  const url = parseUrl(req.url);
  if (!url) return sendText(res, 400, 'Bad request');
  if (url.pathname === '/chatkit' || url.pathname.startsWith('/chatkit/attachments/')) return chatkit(req, res);
  const path = normalize(url.pathname === '/' ? 'demo/index.html' : url.pathname.replace(/^\/+/, ''));
  if (!servable.some((dir) => path.startsWith(dir))) return notFound(res);
  let body;
  try {
    body = await readFile(join(root, path));
  } catch {
    return notFound(res);
  }
  res.writeHead(200, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // The demo runs under the same strict policy the element is built for (`blob:` images are the
    // previews of files about to be sent).
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:",
  });
  res.end(body);
}

/** The request target as a URL, or null when it is none (`//[` is an invalid host, say). */
function parseUrl(target) {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

function sendText(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function notFound(res) {
  sendText(res, 404, 'Not found');
}

server.listen(port, host, () => {
  // PORT=0 picks a free port: print the one actually bound.
  const origin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${server.address().port}`;
  console.log(`stream-chat demo: ${origin}/`);
  console.log(`  canvas pattern:   ${origin}/demo/canvas.html`);
  console.log(`  backend: ${backend.description}, at POST /chatkit`);
  console.log(`  threads: ${describeStore()}`);
  console.log(`  files: kept in ${attachments.directory}`);
});

function describeStore() {
  if (store instanceof FileStore) return `kept in ${store.directory}`;
  if (!(store instanceof PostgresStore)) return 'in memory (STORE=memory)';
  // Where, without the user name and password.
  const where = URL.canParse(process.env.DATABASE_URL) ? new URL(process.env.DATABASE_URL) : null;
  return `in PostgreSQL${where ? ` at ${where.host}${where.pathname}` : ''}, schema ${store.schema} (DATABASE_URL)`;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    Promise.allSettled([...running])
      .then(() =>
        store instanceof FileStore ? store.flush() : store instanceof PostgresStore ? store.close() : undefined,
      )
      .finally(() => process.exit(0));
  });
}
