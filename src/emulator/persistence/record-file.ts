// The on-disk line format of the emulator's state files (snapshot and journal): a header line
// naming the format, its version and the file's generation, then lines `crc32-hex json\n` whose
// JSON is an array of records. A journal line is one commit group, all or nothing: the records a
// set of answers waited for. The checksum tells a torn or damaged line from a good one; the reader
// says exactly which file and line is bad and whether anything intact follows it.
import { crc32 } from 'node:zlib';

export const FORMAT = 'graphnode-emulator-state';
export const FORMAT_VERSION = 1;

/**
 * Journal groups whose fdatasync may run at once (the writer's pipeline). Each group is one line,
 * and a group holds one of PIPELINE_DEPTH syncers from its write until its own fdatasync is done;
 * a group whose fdatasync is done made every line before it durable. So when the power fails, only
 * the last PIPELINE_DEPTH lines can be written but not durable, and writeback may have kept a later
 * one of them whole while an earlier one lost a page (zeros: never a new line end). The reader
 * drops damage within those last lines as a torn write; damage before them is corruption.
 */
export const PIPELINE_DEPTH = 2;

export interface FileHeader {
  format: typeof FORMAT;
  version: number;
  kind: 'snapshot' | 'journal';
  generation: number;
}

/** A state file this emulator must not read; the message names the file and what is wrong. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** One line holding `records` (a commit group, or a slice of a snapshot). */
export function encodeRecords(records: readonly unknown[]): string {
  return encodeLine(records);
}

export function encodeLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

export function headerLine(kind: FileHeader['kind'], generation: number): string {
  const header: FileHeader = { format: FORMAT, version: FORMAT_VERSION, kind, generation };
  return encodeLine(header);
}

export interface ParsedFile {
  header: FileHeader;
  records: unknown[];
  /**
   * A torn end that was left out: from line `line` on, `lines` lines (the last maybe unfinished)
   * and `bytes` bytes, none of them acknowledged (a crash or power loss during their write).
   */
  tornTail: { line: number; lines: number; bytes: number } | undefined;
  /** Bytes from the start up to the end of the last intact line (where appending may resume). */
  intactBytes: number;
}

/** Parses one line; undefined when its checksum or JSON is wrong. */
function decodeLine(line: string): { value: unknown } | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return undefined;
  try {
    return { value: JSON.parse(json) };
  } catch {
    return undefined;
  }
}

/**
 * Reads a state file. Damage within the last PIPELINE_DEPTH lines is a torn write: left out, with
 * every line after it, and reported in `tornTail` when `allowTornTail`, else refused. Damage
 * followed by more lines than that is never a torn write: refused, naming the file and line,
 * rather than dropping what follows. Works on the bytes line by line,
 * so a state larger than the longest string V8 can hold still reads.
 */
export function parseStateFile(file: string, whole: Buffer, allowTornTail: boolean): ParsedFile {
  // A journal is preallocated with zeros past its last line: free space, not a torn write (an
  // emulator before preallocation reads them as one, leaves them out with a notice and cuts the
  // file back, which is as safe).
  const data = allowTornTail ? whole.subarray(0, endOfData(whole)) : whole;
  // Line start offsets; a file ends with '\n', anything after the last one did not finish.
  const ends: number[] = [];
  for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) ends.push(at);
  const lineAt = (i: number): string =>
    data.toString('utf8', i === 0 ? 0 : ends[i - 1]! + 1, ends[i]);
  const lastEnd = ends.length === 0 ? 0 : ends.at(-1)! + 1;
  const unfinished = data.length - lastEnd;
  const first = ends.length > 0 ? decodeLine(lineAt(0)) : undefined;
  const header = first?.value;
  if (!isHeader(header)) {
    if (allowTornTail && ends.length === 0) {
      // Only a torn header: the file was being created when the process died.
      return {
        header: { format: FORMAT, version: FORMAT_VERSION, kind: 'journal', generation: -1 },
        records: [],
        tornTail: { line: 1, lines: 1, bytes: unfinished },
        intactBytes: 0,
      };
    }
    throw new DataDirError(
      `${file} is not an emulator state file (its first line is not a ${FORMAT} header); move it out of the data directory or start with an empty one`,
    );
  }
  if (header.version > FORMAT_VERSION) {
    throw new DataDirError(
      `${file} was written by a newer emulator (state format version ${header.version}; this one reads version ${FORMAT_VERSION}); use that version or an empty data directory`,
    );
  }
  const records: unknown[] = [];
  let tornTail: ParsedFile['tornTail'];
  let intactBytes = lastEnd;
  for (let i = 1; i < ends.length; i++) {
    const decoded = decodeLine(lineAt(i));
    if (decoded !== undefined && Array.isArray(decoded.value)) {
      for (const record of decoded.value) records.push(record);
      continue;
    }
    // The damaged line and everything after it, as lines (an unfinished one counted).
    const lines = ends.length - i + (unfinished > 0 ? 1 : 0);
    if (!allowTornTail || lines > PIPELINE_DEPTH) {
      const isLast = lines === 1;
      throw new DataDirError(
        `${file} line ${i + 1} is damaged (checksum or JSON wrong) and ${isLast ? 'the file must be complete' : `${lines - 1} more line(s) follow it`}; refusing to start rather than drop state — restore the file or move the data directory away`,
      );
    }
    // Within the last PIPELINE_DEPTH lines: the groups written but not yet acknowledged when the
    // power failed (see PIPELINE_DEPTH); the whole rest is left out, intact lines in it too.
    intactBytes = ends[i - 1]! + 1;
    return {
      header,
      records,
      tornTail: { line: i + 1, lines, bytes: data.length - intactBytes },
      intactBytes,
    };
  }
  if (unfinished > 0) {
    if (!allowTornTail) {
      throw new DataDirError(`${file} is truncated (its last line has no end); refusing to start`);
    }
    tornTail = { line: ends.length + 1, lines: 1, bytes: unfinished };
  }
  return { header, records, tornTail, intactBytes };
}

/** The length of `data` without the zero bytes at its end. */
function endOfData(data: Buffer): number {
  let end = data.length;
  // Eight bytes at a time while they are all zero, then byte by byte.
  while (end >= 8 && data.readBigUInt64LE(end - 8) === 0n) end -= 8;
  while (end > 0 && data[end - 1] === 0) end--;
  return end;
}

function isHeader(value: unknown): value is FileHeader {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === FORMAT &&
    typeof v.version === 'number' &&
    (v.kind === 'snapshot' || v.kind === 'journal') &&
    typeof v.generation === 'number'
  );
}
