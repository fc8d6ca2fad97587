// Behaviour profiles: how the fake AI should (mis)behave for a request. A profile is plain JSON so
// it can come from a config file, the environment, the control API or a test; `parseProfile`
// checks every field and names the bad one, and fills what is left out from the well-behaved
// default.

export type Latency =
  | { kind: 'fixed'; ms: number }
  /** Uniform between minMs and maxMs, drawn from the seeded generator. */
  | { kind: 'uniform'; minMs: number; maxMs: number };

export const MALFORMATIONS = [
  'none',
  /** The result body is not JSON at all. */
  'invalid-json',
  /** JSON, but off-contract (status outside the enum, required field missing). */
  'schema-violation',
  /** The payload says `user_id` instead of `userId`, as a Python producer might. */
  'snake-case',
  /** The result claims to be another message type. */
  'wrong-task-type',
] as const;
export type Malformation = (typeof MALFORMATIONS)[number];

export const CRASH_STAGES = ['none', 'before-result', 'after-result'] as const;
export type CrashStage = (typeof CRASH_STAGES)[number];

export const RESULT_OBJECT_FAULTS = ['none', 'missing', 'corrupt'] as const;
export type ResultObjectFault = (typeof RESULT_OBJECT_FAULTS)[number];

/**
 * How the fake speaks: `conformant` (the default: exactly the contract, no findings) or `real`,
 * exactly as the GraphNode AI server does today (see requests/real-dialect.ts).
 */
export const DIALECTS = ['conformant', 'real'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const OVERSIZE_TARGETS = ['none', 'message', 'object'] as const;
export type OversizeTarget = (typeof OVERSIZE_TARGETS)[number];

export interface BehaviourProfile {
  name: string;
  /** Time spent working before the result is sent, spread over the progress stages. */
  latency: Latency;
  /** FAILED results carry `error`. */
  outcome: 'COMPLETED' | 'FAILED';
  error: string;
  /** Extra copies of the result message: sent at once (delayMs 0) or each delayMs later. */
  duplicates: { copies: number; delayMs: number };
  malformed: Malformation;
  /**
   * Stop handling the request without deleting it, on its first `receives` receives, so it comes
   * back after its visibility timeout: before or after the result was sent.
   */
  crash: { stage: CrashStage; receives: number };
  /** While working, extend the request's visibility every `everyMs` by `extendSeconds`. */
  heartbeat: { everyMs: number; extendSeconds: number } | null;
  /**
   * Progress messages while working; `afterResult` sends one more after the result; `outOfOrder`
   * reports the stages' percentages backwards (80, 50, 10), as reordered deliveries would look.
   */
  progress: { enabled: boolean; afterResult: boolean; outOfOrder: boolean };
  /** Don't write the result objects to S3, or write bytes that are not the promised JSON. */
  resultObject: ResultObjectFault;
  /** Make the result message or the graph object larger than `bytes`. */
  oversize: { target: OversizeTarget; bytes: number };
  dialect: Dialect;
}

export const DEFAULT_PROFILE: BehaviourProfile = {
  name: 'default',
  latency: { kind: 'fixed', ms: 0 },
  outcome: 'COMPLETED',
  error: 'graph generation failed (injected by the fake AI server)',
  duplicates: { copies: 0, delayMs: 0 },
  malformed: 'none',
  crash: { stage: 'none', receives: 0 },
  heartbeat: null,
  progress: { enabled: true, afterResult: false, outOfOrder: false },
  resultObject: 'none',
  oversize: { target: 'none', bytes: 0 },
  dialect: 'conformant',
};

export class ProfileError extends Error {
  override name = 'ProfileError';
}

const MAX_MS = 86_400_000;
const MAX_OVERSIZE_BYTES = 64 * 1024 * 1024;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function only(value: Obj, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ProfileError(
        `${where}.${key} is not a profile setting (allowed: ${allowed.join(', ')})`,
      );
    }
  }
}

function int(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProfileError(
      `${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ProfileError(
      `${where} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function obj(value: unknown, where: string, allowed: readonly string[]): Obj {
  if (!isObject(value)) throw new ProfileError(`${where} must be an object`);
  only(value, allowed, where);
  return value;
}

function parseLatency(value: unknown, where: string): Latency {
  // A bare number is a fixed latency in milliseconds.
  if (typeof value === 'number') return { kind: 'fixed', ms: int(value, where, 0, MAX_MS) };
  const v = obj(value, where, ['fixedMs', 'minMs', 'maxMs']);
  if (v.fixedMs !== undefined) {
    if (v.minMs !== undefined || v.maxMs !== undefined) {
      throw new ProfileError(`${where} takes either fixedMs or minMs/maxMs, not both`);
    }
    return { kind: 'fixed', ms: int(v.fixedMs, `${where}.fixedMs`, 0, MAX_MS) };
  }
  const minMs = int(v.minMs, `${where}.minMs`, 0, MAX_MS);
  const maxMs = int(v.maxMs, `${where}.maxMs`, 0, MAX_MS);
  if (maxMs < minMs) throw new ProfileError(`${where}.maxMs must be >= minMs`);
  return { kind: 'uniform', minMs, maxMs };
}

/** Reads a (partial) profile over `base`; throws ProfileError naming the first bad setting. */
export function parseProfile(
  input: unknown,
  where = 'profile',
  base: BehaviourProfile = DEFAULT_PROFILE,
): BehaviourProfile {
  const v = obj(input, where, [
    'name',
    'latency',
    'outcome',
    'error',
    'duplicates',
    'malformed',
    'crash',
    'heartbeat',
    'progress',
    'resultObject',
    'oversize',
    'dialect',
  ]);
  const p: BehaviourProfile = structuredClone(base);
  if (v.name !== undefined) {
    if (typeof v.name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(v.name)) {
      throw new ProfileError(`${where}.name must be 1-64 letters, digits, '.', '_' or '-'`);
    }
    p.name = v.name;
  }
  if (v.latency !== undefined) p.latency = parseLatency(v.latency, `${where}.latency`);
  if (v.outcome !== undefined)
    p.outcome = oneOf(v.outcome, ['COMPLETED', 'FAILED'], `${where}.outcome`);
  if (v.error !== undefined) {
    if (typeof v.error !== 'string' || v.error.length < 1 || v.error.length > 4096) {
      throw new ProfileError(`${where}.error must be a string of 1 to 4096 characters`);
    }
    p.error = v.error;
  }
  if (v.duplicates !== undefined) {
    const d = obj(v.duplicates, `${where}.duplicates`, ['copies', 'delayMs']);
    p.duplicates = {
      copies: int(d.copies ?? 1, `${where}.duplicates.copies`, 0, 100),
      delayMs: int(d.delayMs ?? 0, `${where}.duplicates.delayMs`, 0, MAX_MS),
    };
  }
  if (v.malformed !== undefined)
    p.malformed = oneOf(v.malformed, MALFORMATIONS, `${where}.malformed`);
  if (v.crash !== undefined) {
    const c = obj(v.crash, `${where}.crash`, ['stage', 'receives']);
    p.crash = {
      stage: oneOf(c.stage, CRASH_STAGES, `${where}.crash.stage`),
      receives: int(c.receives ?? 1, `${where}.crash.receives`, 0, 1000),
    };
  }
  if (v.heartbeat !== undefined) {
    if (v.heartbeat === null) p.heartbeat = null;
    else {
      const h = obj(v.heartbeat, `${where}.heartbeat`, ['everyMs', 'extendSeconds']);
      p.heartbeat = {
        everyMs: int(h.everyMs, `${where}.heartbeat.everyMs`, 1, MAX_MS),
        extendSeconds: int(h.extendSeconds, `${where}.heartbeat.extendSeconds`, 0, 43_200),
      };
    }
  }
  if (v.progress !== undefined) {
    const g = obj(v.progress, `${where}.progress`, ['enabled', 'afterResult', 'outOfOrder']);
    for (const key of ['enabled', 'afterResult', 'outOfOrder'] as const) {
      if (g[key] !== undefined && typeof g[key] !== 'boolean') {
        throw new ProfileError(`${where}.progress.${key} must be true or false`);
      }
    }
    p.progress = {
      enabled: (g.enabled as boolean | undefined) ?? p.progress.enabled,
      afterResult: (g.afterResult as boolean | undefined) ?? p.progress.afterResult,
      outOfOrder: (g.outOfOrder as boolean | undefined) ?? p.progress.outOfOrder,
    };
  }
  if (v.resultObject !== undefined) {
    p.resultObject = oneOf(v.resultObject, RESULT_OBJECT_FAULTS, `${where}.resultObject`);
  }
  if (v.oversize !== undefined) {
    const o = obj(v.oversize, `${where}.oversize`, ['target', 'bytes']);
    p.oversize = {
      target: oneOf(o.target, OVERSIZE_TARGETS, `${where}.oversize.target`),
      bytes: int(o.bytes ?? 1_100_000, `${where}.oversize.bytes`, 0, MAX_OVERSIZE_BYTES),
    };
  }
  if (v.dialect !== undefined) p.dialect = oneOf(v.dialect, DIALECTS, `${where}.dialect`);
  return p;
}

/** The latency for one request, drawn from `random` for a uniform spec. */
export function drawLatency(latency: Latency, random: () => number): number {
  if (latency.kind === 'fixed') return latency.ms;
  return latency.minMs + Math.floor(random() * (latency.maxMs - latency.minMs + 1));
}
