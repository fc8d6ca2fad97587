// The committed TypeScript types are exactly what json-schema-to-typescript generates from the
// schemas today: a schema change without `npm run contracts:types` fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../../scripts/contracts-types.ts';

const GENERATED = join(import.meta.dirname, '../../src/contracts/generated');

describe('generated contract types', () => {
  it('match a fresh generation from contracts/schemas', async () => {
    const files = await generateTypes();
    expect(readdirSync(GENERATED).sort()).toEqual([...files.keys()].sort());
    for (const [name, content] of files) {
      expect(
        readFileSync(join(GENERATED, name), 'utf8'),
        `${name} is stale: run npm run contracts:types`,
      ).toBe(content);
    }
  });
});
