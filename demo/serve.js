// `npm start`: serves the demo pages, the built element and the demo ChatKit backend on one port.
// Uses the built server kit (Node 20 cannot run TypeScript), so `npm start` builds first.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatKitServer, FileStore, MemoryStore, createChatKitHandler, createDemoAgent, demoWidgetAction, demoWidgetSyncAction } from '../dist/server/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

const backend = await chooseBackend();
// Conversations survive restarts in .data/threads (CHAT_DATA_DIR); STORE=memory keeps them in memory.
const dataDir = process.env.CHAT_DATA_DIR ?? fileURLToPath(new URL('../.data/threads', import.meta.url));
const store = process.env.STORE === 'memory' ? new MemoryStore() : new FileStore({ directory: dataDir });
const chatkit = createChatKitHandler(new ChatKitServer({ store, respond: backend.respond, action: demoWidgetAction, syncAction: demoWidgetSyncAction }));

/**
 * A real model when OPENAI_API_KEY is set (OPENAI_BASE_URL for any OpenAI-compatible server,
 * OPENAI_MODEL / OPENAI_TITLE_MODEL for the models, OPENAI_API=chat_completions for servers
 * without the Responses API); the deterministic demo agent otherwise.
 */
async function chooseBackend() {
  if (!process.env.OPENAI_API_KEY) {
    return { respond: createDemoAgent(), description: 'the built-in deterministic demo agent (set OPENAI_API_KEY to use a real model)' };
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
  return {
    respond: agents.createModelDemoAgent({ model, title: { model: titleModel }, openai: { api } }),
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

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/chatkit') return chatkit(req, res);
  const path = normalize(url.pathname === '/' ? 'demo/index.html' : url.pathname.replace(/^\/+/, ''));
  if (!servable.some((dir) => path.startsWith(dir))) return notFound(res);
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      // The demo runs under the same strict policy the element is built for.
      'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:",
    });
    res.end(body);
  } catch {
    notFound(res);
  }
});

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not found');
}

server.listen(port, host, () => {
  console.log(`stream-chat demo: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
  console.log(`  canvas pattern:   http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/demo/canvas.html`);
  console.log(`  backend: ${backend.description}, at POST /chatkit`);
  console.log(`  threads: ${store instanceof FileStore ? `kept in ${store.directory}` : 'in memory (STORE=memory)'}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    Promise.resolve(store instanceof FileStore ? store.flush() : undefined).finally(() => process.exit(0));
  });
}
