import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store.ts';
import { MysqlStore } from '../../../src/infra/store/mysql/mysql-store.ts';
import { storeContract } from './store-contract.ts';

const baseUrl = process.env.MYSQL_URL;

if (!baseUrl) {
  if (process.env.CI) {
    describe('MySQL store contract', () => {
      it('needs MYSQL_URL in CI', () => {
        throw new Error('MYSQL_URL is not set; CI must run scripts/test-services.sh and export it');
      });
    });
  } else {
    console.warn(
      'MySQL store contract skipped: MYSQL_URL is not set (see scripts/test-services.sh)',
    );
    describe.skip('MySQL store contract (skipped: MYSQL_URL is not set)', () => {
      it('runs against a real MySQL/MariaDB server', () => {});
    });
  }
} else {
  // A throwaway database per run keeps concurrent runs and leftovers out of the way.
  const dbName = `graphnode_store_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const admin = () => mysql.createConnection({ uri: baseUrl });

  storeContract('MySQL', {
    open: async () => {
      const conn = await admin();
      await conn.query(`CREATE DATABASE ${dbName}`);
      await conn.end();
      return MysqlStore.connect(url.toString());
    },
    reopen: () => MysqlStore.connect(url.toString()),
    schemaVersions: (store: Store) => (store as MysqlStore).schemaVersions(),
    cleanup: async () => {
      const conn = await admin();
      await conn.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await conn.end();
    },
  });
}
