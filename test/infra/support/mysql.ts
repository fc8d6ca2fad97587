// MySQL for tests: a throwaway database per caller on the server at MYSQL_URL. Without MYSQL_URL
// the MySQL cases are skipped with a printed reason locally, and fail in CI (CI must provide it).

import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, it } from 'vitest';

export const MYSQL_URL = process.env.MYSQL_URL;

/** Registers the "MySQL missing" outcome for `suite`; returns false when MySQL cases cannot run. */
export function mysqlAvailable(suite: string): boolean {
  if (MYSQL_URL) return true;
  if (process.env.CI) {
    describe(suite, () => {
      it('needs MYSQL_URL in CI', () => {
        throw new Error('MYSQL_URL is not set; CI must run scripts/test-services.sh and export it');
      });
    });
  } else {
    console.warn(`${suite} skipped: MYSQL_URL is not set (see scripts/test-services.sh)`);
    describe.skip(`${suite} (skipped: MYSQL_URL is not set)`, () => {
      it('runs against a real MySQL/MariaDB server', () => {});
    });
  }
  return false;
}

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  if (!MYSQL_URL) throw new Error('MYSQL_URL is not set');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const conn = await mysql.createConnection({ uri: MYSQL_URL });
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    },
  };
}
