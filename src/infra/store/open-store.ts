// Picks the store adapter from DATABASE_URL: `sqlite:<path>` / `sqlite::memory:` (the default),
// `mysql://user:pass@host:port/db` or `mongodb://…` / `mongodb+srv://…`. One place, so the API,
// worker and start script agree; a wrong URL is refused before anything opens.

import type { Store } from '../../core/ports/store.ts';
import type { Clock } from '../../kernel/clock.ts';
import { MongodbStore, mongodbUrlProblem } from './mongodb/mongodb-store.ts';
import { MysqlStore } from './mysql/mysql-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

export const DEFAULT_DATABASE_URL = 'sqlite:data/graphnode.db';

function isMongodb(url: string): boolean {
  return url.startsWith('mongodb://') || url.startsWith('mongodb+srv://');
}

/** What is wrong with a DATABASE_URL, as a phrase after the variable's name, or null. */
export function databaseUrlProblem(databaseUrl: string): string | null {
  if (databaseUrl.startsWith('sqlite:')) {
    return databaseUrl === 'sqlite:'
      ? '"sqlite:" needs a path, e.g. sqlite:data/graphnode.db'
      : null;
  }
  if (databaseUrl.startsWith('mysql://') || databaseUrl.startsWith('mariadb://')) return null;
  if (isMongodb(databaseUrl)) return mongodbUrlProblem(databaseUrl);
  const scheme = databaseUrl.includes(':') ? databaseUrl.split(':')[0] : databaseUrl;
  return `scheme not supported: "${scheme}"; use sqlite:<path>, mysql://… or mongodb://…`;
}

export async function openStore(
  databaseUrl: string = DEFAULT_DATABASE_URL,
  options: { clock?: Clock } = {},
): Promise<Store> {
  const problem = databaseUrlProblem(databaseUrl);
  if (problem) throw new Error(`DATABASE_URL ${problem}`);
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
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
  return MongodbStore.connect(databaseUrl, options);
}
