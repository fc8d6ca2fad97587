// The `Range` request header for GetObject. S3 serves a single byte range; a header it cannot
// parse (or a multi-range list) is ignored and the whole object served, as HTTP prescribes, while
// a well-formed range outside the object is refused with 416 InvalidRange.
import { S3ProtocolError } from './protocol-error.ts';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = SINGLE_RANGE.exec(header.trim());
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  const unsatisfiable = () =>
    new S3ProtocolError('InvalidRange', undefined, {
      RangeRequested: header,
      ActualObjectSize: String(size),
    });
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
