// Versioned schema migrations: each adapter lists its own SQL dialect's steps under the same
// version numbers; applied versions are recorded in `schema_migrations` and never re-run.

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Migrations not yet applied, in order; refuses a database newer than this code. */
export function pendingMigrations(
  all: readonly Migration[],
  applied: readonly number[],
): Migration[] {
  const known = new Set(all.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(
      `database schema has versions ${unknown.join(', ')} this code does not know; upgrade the code`,
    );
  }
  const done = new Set(applied);
  return [...all].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}
