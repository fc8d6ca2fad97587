// The checksums SQS returns and SDKs verify: MD5 of the body, and MD5 of the message attributes
// in AWS's documented binary layout (name order; length-prefixed name, type, transport byte, value).
import { createHash, hash } from 'node:crypto';
import type { MessageAttributeValue } from './types.ts';

export function md5Hex(data: string | Buffer): string {
  // One-shot hashing: no Hash object per call, which shows on every send and receive.
  return hash('md5', data, 'hex');
}

function lengthPrefixed(hash: ReturnType<typeof createHash>, bytes: Buffer): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  hash.update(length);
  hash.update(bytes);
}

/** Undefined when there are no attributes: AWS then omits the field. */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name]!;
    lengthPrefixed(hash, Buffer.from(name, 'utf8'));
    lengthPrefixed(hash, Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(hash, value.BinaryValue);
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(hash, Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
