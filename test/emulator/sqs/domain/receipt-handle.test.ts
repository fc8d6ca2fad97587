// Receipt handles: what the engine hands out parses back to its key and serial; anything it could
// not have issued (zero key or serial, wrong shape) is refused and touches no message.
import { describe, expect, it } from 'vitest';
import { SqsEngine } from '../../../../src/emulator/sqs/domain/engine.ts';
import { encodeHandle, parseHandle } from '../../../../src/emulator/sqs/domain/receipt-handle.ts';
import { randomIds } from '../../../../src/kernel/ids.ts';
import { seededRandom } from '../../../../src/kernel/random.ts';
import { manualClock } from '../../../../src/kernel/virtual-clock.ts';

describe('receipt handle text', () => {
  it('round-trips key and serial, and refuses what was never issued', () => {
    const nonce = 'ab'.repeat(16);
    expect(parseHandle(encodeHandle(42, 3, nonce))).toEqual({ key: 42, serial: 3 });
    expect(parseHandle(encodeHandle(0, 3, nonce))).toBeUndefined();
    expect(parseHandle(encodeHandle(42, 0, nonce))).toBeUndefined();
    expect(parseHandle(encodeHandle(42, 3, 'short'))).toBeUndefined();
  });
});

describe('receipt handles of messages never received', () => {
  it('are refused as never issued, and delete nothing', () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const engine = new SqsEngine({ clock, ids: randomIds(seededRandom(4)), region: 'us-east-1' });
    engine.createQueue('q', {}, {});
    engine.sendMessage('q', { MessageBody: 'never received' });
    // Key 1 is the message just sent; serial 0 and key 0 are never handed out.
    for (const text of [`1:0:${'a'.repeat(32)}`, `0:1:${'a'.repeat(32)}`]) {
      const handle = Buffer.from(text).toString('base64');
      expect(() => engine.deleteMessage('q', handle)).toThrow(/not a valid receipt handle/);
      expect(() => engine.changeMessageVisibility('q', handle, 10)).toThrow(
        /not a valid receipt handle/,
      );
    }
    expect(engine.inspectMessages('q').map((m) => m.body)).toEqual(['never received']);
  });
});
