/** The Store contract suite (store-contract.ts) against both shipped stores. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, MemoryStore } from '../../src/server/index.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => ({ store: new MemoryStore(), close: async () => undefined }));

storeContract('FileStore', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'store-contract-'));
  return { store: new FileStore({ directory }), close: () => rm(directory, { recursive: true, force: true }) };
});

storeContract('FileStore, reopened for every read', async () => {
  // Every call goes to a new instance on the same directory, so nothing is served from memory.
  const directory = await mkdtemp(join(tmpdir(), 'store-contract-'));
  let current = new FileStore({ directory });
  const store = new Proxy(current, {
    get(_target, key: keyof FileStore) {
      const value = current[key];
      if (typeof value !== 'function' || key === 'generateThreadId' || key === 'generateItemId')
        return typeof value === 'function' ? value.bind(current) : value;
      return async (...args: unknown[]) => {
        await current.flush();
        current = new FileStore({ directory });
        return (value as (...rest: unknown[]) => unknown).apply(current, args);
      };
    },
  });
  return { store, close: () => rm(directory, { recursive: true, force: true }) };
});
