// Named profiles that cover the fault model, ready to pick by name (environment, control API,
// `fakeAiProfile` message attribute) without writing JSON.
import { type BehaviourProfile, DEFAULT_PROFILE, parseProfile } from './profile.ts';

const presets: Record<string, unknown> = {
  slow: { latency: { minMs: 2_000, maxMs: 10_000 } },
  failing: { outcome: 'FAILED' },
  duplicate: { duplicates: { copies: 2, delayMs: 0 } },
  'duplicate-later': { duplicates: { copies: 1, delayMs: 60_000 } },
  'invalid-json': { malformed: 'invalid-json' },
  'schema-violation': { malformed: 'schema-violation' },
  'snake-case': { malformed: 'snake-case' },
  'wrong-task-type': { malformed: 'wrong-task-type' },
  'crash-before-result': { crash: { stage: 'before-result', receives: 1 } },
  'crash-before-delete': { crash: { stage: 'after-result', receives: 1 } },
  'long-processing': { latency: { fixedMs: 600_000 } },
  'long-processing-heartbeat': {
    latency: { fixedMs: 600_000 },
    heartbeat: { everyMs: 60_000, extendSeconds: 300 },
  },
  'progress-after-result': { progress: { enabled: true, afterResult: true } },
  'progress-out-of-order': { progress: { enabled: true, outOfOrder: true } },
  'missing-object': { resultObject: 'missing' },
  'corrupt-object': { resultObject: 'corrupt' },
  'oversize-message': { oversize: { target: 'message', bytes: 1_100_000 } },
  'oversize-object': { oversize: { target: 'object', bytes: 8 * 1024 * 1024 } },
};

export function builtinProfiles(): Map<string, BehaviourProfile> {
  const profiles = new Map<string, BehaviourProfile>([
    ['default', structuredClone(DEFAULT_PROFILE)],
  ]);
  for (const [name, spec] of Object.entries(presets)) {
    profiles.set(name, parseProfile({ ...(spec as object), name }, `builtin profile ${name}`));
  }
  return profiles;
}
