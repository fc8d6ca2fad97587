// A tiny schema language for SQS requests and responses, written once and read by both codecs:
// the JSON codec validates against it, the query codec uses it to un-flatten form parameters
// (`Attribute.1.Name`, `SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue`) and
// to write XML. `name` on lists and maps is the flattened element name the query protocol uses.

export type Shape =
  | { type: 'string' }
  | { type: 'integer' }
  | { type: 'long' }
  | { type: 'boolean' }
  | { type: 'blob' }
  | { type: 'list'; member: Shape; name: string }
  | { type: 'map'; value: Shape; name: string; key: string; valueName: string }
  | { type: 'structure'; members: Record<string, Shape>; required: readonly string[] };

export type StructureShape = Extract<Shape, { type: 'structure' }>;

export const string: Shape = { type: 'string' };
export const integer: Shape = { type: 'integer' };
export const long: Shape = { type: 'long' };
export const boolean: Shape = { type: 'boolean' };
export const blob: Shape = { type: 'blob' };

export function list(member: Shape, name: string): Shape {
  return { type: 'list', member, name };
}

export function map(value: Shape, name: string, key = 'Name', valueName = 'Value'): Shape {
  return { type: 'map', value, name, key, valueName };
}

export function structure(
  members: Record<string, Shape>,
  required: readonly string[] = [],
): StructureShape {
  return { type: 'structure', members, required };
}
