/**
 * Test-runner middleware: mounts the real server kit on the test page's own origin.
 *
 *   POST /api/chat         the scripted agent (see scripted-agent.ts)
 *   POST /api/chat/<ns>    the same agent with a store of its own, for tests that list threads
 *   POST /api/seed/<ns>    {"threadId"?, "items": n, "threads"?: n}: writes n messages straight into
 *                          <ns>'s store (long-thread tests), answers {"threadId"}
 *   POST /api/demo         the built-in demo agent, without delays
 *   POST /chatkit          the same, at the path the demo pages (demo/*.html) call
 *   POST /api/widgets      widget, workflow, structured input and image scenarios (widget-agent.ts)
 *   POST /api/widgets-gate/<name> lets a waiting widget scenario go on
 *   POST /api/fault/<kind> byte-level faults a correct server never produces
 *   POST /api/model        the real-model demo agent (agent bridge + @openai/agents) talking to a
 *                          scripted OpenAI-compatible fake on loopback
 *   POST /api/model-script {"replies": [...]}: queues the fake model's next replies
 *   GET  /api/model-requests the `input` of every request the fake model received
 *   POST /api/files…       the kit with attachments and dictation (see files-route.ts)
 *   GET  /pages/<build>.html a plain page (no bundler) loading dist/stream-chat.js or
 *                          stream-chat.iife.js under a strict Content-Security-Policy
 *   GET  /missing/<key>/<file> dist/<file>, but the item actions' file is not found (the `missing` page)
 *   GET  /held/<key>/<file> dist/<file>; the item actions' file waits for POST /api/held-release
 *                          after each load of the module (the `held` page's: /pages/held.html?<key>
 *                          loads it from /held/<key>/, so each key's files are new to the browser)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Next } from 'koa';
import {
  ChatKitServer,
  MemoryStore,
  createChatKitHandler,
  createDemoAgent,
  demoWidgetAction,
  demoWidgetSyncAction,
} from '../../src/server/index.js';
import { scriptedAgent } from './scripted-agent.js';
import { createModelDemoAgent } from '../../src/server/index.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from './fake-openai.js';
import { filesRoute } from './files-route.js';
import { openGate, widgetAction, widgetAgent, widgetSyncAction, type WidgetContext } from './widget-agent.js';

/** The model name the fake answers for the real-model route. */
const FAKE_MODEL = 'canvas-model';
let model: { fake: FakeOpenAI; handler: ReturnType<typeof createChatKitHandler> } | undefined;

async function modelRoute() {
  if (!model) {
    const fake = await startFakeOpenAI();
    const respond = createModelDemoAgent({
      model: FAKE_MODEL,
      title: false,
      openai: { apiKey: 'sk-test', baseURL: fake.baseURL },
    });
    model = {
      fake,
      handler: createChatKitHandler(new ChatKitServer({ store: new MemoryStore(), respond, onError: quiet })),
    };
  }
  return model;
}

const quiet = () => undefined;
const chat = createChatKitHandler(
  new ChatKitServer({ store: new MemoryStore(), respond: scriptedAgent, onError: quiet }),
);
const namespaces = new Map<string, { store: MemoryStore; handler: ReturnType<typeof createChatKitHandler> }>();

function namespace(name: string) {
  let found = namespaces.get(name);
  if (!found) {
    const store = new MemoryStore();
    found = {
      store,
      handler: createChatKitHandler(new ChatKitServer({ store, respond: scriptedAgent, onError: quiet })),
    };
    namespaces.set(name, found);
  }
  return found;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text || '{}') as Record<string, unknown>;
}

/** Writes a thread of `items` alternating user and assistant messages (and `threads` empty titled threads). */
async function seed(store: MemoryStore, body: Record<string, unknown>): Promise<string> {
  for (let t = 0; t < Number(body.threads ?? 0); t++) {
    const id = store.generateThreadId(undefined);
    await store.createThread(
      {
        id,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, t)).toISOString(),
        title: `Seeded ${t}`,
        status: { type: 'active' },
        metadata: {},
      },
      undefined,
    );
  }
  const threadId = store.generateThreadId(undefined);
  const thread = {
    id: threadId,
    created_at: new Date().toISOString(),
    title: 'Long thread',
    status: { type: 'active' as const },
    metadata: {},
  };
  await store.createThread(thread, undefined);
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < Number(body.items ?? 0); i++) {
    const created_at = new Date(base + i * 1000).toISOString();
    const id = `msg_${String(i).padStart(6, '0')}`;
    await store.addThreadItem(
      threadId,
      i % 2 === 0
        ? {
            id,
            thread_id: threadId,
            created_at,
            type: 'user_message',
            content: [{ type: 'input_text', text: `Question ${i}` }],
            attachments: [],
            inference_options: {},
          }
        : {
            id,
            thread_id: threadId,
            created_at,
            type: 'assistant_message',
            content: [{ type: 'output_text', text: `Answer ${i}`, annotations: [] }],
          },
      undefined,
    );
  }
  return threadId;
}
// Widgets, workflows, structured input and generated images (widget-agent.ts).
const widgetChat = createChatKitHandler(
  new ChatKitServer<WidgetContext>({
    store: new MemoryStore(),
    respond: widgetAgent,
    action: widgetAction,
    syncAction: widgetSyncAction,
    onError: quiet,
  }),
  { context: (req) => ({ origin: `http://${req.headers.host ?? 'localhost'}` }) },
);
const demo = createChatKitHandler(
  new ChatKitServer({
    store: new MemoryStore(),
    respond: createDemoAgent({ delayMs: 0 }),
    action: demoWidgetAction,
    syncAction: demoWidgetSyncAction,
    onError: quiet,
  }),
);

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

const frame = (event: unknown) => `data: ${JSON.stringify(event)}\n\n`;
const sse = { 'content-type': 'text/event-stream' };

const faults: Record<string, Fault> = {
  http500: (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal Server Error');
  },
  http401: (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in first.' } }));
  },
  html: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><p>proxy login</p>');
  },
  empty: (_req, res) => {
    res.writeHead(200, sse);
    res.end();
  },
  'bad-json': (_req, res) => {
    res.writeHead(200, sse);
    res.end(frame({ type: 'stream_options', stream_options: { allow_cancel: true } }) + 'data: {"type": broken\n\n');
  },
  drop: (_req, res) => {
    res.writeHead(200, sse);
    res.write(frame({ type: 'stream_options', stream_options: { allow_cancel: true } }));
    setTimeout(() => res.destroy(), 20);
  },
  stall: (req, res) => {
    res.writeHead(200, sse);
    res.write(frame({ type: 'stream_options', stream_options: { allow_cancel: true } }));
    req.on('close', () => res.end());
  },
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
const pages: Record<string, string> = {
  module: '<script type="module" src="/dist/stream-chat.js"></script>',
  classic: '<script src="/dist/stream-chat.iife.js"></script>',
  both: '<script src="/dist/stream-chat.iife.js"></script><script type="module" src="/dist/stream-chat.js"></script>',
  held: '<script type="module" src="/held/KEY/stream-chat.js"></script>',
  missing: '<script type="module" src="/missing/KEY/stream-chat.js"></script>',
};

/** Lets the item actions' file of the `held` page through. */
let releaseHeld: () => void = () => undefined;
let held = Promise.resolve();

export async function testServerMiddleware(ctx: Context, next: Next): Promise<void> {
  const path = ctx.path;
  const page = /^\/pages\/(\w+)\.html$/.exec(path)?.[1];
  if (page && pages[page]) {
    ctx.set('content-security-policy', CSP);
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page}</title>
<script src="/test/support/script-tag-page.js"></script>${pages[page].replace('KEY', ctx.querystring.replace(/\W/g, '') || 'page')}</head>
<body><stream-chat theme="dark" history></stream-chat></body></html>`;
    return;
  }
  const file = /^\/held\/\w+\/(stream-chat[\w-]*\.js)$/.exec(path)?.[1];
  if (file) {
    // Each page that loads the module holds the item actions' file again.
    if (file === 'stream-chat.js') held = new Promise((resolve) => (releaseHeld = resolve));
    else if (file.startsWith('stream-chat-item-actions-')) await held;
    ctx.path = `/dist/${file}`;
    return next();
  }
  // A deployment without the item actions' file: it is not found.
  const missing = /^\/missing\/\w+\/(stream-chat[\w-]*\.js)$/.exec(path)?.[1];
  if (missing) {
    if (missing.startsWith('stream-chat-item-actions-')) ctx.status = 404;
    else {
      ctx.path = `/dist/${missing}`;
      return next();
    }
    return;
  }
  if (path === '/api/held-release') {
    releaseHeld();
    ctx.respond = false;
    ctx.res.writeHead(204).end();
    return;
  }
  if (path === '/chatkit') {
    ctx.respond = false;
    return demo(ctx.req, ctx.res);
  }
  if (!path.startsWith('/api/')) return next();
  ctx.respond = false;
  if (path === '/api/chat') return chat(ctx.req, ctx.res);
  const files = filesRoute(path, ctx.req, ctx.res);
  if (files) return files;
  if (path.startsWith('/api/chat/')) return namespace(path.slice('/api/chat/'.length)).handler(ctx.req, ctx.res);
  if (path.startsWith('/api/seed/')) {
    const threadId = await seed(namespace(path.slice('/api/seed/'.length)).store, await readJson(ctx.req));
    ctx.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ threadId }));
    return;
  }
  if (path === '/api/widgets') return widgetChat(ctx.req, ctx.res);
  if (path.startsWith('/api/widgets-gate/')) {
    openGate(path.slice('/api/widgets-gate/'.length));
    ctx.res.writeHead(204).end();
    return;
  }
  if (path === '/api/demo') return demo(ctx.req, ctx.res);
  if (path === '/api/model') return (await modelRoute()).handler(ctx.req, ctx.res);
  if (path === '/api/model-requests') {
    const inputs = (await modelRoute()).fake.requestsFor(FAKE_MODEL).map((request) => request.body.input ?? null);
    ctx.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inputs));
    return;
  }
  if (path === '/api/model-script') {
    const { replies } = (await readJson(ctx.req)) as { replies: FakeReply[] };
    (await modelRoute()).fake.script(FAKE_MODEL, ...replies);
    ctx.res.writeHead(204).end();
    return;
  }
  const fault = path.startsWith('/api/fault/') ? faults[path.slice('/api/fault/'.length)] : undefined;
  if (fault) return fault(ctx.req, ctx.res);
  ctx.res.writeHead(404).end();
}
