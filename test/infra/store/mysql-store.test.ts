import type { Store } from '../../../src/core/ports/store.ts';
import { MysqlStore } from '../../../src/infra/store/mysql/mysql-store.ts';
import {
  createThrowawayDatabase,
  mysqlAvailable,
  type ThrowawayDatabase,
} from '../support/mysql.ts';
import { storeContract } from './store-contract.ts';

if (mysqlAvailable('MySQL store contract')) {
  let db: ThrowawayDatabase | undefined;
  storeContract('MySQL', {
    open: async () => {
      db = await createThrowawayDatabase('graphnode_store');
      return MysqlStore.connect(db.url);
    },
    reopen: () => MysqlStore.connect(db?.url ?? ''),
    openFaulty: (beforeWrite) => MysqlStore.connect(db?.url ?? '', { beforeWrite }),
    transactions: true,
    schemaVersions: (store: Store) => (store as MysqlStore).schemaVersions(),
    cleanup: async () => db?.drop(),
  });
}
