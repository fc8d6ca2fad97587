// Choosing a profile per request: by attribute, by rule, then the default; bad settings refused.
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../../fake-ai/profiles/profile.ts';
import { ProfileRegistry } from '../../../fake-ai/profiles/registry.ts';

describe('ProfileRegistry', () => {
  it('selects by attribute, then by rule, then the default', () => {
    const store = new ProfileRegistry();
    store.configure({
      profiles: { flaky: { outcome: 'FAILED' } },
      default: 'slow',
      rules: [
        { userId: 'u-fail', profile: 'flaky' },
        { taskType: 'ADD_NODE_REQUEST', profile: 'duplicate' },
      ],
    });
    expect(store.select({ userId: 'u-fail', attribute: 'corrupt-object' })).toMatchObject({
      profile: { name: 'corrupt-object' },
      reason: 'attribute fakeAiProfile',
    });
    expect(store.select({ userId: 'u-fail' })).toMatchObject({
      profile: { name: 'flaky', outcome: 'FAILED' },
      reason: 'rule #0',
    });
    expect(store.select({ userId: 'u2', taskType: 'ADD_NODE_REQUEST' })).toMatchObject({
      profile: { name: 'duplicate' },
      reason: 'rule #1',
    });
    expect(store.select({ userId: 'u2', taskType: 'GRAPH_SUMMARY_REQUEST' })).toMatchObject({
      profile: { name: 'slow' },
      reason: 'default',
    });
    // An attribute naming no profile falls through to rules and default.
    expect(store.select({ userId: 'u2', attribute: 'nonsense' }).reason).toBe('default');
  });

  it('takes an inline profile as the default', () => {
    const store = new ProfileRegistry();
    store.setDefault({ latency: 5 });
    expect(store.select({}).profile).toMatchObject({
      name: 'custom',
      latency: { kind: 'fixed', ms: 5 },
    });
  });

  it.each([
    [{ default: 'nope' }, /default profile "nope" is not a known profile/],
    [
      { rules: [{ userId: 'u', profile: 'nope' }] },
      /rules\[0\]\.profile "nope" is not a known profile/,
    ],
    [{ rules: [{ user_id: 'u', profile: 'slow' }] }, /rules\[0\]\.user_id is not a rule field/],
    [{ rules: {} }, /rules must be an array/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ profiles: { x: { outcome: 'nope' } } }, /profiles\.x\.outcome must be one of/],
    [{ colour: 'red' }, /config\.colour is not a setting/],
    [[], /config must be a JSON object/],
  ])('rejects bad config %j without changing anything', (config, message) => {
    const store = new ProfileRegistry();
    store.configure({ default: 'failing', seed: 3 });
    const before = store.settings();
    expect(() => store.configure(config)).toThrow(ProfileError);
    expect(() => store.configure(config)).toThrow(message);
    expect(store.settings()).toEqual(before);
  });
});
