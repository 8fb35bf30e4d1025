/**
 * `node demo/serve.js` as `npm start` runs it, in a child process, fed raw bytes: every request,
 * however malformed, gets an answer and the server stays up. A resolve hook points the demo at the
 * server kit's sources (through tsx) instead of a build in `dist/`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const HOOK = `
const sources = ${JSON.stringify(pathToFileURL(join(root, 'src/server/')).href)};
export async function resolve(specifier, context, next) {
  const built = /\\/dist\\/server\\/(.+)\\.js$/.exec(specifier);
  if (built) return next(sources + built[1] + '.ts', context);
  return next(specifier, context);
}`;

/**
 * Sends raw bytes on a fresh connection and resolves with everything the server sent back until
 * it closed the connection (the requests say `Connection: close`; no half-close, which node:http
 * answers by dropping a pending response).
 */
async function raw(port: number, bytes: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(bytes);
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('latin1');
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('demo/serve.js', () => {
  let dir = '';
  let child: ChildProcess | undefined;
  let port = 0;
  const stderr: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stream-chat-demo-'));
    await writeFile(join(dir, 'hook.mjs'), HOOK);
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(new URL('./hook.mjs', import.meta.url));`,
    );
    child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', pathToFileURL(join(dir, 'register.mjs')).href, 'demo/serve.js'],
      {
        cwd: root,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STORE: 'memory', OPENAI_API_KEY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    for await (const line of lines) {
      const match = /demo: http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
      if (match) {
        port = Number(match[1]);
        break;
      }
    }
    assert.ok(port > 0, `the demo server did not start: ${stderr.join('')}`);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const bad = await raw(port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(bad), 400);
    for (const target of ['//[::1', '/%', '//:99999/x', '/demo/%E0%A4%A', '*']) {
      const response = await raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.ok([400, 404].includes(statusOf(response)), `${target}: ${response.slice(0, 40)}`);
    }
    const garbage = await raw(port, '\x00\x01 not http at all\r\n\r\n');
    assert.equal(statusOf(garbage), 400);

    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<stream-chat/);
    assert.equal(child?.exitCode, null);
    assert.equal(stderr.join(''), '');
  });

  it('serves the demo agent at /chatkit and refuses cross-site posts', async () => {
    const body = JSON.stringify({ type: 'threads.list', params: {} });
    const ok = await fetch(`http://127.0.0.1:${port}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(ok.status, 200);
    const crossSite = await fetch(`http://127.0.0.1:${port}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body,
    });
    assert.equal(crossSite.status, 403);
  });

  it('serves uploads, files and dictation under /chatkit', async () => {
    const base = `http://127.0.0.1:${port}/chatkit`;
    const post = (body: unknown) =>
      fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = (await (
      await post({ type: 'attachments.create', params: { name: 'a.txt', size: 2, mime_type: 'text/plain' } })
    ).json()) as {
      id: string;
      upload_descriptor: { url: string; method: string; headers: Record<string, string> };
    };
    const { url, method, headers } = created.upload_descriptor;
    assert.equal((await fetch(`http://127.0.0.1:${port}${url}`, { method, headers, body: 'hi' })).status, 200);
    const file = await fetch(`${base}/attachments/${created.id}/file`);
    assert.equal(await file.text(), 'hi');
    const heard = await post({ type: 'input.transcribe', params: { audio_base64: 'AAAA', mime_type: 'audio/webm' } });
    assert.equal(heard.status, 200);
    assert.equal(typeof ((await heard.json()) as { text: unknown }).text, 'string');
  });
});
