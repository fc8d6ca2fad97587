import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.ts';
import { SqliteStore } from '../../../src/infra/store/sqlite/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'graphnode-sqlite-'));
const path = join(dir, 'store.db');

storeContract('SQLite (file)', {
  open: async () => new SqliteStore({ path }),
  reopen: async () => new SqliteStore({ path }),
  openFaulty: async (beforeWrite) => new SqliteStore({ path, beforeWrite }),
  transactions: true,
  schemaVersions: async (store: Store) => (store as SqliteStore).schemaVersions(),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

describe('SQLite store', () => {
  it('works in memory too', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    expect(store.schemaVersions()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await store.close();
  });
});
