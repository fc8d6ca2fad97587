// Receipt handles: opaque to clients, but they carry the message's engine-wide key and the receive
// serial they were issued for, so a delete or visibility change can tell a current handle from an
// older one without keeping every handle ever issued.

export interface ParsedHandle {
  key: number;
  serial: number;
}

const SHAPE = /^(\d{1,15}):(\d{1,9}):[0-9a-f]{32}$/;

export function encodeHandle(key: number, serial: number, nonce: string): string {
  return Buffer.from(`${key}:${serial}:${nonce}`, 'utf8').toString('base64');
}

/** Undefined when the text is not a handle this emulator could have issued. */
export function parseHandle(text: string): ParsedHandle | undefined {
  if (text.length === 0 || text.length > 1024 || !/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined;
  const match = SHAPE.exec(Buffer.from(text, 'base64').toString('utf8'));
  if (!match) return undefined;
  const key = Number(match[1]);
  const serial = Number(match[2]);
  // Keys and receive serials both start at 1: a zero in either was never issued.
  if (key === 0 || serial === 0) return undefined;
  return { key, serial };
}
