// Turns wire input into the typed request an action expects, against the action's shape: from a
// parsed JSON document (JSON protocol) or from flattened form parameters (query protocol). Both
// reject wrong types and missing required members with SQS's own error codes.
import { invalidValue, missingParameter, SqsError } from '../errors.ts';
import type { Shape, StructureShape } from './shape.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_DEPTH = 8;

function wrongType(path: string, expected: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value for parameter ${path} is invalid. Reason: expected ${expected}.`,
  );
}

function decodeBlob(text: string, path: string): Buffer {
  if (!BASE64.test(text)) throw invalidValue('(binary)', path, 'must be base64-encoded.');
  return Buffer.from(text, 'base64');
}

// ---- JSON -----------------------------------------------------------------------------------

export function decodeJson(shape: StructureShape, value: unknown): Record<string, unknown> {
  return decodeJsonValue(shape, value, '', 0) as Record<string, unknown>;
}

function decodeJsonValue(shape: Shape, value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_DEPTH) throw wrongType(path, 'a shallower document');
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(path, 'a string');
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw wrongType(path, 'an integer');
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(path, 'a boolean');
      return value;
    case 'blob':
      if (typeof value !== 'string') throw wrongType(path, 'a base64 string');
      return decodeBlob(value, path);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(path, 'a list');
      return value.map((item, i) =>
        decodeJsonValue(shape.member, item, `${path}.${i + 1}`, depth + 1),
      );
    }
    case 'map': {
      if (!isPlainObject(value)) throw wrongType(path, 'a map');
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = decodeJsonValue(shape.value, v, `${path}.${k}`, depth + 1);
      }
      return out;
    }
    case 'structure': {
      if (!isPlainObject(value)) throw wrongType(path || 'the request body', 'a JSON object');
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const v = value[name];
        // JSON null is how some clients spell "absent".
        if (v === undefined || v === null) continue;
        out[name] = decodeJsonValue(member, v, path ? `${path}.${name}` : name, depth + 1);
      }
      for (const name of shape.required) {
        if (out[name] === undefined) throw missingParameter(path ? `${path}.${name}` : name);
      }
      return out;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- query ----------------------------------------------------------------------------------

/** Flattened query parameters, e.g. `Attribute.1.Name` → `VisibilityTimeout`. */
export type QueryParams = ReadonlyMap<string, string>;

export function decodeQuery(shape: StructureShape, params: QueryParams): Record<string, unknown> {
  // Index parameter names by prefix once so nested lists don't rescan every key.
  const keys = [...params.keys()];
  return decodeQueryStructure(shape, params, keys, '', 0);
}

function decodeQueryStructure(
  shape: StructureShape,
  params: QueryParams,
  keys: readonly string[],
  prefix: string,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = decodeQueryMember(member, name, params, keys, prefix, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  for (const name of shape.required) {
    if (out[name] === undefined) throw missingParameter(`${prefix}${name}`);
  }
  return out;
}

function decodeQueryMember(
  shape: Shape,
  name: string,
  params: QueryParams,
  keys: readonly string[],
  prefix: string,
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) throw wrongType(prefix, 'a shallower request');
  switch (shape.type) {
    case 'list': {
      const base = `${prefix}${shape.name}.`;
      const indices = indicesUnder(keys, base);
      if (indices.length === 0) return undefined;
      return indices.map((i) =>
        shape.member.type === 'structure'
          ? decodeQueryStructure(shape.member, params, keys, `${base}${i}.`, depth + 1)
          : decodeQueryScalar(shape.member, params.get(`${base}${i}`), `${base}${i}`),
      );
    }
    case 'map': {
      const base = `${prefix}${shape.name}.`;
      const indices = indicesUnder(keys, base);
      if (indices.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      for (const i of indices) {
        const keyName = `${base}${i}.${shape.key}`;
        const key = params.get(keyName);
        if (key === undefined) throw missingParameter(keyName);
        const valuePrefix = `${base}${i}.${shape.valueName}`;
        out[key] =
          shape.value.type === 'structure'
            ? decodeQueryStructure(shape.value, params, keys, `${valuePrefix}.`, depth + 1)
            : (decodeQueryScalar(shape.value, params.get(valuePrefix), valuePrefix) ?? '');
      }
      return out;
    }
    case 'structure':
      return decodeQueryStructure(shape, params, keys, `${prefix}${name}.`, depth + 1);
    default:
      return decodeQueryScalar(shape, params.get(`${prefix}${name}`), `${prefix}${name}`);
  }
}

function decodeQueryScalar(shape: Shape, raw: string | undefined, path: string): unknown {
  if (raw === undefined) return undefined;
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d{1,15}$/.test(raw)) throw invalidValue(raw, path, 'must be an integer.');
      return Number(raw);
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false')
        throw invalidValue(raw, path, 'must be true or false.');
      return raw === 'true';
    case 'blob':
      return decodeBlob(raw, path);
    default:
      return raw;
  }
}

function indicesUnder(keys: readonly string[], base: string): number[] {
  const found = new Set<number>();
  for (const key of keys) {
    if (!key.startsWith(base)) continue;
    const rest = key.slice(base.length);
    const dot = rest.indexOf('.');
    const index = dot === -1 ? rest : rest.slice(0, dot);
    if (!/^[1-9]\d{0,4}$/.test(index)) {
      throw invalidValue(key, 'parameter name', `${base}N needs an index from 1.`);
    }
    found.add(Number(index));
  }
  return [...found].sort((a, b) => a - b);
}
