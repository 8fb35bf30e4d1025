/**
 * Test-runner middleware: mounts the real server kit on the test page's own origin.
 *
 *   POST /api/chat         the scripted agent (see scripted-agent.ts)
 *   POST /api/demo         the built-in demo agent, without delays
 *   POST /api/fault/<kind> byte-level faults a correct server never produces
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Next } from 'koa';
import { ChatKitServer, MemoryStore, createChatKitHandler, createDemoAgent } from '../../src/server/index.js';
import { scriptedAgent } from './scripted-agent.js';

const quiet = () => undefined;
const chat = createChatKitHandler(new ChatKitServer({ store: new MemoryStore(), respond: scriptedAgent, onError: quiet }));
const demo = createChatKitHandler(new ChatKitServer({ store: new MemoryStore(), respond: createDemoAgent({ delayMs: 0 }), onError: quiet }));

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

export async function testServerMiddleware(ctx: Context, next: Next): Promise<void> {
  const path = ctx.path;
  if (!path.startsWith('/api/')) return next();
  ctx.respond = false;
  if (path === '/api/chat') return chat(ctx.req, ctx.res);
  if (path === '/api/demo') return demo(ctx.req, ctx.res);
  const fault = path.startsWith('/api/fault/') ? faults[path.slice('/api/fault/'.length)] : undefined;
  if (fault) return fault(ctx.req, ctx.res);
  ctx.res.writeHead(404).end();
}
