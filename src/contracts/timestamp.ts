// The pinned wire format for instants: UTC, millisecond precision, 'Z' suffix
// (2026-11-26T07:00:00.000Z). Every producer formats through here.

export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Formats an epoch-milliseconds clock reading; the clock is injectable so tests move time. */
export function nowTimestamp(clock: () => number = Date.now): string {
  return formatTimestamp(clock());
}

export function formatTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${epochMs}`);
  const text = date.toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY, which the contract does not allow.
  if (!TIMESTAMP_PATTERN.test(text)) throw new RangeError(`instant out of range: ${epochMs}`);
  return text;
}

/** True when `value` is in the pinned format and names a real calendar instant. */
export function isContractTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP_PATTERN.test(value)) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}
