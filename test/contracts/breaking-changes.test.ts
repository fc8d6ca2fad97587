// The breaking-change gate: a copy of contracts/ in a temp dir is edited the way a developer
// would, and the gate must block breaking edits (naming schema, pointer and kind) and let
// additive ones through.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGate } from '../../scripts/contracts-check.ts';
import { compareSchema } from '../../src/contracts/breaking-changes.ts';
import { CONTRACTS_DIR } from '../../src/contracts/manifest.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary schema JSON in place
type Json = Record<string, any>;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contracts-gate-'));
  for (const entry of ['contract.json', 'schemas', 'released']) {
    cpSync(join(CONTRACTS_DIR, entry), join(dir, entry), { recursive: true });
  }
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, change: (json: Json) => void): void {
  const path = file === 'contract.json' ? join(dir, file) : join(dir, 'schemas', file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

const RESULT = 'graph-generation-result.schema.json';
const resultPayload = (schema: Json): Json => schema.definitions.GraphGenerationResultPayload;

describe('contracts:check', () => {
  it('passes on the committed contracts', () => {
    const result = runGate(CONTRACTS_DIR);
    expect(result.report).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('blocks a renamed required field (userId → user_id) and says where and what', () => {
    edit(RESULT, (schema) => {
      const payload = resultPayload(schema);
      payload.properties.user_id = payload.properties.userId;
      delete payload.properties.userId;
      payload.required = ['user_id', 'status'];
    });
    const result = runGate(dir);
    expect(result.ok).toBe(false);
    expect(result.report).toContain(
      'BLOCKED: graph-generation-result.schema.json#/definitions/GraphGenerationResultPayload/properties/userId: ' +
        'required property "userId" removed or renamed (breaking: required-property-removed; changed: check both sides)',
    );
    expect(result.report).toContain(
      'BLOCKED: graph-generation-result.schema.json#/definitions/GraphGenerationResultPayload/required: ' +
        'new required field "user_id" (breaking: required-added; tightened: producers must send less)',
    );
    expect(result.report.at(-1)).toMatch(
      /2 breaking change\(s\) against released 2\.0\.0.*bump to 3\.0\.0/,
    );
  });

  it.each([
    [
      'a narrowed type',
      'graph-generation-progress.schema.json',
      (s: Json) => {
        s.definitions.GraphGenerationProgressPayload.properties.progressPercent.type = 'integer';
      },
      '/definitions/GraphGenerationProgressPayload/properties/progressPercent/type',
      'type-narrowed',
    ],
    [
      'a removed enum value',
      'envelope.schema.json',
      (s: Json) => {
        s.definitions.resultStatus.enum = ['COMPLETED'];
      },
      '/definitions/resultStatus/enum',
      'enum-value-removed',
    ],
    [
      'a new required field',
      'add-node-request.schema.json',
      (s: Json) => {
        s.definitions.AddNodeRequestPayload.required.push('bucket');
      },
      '/definitions/AddNodeRequestPayload/required',
      'required-added',
    ],
    [
      'a removed optional property',
      RESULT,
      (s: Json) => {
        delete resultPayload(s).properties.featuresS3Key;
      },
      '/definitions/GraphGenerationResultPayload/properties/featuresS3Key',
      'property-removed',
    ],
    [
      'a required field made optional',
      RESULT,
      (s: Json) => {
        resultPayload(s).required = ['status'];
      },
      '/definitions/GraphGenerationResultPayload/required',
      'required-removed',
    ],
    [
      'a tighter bound',
      'envelope.schema.json',
      (s: Json) => {
        s.definitions.userId.maxLength = 64;
      },
      '/definitions/userId/maxLength',
      'bound-narrowed',
    ],
    [
      'a changed timestamp pattern',
      'envelope.schema.json',
      (s: Json) => {
        s.definitions.timestamp.pattern = '^.*Z$';
      },
      '/definitions/timestamp/pattern',
      'pattern-changed',
    ],
  ])('blocks %s', (_label, file, change, pointer, kind) => {
    edit(file, change);
    const result = runGate(dir);
    expect(result.ok).toBe(false);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ schema: file, pointer, kind, breaking: true }),
    );
    expect(result.report.some((line) => line.startsWith(`BLOCKED: ${file}#${pointer}:`))).toBe(
      true,
    );
  });

  it('blocks a removed message type', () => {
    edit('contract.json', (manifest) => {
      delete manifest.messages.ADD_NODE_RESULT;
    });
    const result = runGate(dir);
    expect(result.ok).toBe(false);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ schema: 'contract.json', kind: 'message-type-removed' }),
    );
  });

  it('allows a new optional field and a new enum value', () => {
    edit(RESULT, (schema) => {
      resultPayload(schema).properties.modelVersion = { type: 'string' };
    });
    edit('envelope.schema.json', (schema) => {
      schema.definitions.resultStatus.enum.push('PARTIAL');
    });
    const result = runGate(dir);
    expect(result.ok).toBe(true);
    expect(result.changes.map((c) => [c.kind, c.breaking])).toEqual([
      ['enum-value-added', false],
      ['property-added', false],
    ]);
    expect(result.report.at(-1)).toMatch(/bump the minor version/);
  });

  it('allows a breaking change with a new major version', () => {
    edit(RESULT, (schema) => {
      resultPayload(schema).required.push('resultS3Key');
    });
    edit('contract.json', (manifest) => {
      manifest.version = '3.0.0';
    });
    const result = runGate(dir);
    expect(result.ok).toBe(true);
    expect(result.report[0]).toMatch(/^allowed: .*required-added; tightened/);
  });

  it('classifies who must adapt, and lets a new finding through as additive', () => {
    edit('graph-generation-progress.schema.json', (s) => {
      const payload = s.definitions.GraphGenerationProgressPayload;
      payload.properties.etaSeconds.type = ['number', 'null', 'string'];
      payload.allOf = [
        { properties: { etaSeconds: { 'x-finding': 'eta-as-text', type: 'number' } } },
      ];
    });
    const result = runGate(dir);
    expect(result.ok).toBe(true);
    expect(result.report).toEqual([
      expect.stringMatching(
        /etaSeconds\/type: .*type-widened; loosened: consumers must accept more\)$/,
      ),
      expect.stringMatching(
        /allOf: 1 new finding rule.*finding-added; tightened: producers must send less\)$/,
      ),
      expect.stringMatching(/^note: additive changes/),
    ]);
  });

  it('refuses a version older than the release', () => {
    edit('contract.json', (manifest) => {
      manifest.version = '0.9.0';
    });
    expect(runGate(dir)).toMatchObject({
      ok: false,
      report: [expect.stringContaining('older than')],
    });
  });

  it('exits 1 from the command line with the reason', () => {
    edit(RESULT, (schema) => {
      resultPayload(schema).properties.status.$ref = 'envelope.schema.json#/definitions/userId';
    });
    const run = spawnSync(process.execPath, ['scripts/contracts-check.ts', '--contracts', dir], {
      cwd: join(CONTRACTS_DIR, '..'),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('properties/status/$ref: $ref changed');
    expect(run.stdout).toContain('contracts:check FAILED');
  });
});

describe('compareSchema', () => {
  it('treats integer → number as widening and closing to unknown fields as breaking', () => {
    const changes = compareSchema(
      'x.schema.json',
      { type: 'object', properties: { n: { type: 'integer' } } },
      { type: 'object', additionalProperties: false, properties: { n: { type: 'number' } } },
    );
    expect(changes.map((c) => [c.pointer, c.kind, c.breaking])).toEqual([
      ['/additionalProperties', 'closed-to-unknown-fields', true],
    ]);
  });
});
