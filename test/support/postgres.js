// A throwaway PostgreSQL for the tests and the load bench: `initdb` into a temporary folder, then
// `postgres` on a free loopback port with its socket in that folder, run as the `postgres` user
// when we are root (PostgreSQL refuses to run as root). Password login over TCP, like a real
// deployment: the URL it gives is postgres://chat:…@127.0.0.1:<port>/chat. TLS is on too (a
// self-signed certificate for 127.0.0.1, when `openssl` is there): clients choose plain or TLS.
//
// As a library: `startPostgres()` starts one and returns { url, stop }; `testDatabaseUrl()` gives
// TEST_DATABASE_URL when set, else starts one for this process (stopped when the process exits).
// As a command: `node test/support/postgres.js <command> [args…]` runs the command with
// TEST_DATABASE_URL set (starting a server first when none is given) and stops the server after.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USER = 'chat';
const PASSWORD = 'chat-test-password';
const DATABASE = 'chat';

/** Settings for a disposable server: speed over durability, room for many test pools. */
const SETTINGS = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
  shared_buffers: '32MB',
};

/** The folder holding initdb and postgres: PG_BIN, else the newest /usr/lib/postgresql/N/bin, else pg_config's. */
function binaries() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return join(root, versions[0], 'bin');
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  if (dir && existsSync(join(dir, 'postgres'))) return dir;
  throw new Error(
    'No PostgreSQL server binaries found: install them (Debian: apt-get install postgresql), set PG_BIN to their folder, ' +
      'or set TEST_DATABASE_URL to a database the tests may create schemas in.',
  );
}

/** The uid and gid to run the server as: the `postgres` user when we are root, else ourselves. */
function account() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0)
    throw new Error(
      'Running as root needs a `postgres` user to run PostgreSQL as (Debian: apt-get install postgresql).',
    );
  return { uid, gid };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes a self-signed certificate for 127.0.0.1 into the data folder; returns the server's TLS
 * settings and the certificate's path (for clients to trust), or null without `openssl`.
 */
function certificate(dir, user) {
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) return null;
  // PostgreSQL insists that only its own user can read the key.
  if (user.uid !== undefined) for (const file of [cert, key]) chownSync(file, user.uid, user.gid);
  chmodSync(key, 0o600);
  return { settings: { ssl: 'on', ssl_cert_file: cert, ssl_key_file: key }, ca: cert };
}

/** Runs the server until it says it accepts connections; rejects with its last words if it exits first. */
function launch(bin, dir, port, user, tls) {
  const settings = { ...SETTINGS, ...tls?.settings };
  const args = [
    '-D',
    dir,
    '-p',
    String(port),
    '-k',
    dir,
    ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ];
  const child = spawn(join(bin, 'postgres'), args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log.push(chunk);
      if (log.length > 50) log.shift();
      if (/ready to accept connections/.test(chunk)) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`postgres exited (${code}) before accepting connections:\n${log.join('').slice(-2000)}`)),
    );
  });
}

/**
 * Starts a throwaway PostgreSQL server with a `chat` database owned by a `chat` role that logs in
 * with a password over TCP, in plain text or TLS (`ca`: the certificate to trust; null without openssl).
 *
 * @returns {Promise<{url: string, ca: string | null, stop(): Promise<void>}>}
 */
export async function startPostgres() {
  const bin = binaries();
  const user = account();
  const dir = mkdtempSync(join(tmpdir(), 'stream-chat-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ],
    { ...user, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    removeDir();
    throw new Error(`initdb failed:\n${init.stderr || init.error}`);
  }

  const tls = certificate(dir, user);
  let child;
  let port;
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(bin, dir, port, user, tls);
    } catch (error) {
      // Another process may have taken the port between the probe and the bind: try another.
      if (attempt >= 2 || !/could not (bind|create listen)/i.test(String(error))) {
        removeDir();
        throw error;
      }
    }
  }
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);

  const { default: pg } = await import('pg');
  const admin = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${USER} LOGIN PASSWORD '${PASSWORD}'`);
    await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${USER}`);
  } finally {
    await admin.end();
  }

  let stopped;
  const stop = () => {
    stopped ??= new Promise((resolve) => {
      process.off('exit', kill);
      child.once('exit', () => {
        removeDir();
        resolve();
      });
      // SIGINT: "fast shutdown", it disconnects clients and exits at once.
      if (child.exitCode !== null || !child.kill('SIGINT')) {
        removeDir();
        resolve();
      }
    });
    return stopped;
  };
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, ca: tls?.ca ?? null, stop };
}

let shared;

/**
 * The database URL tests use: TEST_DATABASE_URL when given, else a server started for this
 * process on first call (and stopped when the process exits, or by the returned `stop`).
 *
 * @returns {Promise<string>}
 */
export async function testDatabaseUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  shared ??= startPostgres();
  const { url } = await shared;
  return url;
}

/**
 * The certificate that the test database's TLS certificate chains to: TEST_DATABASE_CA when
 * TEST_DATABASE_URL is given (null when unset), else the one of the server started here.
 *
 * @returns {Promise<string | null>}
 */
export async function testDatabaseCa() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_CA || null;
  await testDatabaseUrl();
  return (await shared).ca;
}

/** Stops the server {@link testDatabaseUrl} started, if any. */
export async function stopTestDatabase() {
  if (shared) await (await shared).stop();
  shared = undefined;
}

async function main(command) {
  if (command.length === 0) {
    console.error('usage: node test/support/postgres.js <command> [args…]');
    process.exit(2);
  }
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startPostgres();
  const env = given
    ? process.env
    : { ...process.env, TEST_DATABASE_URL: server.url, TEST_DATABASE_CA: server.ca ?? '' };
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env, shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) =>
    child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))),
  );
  await server?.stop();
  process.exit(code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));

/** A fresh schema name for one test's store, so tests sharing a database never see each other's rows. */
export function schemaName() {
  return `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

/** Drops the schemas a test created (and everything in them). */
export async function dropSchemas(url, names) {
  if (names.length === 0) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client(url);
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}
