/**
 * One instance of the server kit on PostgreSQL, in a process of its own, for the tests of
 * several instances: `node --import tsx test/support/postgres-instance.ts`. Environment:
 * DATABASE_URL, STORE_SCHEMA, INSTANCE (a name, sent back in `x-instance` and used as the
 * connection's application_name), PORT (0 by default). It serves POST /chatkit with the scripted
 * agent (test/support/scripted-agent.ts); a request's `x-user` header becomes the context's
 * userId. Prints `listening <port>` once it accepts requests.
 *
 * SIGTERM stops it the way a deployment should: no new connections, running streams finish
 * (those still running after GRACE_MS, 5 s by default, are cut, and their partial answers saved),
 * then the pool closes and the process exits 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatKitServer, createChatKitHandler } from '../../src/server/index.js';
import { PostgresStore } from '../../src/server/postgres-store.js';
import { scriptedAgent } from './scripted-agent.js';

const name = process.env.INSTANCE ?? 'instance';
const connection = new URL(process.env.DATABASE_URL ?? '');
connection.searchParams.set('application_name', name);
const store = new PostgresStore({ connectionString: connection.href, schema: process.env.STORE_SCHEMA });
const chatkit = createChatKitHandler(
  new ChatKitServer({ store, respond: scriptedAgent, onError: (error) => console.error(name, error) }),
  {
    context: (req) => {
      const user = req.headers['x-user'];
      return typeof user === 'string' ? { userId: user } : undefined;
    },
  },
);

const running = new Set<Promise<void>>();
const server = createServer((req, res) => {
  res.setHeader('x-instance', name);
  if (req.url !== '/chatkit') {
    res.writeHead(404).end();
    return;
  }
  const done = chatkit(req, res);
  running.add(done);
  void done.finally(() => running.delete(done));
});

await store.migrate();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), Number(process.env.GRACE_MS ?? 5000));
  void (async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
    clearTimeout(grace);
    await store.close();
    console.log('stopped');
    process.exit(0);
  })();
});
