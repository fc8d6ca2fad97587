// A tiny schema language for SQS requests and responses, written once and read by both codecs:
// the JSON codec validates against it, the query codec uses it to un-flatten form parameters
// (`Attribute.1.Name`, `SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue`) and
// to write XML. `name` on lists and maps is the flattened element name the query protocol uses.
// Shapes keep their literal types, so `ValueOf<shape>` is the TypeScript type a decoded value has:
// actions get typed inputs from the same model the codecs check against.

export interface StringShape {
  type: 'string';
}
export interface IntegerShape {
  type: 'integer' | 'long';
}
export interface BooleanShape {
  type: 'boolean';
}
export interface BlobShape {
  type: 'blob';
}
export interface ListShape<M extends Shape = Shape> {
  type: 'list';
  member: M;
  name: string;
}
export interface MapShape<V extends Shape = Shape> {
  type: 'map';
  value: V;
  name: string;
  key: string;
  valueName: string;
}
export interface StructureShape<
  M extends Record<string, Shape> = Record<string, Shape>,
  R extends keyof M = keyof M,
> {
  type: 'structure';
  members: M;
  required: readonly R[];
}

export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | BlobShape
  | ListShape
  | MapShape
  | StructureShape;

type Flat<T> = { [K in keyof T]: T[K] };

/** The decoded value of a shape: required members present, the others optional. */
export type ValueOf<S> = S extends StringShape
  ? string
  : S extends IntegerShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends BlobShape
        ? Buffer
        : S extends ListShape<infer M>
          ? ValueOf<M>[]
          : S extends MapShape<infer V>
            ? Record<string, ValueOf<V>>
            : S extends StructureShape<infer M, infer R>
              ? Flat<
                  { [K in R & keyof M]: ValueOf<M[K]> } & {
                    [K in Exclude<keyof M, R>]?: ValueOf<M[K]>;
                  }
                >
              : never;

export const string: StringShape = { type: 'string' };
export const integer: IntegerShape = { type: 'integer' };
export const long: IntegerShape = { type: 'long' };
export const boolean: BooleanShape = { type: 'boolean' };
export const blob: BlobShape = { type: 'blob' };

export function list<M extends Shape>(member: M, name: string): ListShape<M> {
  return { type: 'list', member, name };
}

export function map<V extends Shape>(
  value: V,
  name: string,
  key = 'Name',
  valueName = 'Value',
): MapShape<V> {
  return { type: 'map', value, name, key, valueName };
}

export function structure<M extends Record<string, Shape>>(members: M): StructureShape<M, never>;
export function structure<M extends Record<string, Shape>, const R extends keyof M & string>(
  members: M,
  required: readonly R[],
): StructureShape<M, R>;
export function structure(
  members: Record<string, Shape>,
  required: readonly string[] = [],
): StructureShape {
  return { type: 'structure', members, required };
}
