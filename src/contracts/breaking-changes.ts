// Compares two versions of the contract schemas and classifies every difference as breaking or
// additive. Pure: takes parsed schemas, returns findings; scripts/contracts-check.ts is the gate.
// Breaking: a schema or message type removed, a property removed (renames show up as a removal
// plus an addition), a new required field, a required field made optional, a narrowed type, a
// removed enum value, a changed const/pattern/format/reference, a tighter bound, unknown fields
// newly forbidden. Additive: a new optional property, schema, enum value or wider type.
import type { ContractManifest, JsonSchema } from './manifest.ts';

export interface SchemaChange {
  /** Schema file name, e.g. graph-generation-result.schema.json. */
  schema: string;
  /** JSON pointer into the schema document. */
  pointer: string;
  kind: string;
  breaking: boolean;
  detail: string;
}

export interface ContractSnapshot {
  manifest: ContractManifest;
  schemas: Map<string, JsonSchema>;
}

type Node = Record<string, unknown>;

const SUBSCHEMA_MAPS = ['properties', 'definitions', 'patternProperties'] as const;
const SUBSCHEMA_SINGLE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
const EXACT = ['const', 'pattern', 'format', '$ref', 'multipleOf'];

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function typesOf(node: Node): Set<string> | undefined {
  const type = node.type;
  if (type === undefined) return undefined;
  const list = Array.isArray(type) ? type : [type];
  return new Set(list.map(String));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Every change between two versions of one schema document. */
export function compareSchema(schema: string, before: unknown, after: unknown): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const add = (pointer: string, kind: string, breaking: boolean, detail: string) =>
    changes.push({ schema, pointer, kind, breaking, detail });

  const walk = (old: unknown, now: unknown, pointer: string): void => {
    if (old === true && now === false) add(pointer, 'schema-closed', true, 'now accepts nothing');
    if (!isNode(old)) return;
    if (!isNode(now)) {
      if (now !== true) add(pointer, 'schema-replaced', true, 'is no longer a schema object');
      return;
    }

    const oldTypes = typesOf(old);
    const newTypes = typesOf(now);
    // "integer" is a subset of "number": number → integer narrows, integer → number widens.
    if (
      newTypes &&
      (!oldTypes ||
        [...oldTypes].some((t) => !newTypes.has(t) && !(t === 'integer' && newTypes.has('number'))))
    ) {
      const was = oldTypes ? [...oldTypes].join('|') : 'any';
      add(
        `${pointer}/type`,
        'type-narrowed',
        true,
        `type narrowed from ${was} to ${[...newTypes].join('|')}`,
      );
    } else if (oldTypes && !newTypes) {
      add(`${pointer}/type`, 'type-widened', false, 'type constraint removed');
    } else if (oldTypes && newTypes && newTypes.size > oldTypes.size) {
      add(`${pointer}/type`, 'type-widened', false, `type widened to ${[...newTypes].join('|')}`);
    }

    if (Array.isArray(old.enum) || Array.isArray(now.enum)) {
      const before = new Set(
        (Array.isArray(old.enum) ? old.enum : []).map((v) => JSON.stringify(v)),
      );
      const after = new Set(
        (Array.isArray(now.enum) ? now.enum : []).map((v) => JSON.stringify(v)),
      );
      if (!Array.isArray(old.enum)) {
        add(`${pointer}/enum`, 'enum-added', true, `values restricted to ${[...after].join(', ')}`);
      } else if (Array.isArray(now.enum)) {
        for (const value of before) {
          if (!after.has(value))
            add(`${pointer}/enum`, 'enum-value-removed', true, `enum value ${value} removed`);
        }
        for (const value of after) {
          if (!before.has(value))
            add(`${pointer}/enum`, 'enum-value-added', false, `enum value ${value} added`);
        }
      }
    }

    for (const keyword of EXACT) {
      if (
        JSON.stringify(old[keyword]) !== JSON.stringify(now[keyword]) &&
        now[keyword] !== undefined
      ) {
        add(
          `${pointer}/${keyword}`,
          `${keyword.replace('$', '')}-changed`,
          true,
          `${keyword} changed from ${JSON.stringify(old[keyword])} to ${JSON.stringify(now[keyword])}`,
        );
      }
    }
    for (const keyword of LOWER_BOUNDS) {
      const a = old[keyword];
      const b = now[keyword];
      if (typeof b === 'number' && (typeof a !== 'number' || b > a)) {
        add(
          `${pointer}/${keyword}`,
          'bound-narrowed',
          true,
          `${keyword} raised from ${a ?? 'none'} to ${b}`,
        );
      }
    }
    for (const keyword of UPPER_BOUNDS) {
      const a = old[keyword];
      const b = now[keyword];
      if (typeof b === 'number' && (typeof a !== 'number' || b < a)) {
        add(
          `${pointer}/${keyword}`,
          'bound-narrowed',
          true,
          `${keyword} lowered from ${a ?? 'none'} to ${b}`,
        );
      }
    }

    const oldRequired = stringList(old.required);
    const newRequired = stringList(now.required);
    const oldProps = isNode(old.properties) ? old.properties : {};
    const newProps = isNode(now.properties) ? now.properties : {};
    for (const name of newRequired) {
      if (!oldRequired.includes(name)) {
        add(`${pointer}/required`, 'required-added', true, `new required field "${name}"`);
      }
    }
    for (const name of oldRequired) {
      if (!newRequired.includes(name) && name in newProps) {
        add(
          `${pointer}/required`,
          'required-removed',
          true,
          `required field "${name}" made optional`,
        );
      }
    }
    for (const name of Object.keys(oldProps)) {
      if (!(name in newProps)) {
        const required = oldRequired.includes(name);
        add(
          `${pointer}/properties/${pointerToken(name)}`,
          required ? 'required-property-removed' : 'property-removed',
          true,
          `${required ? 'required ' : ''}property "${name}" removed or renamed`,
        );
      }
    }
    for (const name of Object.keys(newProps)) {
      if (!(name in oldProps) && !newRequired.includes(name)) {
        add(
          `${pointer}/properties/${pointerToken(name)}`,
          'property-added',
          false,
          `optional property "${name}" added`,
        );
      }
    }
    if (old.additionalProperties !== false && now.additionalProperties === false) {
      add(
        `${pointer}/additionalProperties`,
        'closed-to-unknown-fields',
        true,
        'unknown fields newly forbidden',
      );
    }

    for (const keyword of SUBSCHEMA_MAPS) {
      const a = isNode(old[keyword]) ? old[keyword] : {};
      const b = isNode(now[keyword]) ? now[keyword] : {};
      for (const [name, sub] of Object.entries(a)) {
        const next = b[name];
        if (next === undefined) {
          if (keyword === 'definitions') {
            add(
              `${pointer}/definitions/${pointerToken(name)}`,
              'definition-removed',
              true,
              `definition "${name}" removed`,
            );
          }
          continue;
        }
        walk(sub, next, `${pointer}/${keyword}/${pointerToken(name)}`);
      }
    }
    for (const keyword of SUBSCHEMA_SINGLE) {
      if (old[keyword] !== undefined && now[keyword] !== undefined) {
        walk(old[keyword], now[keyword], `${pointer}/${keyword}`);
      } else if (
        old[keyword] === undefined &&
        now[keyword] !== undefined &&
        keyword !== 'additionalProperties'
      ) {
        add(`${pointer}/${keyword}`, `${keyword}-added`, true, `new "${keyword}" constraint`);
      }
    }
    for (const keyword of SUBSCHEMA_LISTS) {
      const a = Array.isArray(old[keyword]) ? old[keyword] : [];
      const b = Array.isArray(now[keyword]) ? now[keyword] : [];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      const added = keyword === 'allOf' ? b.slice(a.length) : [];
      if (added.length > 0 && added.every((rule) => JSON.stringify(rule).includes('"x-finding"'))) {
        // A conformance rule never rejects: what it flags is still accepted, with a finding.
        add(`${pointer}/allOf`, 'finding-added', false, `${added.length} new finding rule(s)`);
      } else if (keyword === 'allOf' && b.length > a.length) {
        add(
          `${pointer}/allOf`,
          'constraint-added',
          true,
          `${b.length - a.length} new allOf rule(s)`,
        );
      } else if (keyword !== 'allOf' && b.length < a.length) {
        add(`${pointer}/${keyword}`, 'alternative-removed', true, `${keyword} alternative removed`);
      }
      a.forEach((sub, index) => {
        if (index < b.length) walk(sub, b[index], `${pointer}/${keyword}/${index}`);
      });
    }
  };

  walk(before, after, '');
  return changes;
}

/** Every change between a released contract and the working copy. */
export function compareContracts(
  released: ContractSnapshot,
  current: ContractSnapshot,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [taskType, file] of Object.entries(released.manifest.messages)) {
    if (current.manifest.messages[taskType] === undefined) {
      changes.push({
        schema: 'contract.json',
        pointer: `/messages/${pointerToken(taskType)}`,
        kind: 'message-type-removed',
        breaking: true,
        detail: `message type ${taskType} (${file}) removed`,
      });
    }
  }
  for (const [name, before] of released.schemas) {
    const after = current.schemas.get(name);
    if (after === undefined) {
      changes.push({
        schema: name,
        pointer: '',
        kind: 'schema-removed',
        breaking: true,
        detail: 'schema file removed',
      });
      continue;
    }
    changes.push(...compareSchema(name, before, after));
  }
  for (const name of current.schemas.keys()) {
    if (!released.schemas.has(name)) {
      changes.push({
        schema: name,
        pointer: '',
        kind: 'schema-added',
        breaking: false,
        detail: 'new schema file',
      });
    }
  }
  return changes;
}

/**
 * Who a change affects. Loosened: the schema accepts more, so consumers must be ready for it.
 * Tightened: it accepts less (or flags more), so producers must send less. Changed: a rule was
 * replaced (a pattern, a reference), which may do either.
 */
export type ChangeEffect = 'loosened' | 'tightened' | 'changed';

const LOOSENING = new Set([
  'type-widened',
  'enum-value-added',
  'required-removed',
  'property-added',
  'schema-added',
]);
const CHANGING = new Set(['property-removed', 'required-property-removed', 'schema-replaced']);

export function effectOf(kind: string): ChangeEffect {
  if (LOOSENING.has(kind)) return 'loosened';
  if (CHANGING.has(kind) || kind.endsWith('-changed')) return 'changed';
  return 'tightened';
}

const EFFECT_TEXT: Record<ChangeEffect, string> = {
  loosened: 'loosened: consumers must accept more',
  tightened: 'tightened: producers must send less',
  changed: 'changed: check both sides',
};

export function describeChange(change: SchemaChange): string {
  return `${change.schema}#${change.pointer}: ${change.detail} (${change.breaking ? 'breaking' : 'additive'}: ${change.kind}; ${EFFECT_TEXT[effectOf(change.kind)]})`;
}
