// Instants on the wire. Our producers write one pinned format: UTC, millisecond precision, 'Z'
// (2026-11-26T07:00:00.000Z). Readers accept what the real producers send: any ISO-8601 instant
// with 0–9 fraction digits and Z, an offset or no zone at all (Python's utcnow().isoformat(),
// read as UTC; the validator reports that as the finding timestamp-without-zone).

export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What a reader accepts; the same pattern as envelope.schema.json#/definitions/timestamp. */
export const ACCEPTED_TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-](\d{2}):(\d{2}))?$/;

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

/** True when `value` is in the pinned (producer) format and names a real calendar instant. */
export function isContractTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP_PATTERN.test(value)) return false;
  return parseTimestamp(value) !== undefined;
}

/** True when a reader accepts `value`: the accepted form, naming a real calendar instant. */
export function isAcceptedTimestamp(value: unknown): value is string {
  return typeof value === 'string' && parseTimestamp(value) !== undefined;
}

const daysIn = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Epoch milliseconds of an accepted timestamp (no zone = UTC; digits past the millisecond are
 * dropped), or undefined when it is not one or names no real instant (Feb 30, 25:00...).
 */
export function parseTimestamp(value: string): number | undefined {
  const m = ACCEPTED_TIMESTAMP_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (day === undefined || year === undefined || day < 1 || day > daysIn(year, month))
    return undefined;
  if ((hour ?? 24) > 23 || (minute ?? 60) > 59 || (second ?? 60) > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined && m[10] !== undefined) {
    const hours = Number(m[9]);
    const minutes = Number(m[10]);
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (m[8]?.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour ?? 0, minute ?? 0, second ?? 0, millis);
  return utc.getTime() - offsetMinutes * 60_000;
}
