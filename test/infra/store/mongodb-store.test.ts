import type { Store } from '../../../src/core/ports/store.ts';
import { MongodbStore } from '../../../src/infra/store/mongodb/mongodb-store.ts';
import {
  createThrowawayMongoDatabase,
  MONGODB_SERVER,
  mongodbAvailable,
  type ThrowawayMongoDatabase,
} from '../support/mongodb.ts';
import { storeContract } from './store-contract.ts';

if (mongodbAvailable('MongoDB store contract')) {
  let db: ThrowawayMongoDatabase | undefined;
  storeContract(`MongoDB (trusting ${MONGODB_SERVER})`, {
    open: async () => {
      db = createThrowawayMongoDatabase('graphnode_store');
      return MongodbStore.connect(db.url);
    },
    reopen: () => MongodbStore.connect(db?.url ?? ''),
    openFaulty: (beforeWrite) => MongodbStore.connect(db?.url ?? '', { beforeWrite }),
    schemaVersions: (store: Store) => (store as MongodbStore).schemaVersions(),
    transactions: false,
    cleanup: async () => db?.drop(),
  });
}
