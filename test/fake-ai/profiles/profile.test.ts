// Behaviour profiles: parsing with defaults, clear errors for bad settings, latency draws, builtins.
import { describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../../fake-ai/profiles/builtin.ts';
import {
  DEFAULT_PROFILE,
  drawLatency,
  ProfileError,
  parseProfile,
} from '../../../fake-ai/profiles/profile.ts';

describe('parseProfile', () => {
  it('fills what is left out from the default profile', () => {
    expect(parseProfile({})).toEqual(DEFAULT_PROFILE);
    expect(parseProfile({ name: 'x', outcome: 'FAILED' })).toEqual({
      ...DEFAULT_PROFILE,
      name: 'x',
      outcome: 'FAILED',
    });
  });

  it('reads every setting', () => {
    const profile = parseProfile({
      latency: { minMs: 5, maxMs: 10 },
      duplicates: { copies: 3, delayMs: 100 },
      malformed: 'snake-case',
      crash: { stage: 'after-result' },
      heartbeat: { everyMs: 1000, extendSeconds: 60 },
      progress: { afterResult: true },
      resultObject: 'corrupt',
      oversize: { target: 'object' },
      error: 'boom',
    });
    expect(profile).toMatchObject({
      latency: { kind: 'uniform', minMs: 5, maxMs: 10 },
      duplicates: { copies: 3, delayMs: 100 },
      crash: { stage: 'after-result', receives: 1 },
      progress: { enabled: true, afterResult: true },
      oversize: { target: 'object', bytes: 1_100_000 },
      error: 'boom',
    });
    expect(parseProfile({ latency: 250 }).latency).toEqual({ kind: 'fixed', ms: 250 });
  });

  it.each([
    ['not an object', 'slow', /profile must be an object/],
    ['an unknown setting', { latencyMs: 5 }, /profile\.latencyMs is not a profile setting/],
    ['a negative latency', { latency: -1 }, /profile\.latency must be an integer from 0/],
    [
      'both latency forms',
      { latency: { fixedMs: 1, minMs: 1, maxMs: 2 } },
      /either fixedMs or minMs\/maxMs/,
    ],
    ['max below min', { latency: { minMs: 10, maxMs: 5 } }, /maxMs must be >= minMs/],
    ['an unknown outcome', { outcome: 'DONE' }, /outcome must be one of COMPLETED, FAILED/],
    [
      'too many copies',
      { duplicates: { copies: 1000 } },
      /copies must be an integer from 0 to 100/,
    ],
    [
      'an unknown malformation',
      { malformed: 'xml' },
      /malformed must be one of none, invalid-json/,
    ],
    ['a crash without stage', { crash: {} }, /crash\.stage must be one of/],
    [
      'a zero heartbeat period',
      { heartbeat: { everyMs: 0, extendSeconds: 1 } },
      /everyMs must be an integer from 1/,
    ],
    [
      'a heartbeat past 12 hours',
      { heartbeat: { everyMs: 1, extendSeconds: 50_000 } },
      /extendSeconds must be an integer from 0 to 43200/,
    ],
    [
      'progress flags that are not booleans',
      { progress: { enabled: 'yes' } },
      /progress\.enabled must be true or false/,
    ],
    [
      'a huge oversize',
      { oversize: { target: 'message', bytes: 1e12 } },
      /bytes must be an integer/,
    ],
    ['an empty error', { error: '' }, /error must be a string of 1 to 4096/],
    ['a hostile name', { name: '../../etc' }, /name must be 1-64 letters/],
  ])('rejects %s, naming the setting', (_, input, message) => {
    expect(() => parseProfile(input)).toThrow(ProfileError);
    expect(() => parseProfile(input)).toThrow(message);
  });

  it('draws uniform latencies from the generator, within bounds', () => {
    const values = [0, 0.5, 0.999999].map((r) =>
      drawLatency({ kind: 'uniform', minMs: 10, maxMs: 20 }, () => r),
    );
    expect(values).toEqual([10, 15, 20]);
    expect(drawLatency({ kind: 'fixed', ms: 7 }, () => 0.3)).toBe(7);
  });

  it('has a builtin profile for each fault of the fault model', () => {
    const names = [...builtinProfiles().keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'default',
        'slow',
        'failing',
        'duplicate',
        'duplicate-later',
        'invalid-json',
        'schema-violation',
        'snake-case',
        'wrong-task-type',
        'crash-before-result',
        'crash-before-delete',
        'long-processing',
        'long-processing-heartbeat',
        'progress-after-result',
        'progress-out-of-order',
        'missing-object',
        'corrupt-object',
        'oversize-message',
        'oversize-object',
      ]),
    );
  });
});
