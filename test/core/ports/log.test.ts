// withBindings against a real pino logger: a line carries the bindings (and a child's) as leading
// fields like a pino child's line would, and a line below the logger's level is not written.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type Log, withBindings } from '../../../src/core/ports/log.ts';

function capture(level: string): { log: Log; lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level, base: null, timestamp: false }, stream), lines, raw };
}

describe('withBindings', () => {
  it('writes the bindings, then the child bindings, then the line fields', () => {
    const { log, lines } = capture('info');
    const bound = withBindings(log, { messageId: 'm1', receiveCount: 2 });
    bound.child({ taskId: 't1' }).info({ verdict: 'applied' }, 'message processed');
    expect(lines).toEqual([
      {
        level: 30,
        messageId: 'm1',
        receiveCount: 2,
        taskId: 't1',
        verdict: 'applied',
        msg: 'message processed',
      },
    ]);
  });

  it('writes the same line, byte for byte, as a pino child would', () => {
    const viaChild = capture('info');
    viaChild.log.child({ messageId: 'm1' }).child({ taskId: 't1' }).warn({ reason: 'x' }, 'left');
    const viaBindings = capture('info');
    withBindings(viaBindings.log, { messageId: 'm1' })
      .child({ taskId: 't1' })
      .warn({ reason: 'x' }, 'left');
    expect(viaBindings.raw).toEqual(viaChild.raw);
    expect(viaBindings.raw).toHaveLength(1);
  });

  it('writes nothing below the logger level, and says so', () => {
    const { log, lines } = capture('info');
    const bound = withBindings(log, { messageId: 'm1' });
    bound.debug({ findings: [] }, 'accepted with findings');
    expect(lines).toEqual([]);
    expect(bound.isLevelEnabled?.('debug')).toBe(false);
    expect(bound.isLevelEnabled?.('error')).toBe(true);
  });

  it('passes every line on to a log port that cannot tell its level', () => {
    const seen: { level: string; obj: object }[] = [];
    const port: Log = {
      debug: (obj) => seen.push({ level: 'debug', obj }),
      info: (obj) => seen.push({ level: 'info', obj }),
      warn: (obj) => seen.push({ level: 'warn', obj }),
      error: (obj) => seen.push({ level: 'error', obj }),
      child: () => port,
    };
    withBindings(port, { messageId: 'm1' }).debug({ n: 1 });
    expect(seen).toEqual([{ level: 'debug', obj: { messageId: 'm1', n: 1 } }]);
  });
});
