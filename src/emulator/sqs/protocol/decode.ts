// Turns wire input into the typed request an action expects, against the action's shape: from a
// parsed JSON document (JSON protocol) or from flattened form parameters (query protocol). Both
// reject wrong types and missing required members with SQS's own error codes.
import { invalidValue, missingParameter, SqsError } from '../domain/errors.ts';
import { setOwn } from '../domain/records.ts';
import type { Shape, StructureShape } from './shape.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_DEPTH = 8;

function wrongType(path: string, expected: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value for parameter ${path.slice(0, 200)} is invalid. Reason: expected ${expected}.`,
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
        setOwn(out, k, decodeJsonValue(shape.value, v, `${path}.${k}`, depth + 1));
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

/** Parameters split on dots into a tree once, so decoding is linear in the request's size. */
interface ParamNode {
  value?: string;
  children: Map<string, ParamNode>;
}

const MAX_LIST_INDEX = 99_999;

function paramTree(params: QueryParams): ParamNode {
  const root: ParamNode = { children: new Map() };
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.value ??= value;
  }
  return root;
}

export function decodeQuery(shape: StructureShape, params: QueryParams): Record<string, unknown> {
  return decodeQueryStructure(shape, paramTree(params), '', 0);
}

function decodeQueryStructure(
  shape: StructureShape,
  node: ParamNode | undefined,
  prefix: string,
  depth: number,
): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw wrongType(prefix, 'a shallower request');
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = decodeQueryMember(member, name, node, prefix, depth + 1);
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
  node: ParamNode | undefined,
  prefix: string,
  depth: number,
): unknown {
  switch (shape.type) {
    case 'list': {
      const base = `${prefix}${shape.name}`;
      const items = indexed(node?.children.get(shape.name), base);
      if (items === undefined) return undefined;
      return items.map(([i, item]) =>
        shape.member.type === 'structure'
          ? decodeQueryStructure(shape.member, item, `${base}.${i}.`, depth + 1)
          : decodeQueryScalar(shape.member, item.value, `${base}.${i}`),
      );
    }
    case 'map': {
      const base = `${prefix}${shape.name}`;
      const entries = indexed(node?.children.get(shape.name), base);
      if (entries === undefined) return undefined;
      const out: Record<string, unknown> = {};
      for (const [i, entry] of entries) {
        const keyName = `${base}.${i}.${shape.key}`;
        const key = entry.children.get(shape.key)?.value;
        if (key === undefined) throw missingParameter(keyName);
        const valuePath = `${base}.${i}.${shape.valueName}`;
        const valueNode = entry.children.get(shape.valueName);
        setOwn(
          out,
          key,
          shape.value.type === 'structure'
            ? decodeQueryStructure(shape.value, valueNode, `${valuePath}.`, depth + 1)
            : (decodeQueryScalar(shape.value, valueNode?.value, valuePath) ?? ''),
        );
      }
      return out;
    }
    case 'structure': {
      const child = node?.children.get(name);
      return child === undefined
        ? undefined
        : decodeQueryStructure(shape, child, `${prefix}${name}.`, depth + 1);
    }
    default:
      return decodeQueryScalar(shape, node?.children.get(name)?.value, `${prefix}${name}`);
  }
}

/** The numbered children of a flattened list or map, in index order. */
function indexed(node: ParamNode | undefined, base: string): [number, ParamNode][] | undefined {
  if (node === undefined || node.children.size === 0) return undefined;
  const out: [number, ParamNode][] = [];
  for (const [index, child] of node.children) {
    if (!/^[1-9]\d{0,4}$/.test(index) || Number(index) > MAX_LIST_INDEX) {
      throw new SqsError(
        'InvalidParameterValue',
        `The parameter name ${`${base}.${index}`.slice(0, 200)} is invalid. Reason: list and map entries are numbered from 1 to ${MAX_LIST_INDEX}.`,
      );
    }
    out.push([Number(index), child]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function decodeQueryScalar(shape: Shape, raw: string | undefined, path: string): unknown {
  if (raw === undefined) return undefined;
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d{1,15}$/.test(raw))
        throw invalidValue(raw.slice(0, 100), path, 'must be an integer.');
      return Number(raw);
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false')
        throw invalidValue(raw.slice(0, 100), path, 'must be true or false.');
      return raw === 'true';
    case 'blob':
      return decodeBlob(raw, path);
    default:
      return raw;
  }
}
