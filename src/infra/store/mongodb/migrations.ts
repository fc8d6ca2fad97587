// MongoDB schema, version by version (the same versions as the SQL lists). A document store has no
// tables to create: each version names the indexes it needs. Every start creates all of them
// (createIndex is a no-op for an index that exists, so an index dropped by hand comes back) and
// then checks they are there; the version record says which code shaped the database, and a
// database recorded by newer code is refused. Uniqueness rests on `_id` alone, which no one can drop.

import type { IndexDirection } from 'mongodb';
import { COLLECTIONS } from './documents.ts';

export interface IndexSpec {
  collection: string;
  name: string;
  keys: Record<string, IndexDirection>;
}

export interface MongoMigration {
  version: number;
  name: string;
  indexes: IndexSpec[];
}

export const MONGODB_MIGRATIONS: readonly MongoMigration[] = [
  {
    version: 1,
    name: 'tasks (with outbox, inbox and pending effect), events, graphs, idempotency keys',
    indexes: [
      {
        collection: COLLECTIONS.tasks,
        name: 'tasks_by_user',
        keys: { userId: 1, createdAt: -1, _id: -1 },
      },
      { collection: COLLECTIONS.outboxHints, name: 'outbox_hints_by_age', keys: { createdAt: 1 } },
    ],
  },
  {
    version: 2,
    name: 'index for the undelivered-event sweep',
    indexes: [
      {
        collection: COLLECTIONS.eventHints,
        name: 'event_hints_by_age',
        keys: { createdAt: 1, _id: 1 },
      },
    ],
  },
  {
    version: 3,
    name: "index for replaying a user's events to a reconnecting stream",
    indexes: [
      { collection: COLLECTIONS.events, name: 'task_events_by_user', keys: { userId: 1, _id: 1 } },
    ],
  },
  // Documents store numbers as doubles and gain fields when first written: nothing to do.
  { version: 4, name: 'progress percentages keep their fraction', indexes: [] },
  { version: 5, name: 'publish claims on events', indexes: [] },
  {
    version: 6,
    name: 'each task keeps its request, so a stalled task can be dispatched again',
    indexes: [
      { collection: COLLECTIONS.tasks, name: 'tasks_by_status', keys: { status: 1, updatedAt: 1 } },
    ],
  },
  // The progress timestamp is a field tasks gain when first written: nothing to create.
  { version: 7, name: 'progress ordered by stage, then by the AI timestamp', indexes: [] },
];
