/**
 * The Store contract suite (store-contract.ts), the one MemoryStore and FileStore pass, against
 * PostgresStore on a real PostgreSQL: once with one store, once with every call made by the next
 * of two stores on the same schema (two instances in turn, so nothing can come from memory).
 */
import { after } from 'node:test';
import { PostgresStore } from '../../src/server/postgres-store.js';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseUrl } from '../support/postgres.js';
import { storeContract } from './store-contract.js';

const url = await testDatabaseUrl();
const opened: PostgresStore[] = [];

function open(schema: string): PostgresStore {
  const store = new PostgresStore({ connectionString: url, schema, max: 2 });
  opened.push(store);
  return store;
}

after(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await dropSchemas(url, [...new Set(opened.map((store) => store.schema))]);
  await stopTestDatabase();
});

storeContract('PostgresStore', async () => ({ store: open(schemaName()), close: async () => undefined }));

storeContract('PostgresStore, two instances taking calls in turn', async () => {
  const schema = schemaName();
  const both = [open(schema), open(schema)];
  let turn = 0;
  const store = new Proxy(both[0] as PostgresStore, {
    get(_target, key: keyof PostgresStore) {
      const current = both[turn++ % both.length] as PostgresStore;
      const value = current[key];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { store, close: async () => undefined };
});
