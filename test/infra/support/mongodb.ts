// MongoDB for tests: a throwaway database per caller on the server at MONGODB_URL (CI and
// scripts/ferretdb.sh provide FerretDB with `maxPoolSize=1`). Without MONGODB_URL the MongoDB
// cases are skipped with a printed reason locally, and fail in CI (CI must provide it).

import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, it } from 'vitest';

export const MONGODB_URL = process.env.MONGODB_URL;

/**
 * The server the MongoDB cases trust, for their titles: FerretDB over one connection serialises
 * every operation, so its race cases prove idempotency under duplicates, not safety under true
 * concurrency — those need a real MongoDB (set MONGODB_SERVER to say which one runs).
 */
export const MONGODB_SERVER =
  process.env.MONGODB_SERVER ?? (MONGODB_URL ? `the server at ${redact(MONGODB_URL)}` : 'none');

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Registers the "MongoDB missing" outcome for `suite`; returns false when MongoDB cases cannot run. */
export function mongodbAvailable(suite: string): boolean {
  if (MONGODB_URL) return true;
  if (process.env.CI) {
    describe(suite, () => {
      it('needs MONGODB_URL in CI', () => {
        throw new Error(
          'MONGODB_URL is not set; CI must run scripts/ferretdb.sh (via scripts/test-services.sh) and export it',
        );
      });
    });
  } else {
    console.warn(`${suite} skipped: MONGODB_URL is not set (see scripts/ferretdb.sh)`);
    describe.skip(`${suite} (skipped: MONGODB_URL is not set)`, () => {
      it('runs against a real MongoDB-wire server', () => {});
    });
  }
  return false;
}

/** MONGODB_URL with its database path replaced by `name`, options kept. */
export function mongodbUrlFor(name: string): string {
  if (!MONGODB_URL) throw new Error('MONGODB_URL is not set');
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)\/?([^?]*)(\?.*)?$/.exec(MONGODB_URL);
  if (!match) throw new Error(`MONGODB_URL is not a mongodb:// URL: ${redact(MONGODB_URL)}`);
  return `${match[1]}/${name}${match[3] ?? ''}`;
}

export interface ThrowawayMongoDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function createThrowawayMongoDatabase(prefix: string): ThrowawayMongoDatabase {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = mongodbUrlFor(name);
  return {
    url,
    name,
    async drop() {
      const client = new MongoClient(url);
      try {
        await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
