// Picks the store adapter from DATABASE_URL: `sqlite:<path>` / `sqlite::memory:` (the default) or
// `mysql://user:pass@host:port/db`. One place, so the API, worker and start script agree.

import type { Store } from '../../core/ports/store.ts';
import type { Clock } from '../../kernel/clock.ts';
import { MysqlStore } from './mysql/mysql-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

export const DEFAULT_DATABASE_URL = 'sqlite:data/graphnode.db';

export async function openStore(
  databaseUrl: string = DEFAULT_DATABASE_URL,
  options: { clock?: Clock } = {},
): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === '')
      throw new Error('DATABASE_URL "sqlite:" needs a path, e.g. sqlite:data/graphnode.db');
    if (path !== ':memory:') {
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      mkdirSync(dirname(path), { recursive: true });
    }
    return new SqliteStore({ path, ...options });
  }
  if (databaseUrl.startsWith('mysql://') || databaseUrl.startsWith('mariadb://')) {
    return MysqlStore.connect(databaseUrl.replace(/^mariadb:/, 'mysql:'), options);
  }
  throw new Error(
    `DATABASE_URL scheme not supported: "${databaseUrl.split(':')[0]}"; use sqlite:<path> or mysql://…`,
  );
}
