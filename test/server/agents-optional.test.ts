/**
 * `@openai/agents` is an optional peer: the server kit must load and serve without it, and the
 * bridge must say clearly what is missing. A child process hides the package with a resolve hook.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { MISSING_SDK_MESSAGE } from '../../src/server/agents/index.js';
import { importPeer } from '../../src/server/agents/peer.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const src = (path: string) => pathToFileURL(join(root, 'src/server', path)).href;

const HOOK = `
export async function resolve(specifier, context, next) {
  if (specifier === '@openai/agents' || specifier.startsWith('@openai/agents/')) {
    const error = new Error(\`Cannot find package '\${specifier}' imported from \${context.parentURL}\`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;

const REGISTER = `import { register } from 'node:module';
register(new URL('./hide-agents-hook.mjs', import.meta.url));`;

const SCRIPT = `
const { ChatKitServer, MemoryStore, createDemoAgent } = await import(${JSON.stringify(src('index.ts'))});
const agents = await import(${JSON.stringify(src('agents/index.ts'))});
const input = { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} };
async function turn(respond) {
  const errors = [];
  const server = new ChatKitServer({ store: new MemoryStore(), respond, onError: (error) => errors.push(error.message) });
  const result = await server.process({ type: 'threads.create', params: { input } }, undefined);
  const events = [];
  for await (const event of result.events) events.push(event.type === 'error' ? event : event.type);
  return { events, errors };
}
const demo = await turn(createDemoAgent({ delayMs: 0 }));
const bridge = await turn(agents.createModelDemoAgent({ openai: { apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1' } }));
let check = 'loaded';
try { await agents.checkAgentsSdk(); } catch (error) { check = error.message; }
process.stdout.write(JSON.stringify({ demo, bridge, check }));
`;

describe('without @openai/agents installed', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stream-chat-agents-'));
    await writeFile(join(dir, 'hide-agents-hook.mjs'), HOOK);
    await writeFile(join(dir, 'register.mjs'), REGISTER);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('the kit still loads and serves; the bridge fails its turn with a clear message to onError', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', join(dir, 'register.mjs'), '--input-type=module', '-e', SCRIPT],
      {
        cwd: root,
        timeout: 30_000,
      },
    );
    const result = JSON.parse(stdout) as {
      demo: { events: unknown[]; errors: string[] };
      bridge: { events: unknown[]; errors: string[] };
      check: string;
    };
    assert.equal(result.demo.events.at(-1), 'thread.item.done');
    assert.deepEqual(result.demo.errors, []);
    assert.deepEqual(result.bridge.events, [
      'thread.created',
      'thread.item.done',
      'stream_options',
      { type: 'error', code: 'stream.error', allow_retry: true },
    ]);
    assert.deepEqual(result.bridge.errors, [MISSING_SDK_MESSAGE]);
    assert.equal(result.check, MISSING_SDK_MESSAGE);
  });
});

describe('importPeer', () => {
  it('names the missing package and keeps the import error as the cause', async () => {
    await assert.rejects(importPeer('stream-chat-no-such-package'), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /needs the optional peer dependency stream-chat-no-such-package/);
      assert.ok(error.cause instanceof Error);
      return true;
    });
  });
});
