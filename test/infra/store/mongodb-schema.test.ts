// What the MongoDB store says about a database it cannot trust: wrong credentials, indexes that
// are missing or defined differently, documents of another schema version, a newer schema record.
// Runs on the server at MONGODB_URL (FerretDB in CI); each case uses its own database.

import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../src/infra/store/mongodb/documents.ts';
import { MongodbStore } from '../../../src/infra/store/mongodb/mongodb-store.ts';
import {
  createThrowawayMongoDatabase,
  MONGODB_SERVER,
  mongodbAvailable,
  mongodbUrlFor,
  type ThrowawayMongoDatabase,
} from '../support/mongodb.ts';

if (mongodbAvailable('MongoDB store start-up checks')) {
  describe(`MongoDB store start-up checks (trusting ${MONGODB_SERVER})`, () => {
    const dbs: ThrowawayMongoDatabase[] = [];
    afterEach(async () => {
      for (const db of dbs.splice(0)) await db.drop();
    });

    /** A fresh database, prepared with the raw driver before the store opens it. */
    async function prepared(prepare: (client: MongoClient, name: string) => Promise<void>) {
      const db = createThrowawayMongoDatabase('graphnode_schema');
      dbs.push(db);
      const client = new MongoClient(db.url);
      try {
        await prepare(client, db.name);
      } finally {
        await client.close();
      }
      return db;
    }

    it('says the credentials were rejected, naming the user but not the password', async () => {
      const url = mongodbUrlFor('graphnode_auth').replace('://', '://nobody:s3cret-pw@');
      const failure = MongodbStore.connect(url);
      await expect(failure).rejects.toThrow(
        /MongoDB at .* rejected the credentials in DATABASE_URL \(user "nobody"\)/,
      );
      await expect(failure).rejects.not.toThrow(/s3cret-pw/);
    });

    it('creates a dropped index again at start and records each version once', async () => {
      const db = await prepared(async () => {});
      const first = await MongodbStore.connect(db.url);
      await first.database.collection(COLLECTIONS.tasks).dropIndex('tasks_by_user');
      await first.close();
      const again = await MongodbStore.connect(db.url);
      try {
        const names = (
          await again.database.collection(COLLECTIONS.tasks).listIndexes().toArray()
        ).map((i) => i.name);
        expect(names).toContain('tasks_by_user');
        expect(await again.schemaVersions()).toEqual([1, 2, 3, 4, 5, 6, 7]);
      } finally {
        await again.close();
      }
    });

    it('refuses an index of the expected name with other keys, naming it', async () => {
      const db = await prepared(async (client, name) => {
        await client
          .db(name)
          .collection(COLLECTIONS.tasks)
          .createIndex({ status: 1 }, { name: 'tasks_by_user' });
      });
      await expect(MongodbStore.connect(db.url)).rejects.toThrow(
        /MongoDB index tasks\.tasks_by_user .* cannot be created/,
      );
    });

    it('refuses documents of an older schema version at start, naming collection and version', async () => {
      const db = await prepared(async (client, name) => {
        await client
          .db(name)
          .collection<{ _id: string; [field: string]: unknown }>(COLLECTIONS.tasks)
          .insertOne({ _id: 'task_old', v: 0, user_id: 'u1', status: 'PENDING' });
      });
      await expect(MongodbStore.connect(db.url)).rejects.toThrow(
        /MongoDB tasks holds documents of schema version 0 \(e\.g\. "task_old"\); this code reads version 1/,
      );
    });

    it('refuses a document without a schema version that appears after start, when read', async () => {
      const db = await prepared(async () => {});
      const store = await MongodbStore.connect(db.url);
      try {
        await store.database
          .collection<{ _id: string; [field: string]: unknown }>(COLLECTIONS.tasks)
          .insertOne({ _id: 'task_raw', userId: 'u1' });
        await expect(store.getTask('task_raw')).rejects.toThrow(
          /tasks document "task_raw" has schema version undefined; this code reads version 1/,
        );
      } finally {
        await store.close();
      }
    });

    it('refuses a database recorded by newer code', async () => {
      const db = await prepared(async (client, name) => {
        await client
          .db(name)
          .collection<{ _id: number; [field: string]: unknown }>(COLLECTIONS.migrations)
          .insertOne({ _id: 99, name: 'from the future', appliedAt: 0 });
      });
      await expect(MongodbStore.connect(db.url)).rejects.toThrow(
        /schema has versions 99 this code does not know/,
      );
    });
  });
}
