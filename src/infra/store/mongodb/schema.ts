// Start-up schema work for the MongoDB store: refuse a database recorded by newer code, create
// every version's indexes (idempotent), record the versions applied, then check that the indexes
// are really there and that the documents are of the shape this code reads. Each failure names
// the collection, index or version at fault.

import { type Db, MongoServerError } from 'mongodb';
import type { Clock } from '../../../kernel/clock.ts';
import { pendingMigrations } from '../sql/migrations.ts';
import { COLLECTIONS, DOC_VERSION, type MigrationDoc } from './documents.ts';
import { type IndexSpec, MONGODB_MIGRATIONS } from './migrations.ts';

async function createIndex(db: Db, spec: IndexSpec): Promise<void> {
  try {
    await db.collection(spec.collection).createIndex(spec.keys, { name: spec.name });
  } catch (error) {
    // 85/86: an index of that name or those keys exists with another definition.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `MongoDB index ${spec.collection}.${spec.name} ${JSON.stringify(spec.keys)} cannot be created: ${reason}`,
      { cause: error },
    );
  }
}

async function indexNames(db: Db, collection: string): Promise<Set<string>> {
  try {
    const indexes = await db.collection(collection).listIndexes().toArray();
    return new Set(indexes.map((i) => String(i.name)));
  } catch (error) {
    // 26 NamespaceNotFound: the collection does not exist yet, so it has no indexes.
    if (error instanceof MongoServerError && error.code === 26) return new Set();
    throw error;
  }
}

export async function migrate(db: Db, clock: Clock): Promise<void> {
  const records = db.collection<MigrationDoc>(COLLECTIONS.migrations);
  const applied = (await records.find({}).toArray()).map((d) => d._id);
  const pending = pendingMigrations(MONGODB_MIGRATIONS, applied);
  for (const migration of MONGODB_MIGRATIONS) {
    for (const spec of migration.indexes) await createIndex(db, spec);
  }
  for (const migration of pending) {
    try {
      await records.insertOne({
        _id: migration.version,
        name: migration.name,
        appliedAt: clock.now(),
      });
    } catch (error) {
      // Another process starting at the same time recorded it first: same indexes, same record.
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
  }
  for (const migration of MONGODB_MIGRATIONS) {
    for (const spec of migration.indexes) {
      if (!(await indexNames(db, spec.collection)).has(spec.name)) {
        throw new Error(
          `MongoDB index ${spec.collection}.${spec.name} is missing after creating it (schema version ${migration.version}); the server ignored createIndex`,
        );
      }
    }
  }
  for (const collection of [
    COLLECTIONS.tasks,
    COLLECTIONS.events,
    COLLECTIONS.graphs,
    COLLECTIONS.idempotencyKeys,
  ]) {
    const old = await db.collection(collection).findOne({ v: { $ne: DOC_VERSION } });
    if (old) {
      throw new Error(
        `MongoDB ${collection} holds documents of schema version ${String(old.v ?? 'none')} (e.g. ${JSON.stringify(old._id)}); this code reads version ${DOC_VERSION}: migrate them or run the code that wrote them`,
      );
    }
  }
}
