import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/infra/store/open-store.ts';
import { SqliteStore } from '../../../src/infra/store/sqlite/sqlite-store.ts';

describe('openStore (DATABASE_URL)', () => {
  it('opens SQLite in memory and in a file, creating the directory', async () => {
    const memory = await openStore('sqlite::memory:');
    expect(memory).toBeInstanceOf(SqliteStore);
    await memory.close();
    const dir = mkdtempSync(join(tmpdir(), 'graphnode-open-'));
    try {
      const file = await openStore(`sqlite:${join(dir, 'nested', 'db.sqlite')}`);
      await file.ping();
      await file.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what is wrong with an unsupported or empty URL', async () => {
    await expect(openStore('postgres://x')).rejects.toThrow(/scheme not supported: "postgres"/);
    await expect(openStore('sqlite:')).rejects.toThrow(/needs a path/);
  });

  it('refuses a malformed MongoDB URL before connecting, naming DATABASE_URL', async () => {
    await expect(openStore('mongodb://h:notaport/db')).rejects.toThrow(
      /DATABASE_URL is not a valid MongoDB connection string/,
    );
  });

  it('names an unreachable MongoDB server, never falling back to another store', async () => {
    await expect(
      openStore('mongodb://127.0.0.1:1/none?serverSelectionTimeoutMS=300'),
    ).rejects.toThrow(/MongoDB at 127.0.0.1:1 \(DATABASE_URL\) is unreachable: .*ECONNREFUSED/);
  });

  it('fails to open MySQL that is not there, with the driver’s reason', async () => {
    await expect(openStore('mysql://nobody:x@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED/);
  });
});
