// Fault rules: seeded, counted deviations from AWS behaviour that scenario suites switch on through
// the control plane. An SQS rule matches by action, queue, message attribute and/or body
// substring; an S3 rule by operation, bucket and key prefix. A rule fires with a probability drawn
// from a seeded PRNG, at most `maxHits` times, and counts its hits. Request-level effects (error,
// latency) run in the SQS action gate or the S3 gate before a call; message-level effects
// (duplicate, lostDelete, visibility) run inside the SQS domain through its hooks, which also feed
// the message journal.

import type { Random } from '../../kernel/random.ts';
import type { TimerClock } from '../../kernel/virtual-clock.ts';
import { type S3Call, type S3Gate, S3ProtocolError } from '../s3/index.ts';
import type { EngineHooks } from '../sqs/domain/engine.ts';
import { SqsError, type SqsErrorName } from '../sqs/domain/errors.ts';
import type { StoredMessage } from '../sqs/domain/queue.ts';
import type { MessageAttributeMap } from '../sqs/domain/types.ts';
import type { ActionGate, SqsCall } from '../sqs/index.ts';
import { MessageJournal } from './journal.ts';

export const FAULT_ERRORS = [
  'InternalError',
  'ServiceUnavailable',
  'ThrottlingException',
  'RequestThrottled',
  'OverLimit',
] as const satisfies readonly SqsErrorName[];

export type FaultError = (typeof FAULT_ERRORS)[number];

/** Errors an S3 rule may answer: S3's own 500 and 503s (`SlowDown` is its throttling). */
export const S3_FAULT_ERRORS = ['InternalError', 'ServiceUnavailable', 'SlowDown'] as const;

export type S3FaultError = (typeof S3_FAULT_ERRORS)[number];

export type FaultService = 'sqs' | 's3';

export type FaultEffect =
  | { type: 'error'; error: FaultError | S3FaultError; message?: string }
  | { type: 'latency'; ms: number }
  | { type: 'duplicate'; copies?: number }
  | { type: 'lostDelete' }
  | { type: 'visibility'; offsetMs: number };

export interface FaultRuleSpec {
  /**
   * Which service's calls the rule matches: `s3` when it names an S3 matcher (`operation`,
   * `bucket`, `keyPrefix`), otherwise `sqs`. Given explicitly, `"s3"` alone matches every S3 call.
   */
  service?: FaultService;
  /** S3 operation name(s), e.g. `GetObject`, `PutObject`, `ListObjectsV2`. */
  operation?: string | string[];
  bucket?: string;
  /** Matches S3 calls on keys starting with this (a bucket-level call has no key: no match). */
  keyPrefix?: string;
  /** SQS action name(s) for error/latency rules; message-level effects ignore it. */
  action?: string | string[];
  queue?: string;
  messageAttribute?: { name: string; value?: string };
  bodyContains?: string;
  /** 0..1, default 1. */
  probability?: number;
  maxHits?: number;
  effect: FaultEffect;
}

export interface FaultRule extends FaultRuleSpec {
  id: string;
  hits: number;
}

const DEFAULT_ERROR_MESSAGES: Record<FaultError, string> = {
  InternalError: 'We encountered an internal error. Please try again.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  ThrottlingException: 'Rate exceeded',
  RequestThrottled: 'Request is throttled.',
  OverLimit: 'The maximum number of in flight messages has been reached.',
};

export class FaultRules {
  readonly #clock: TimerClock;
  readonly #random: Random;
  #rules: FaultRule[] = [];
  #nextId = 1;
  /** Sends, receives and deletes on every queue, in order (read by `GET /_harness/journal`). */
  readonly journal = new MessageJournal();

  constructor(clock: TimerClock, random: Random) {
    this.#clock = clock;
    this.#random = random;
  }

  add(spec: unknown): FaultRule {
    const rule: FaultRule = { ...parseSpec(spec), id: `rule-${this.#nextId++}`, hits: 0 };
    this.#rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length !== before;
  }

  clear(): void {
    this.#rules = [];
  }

  /** Draws the probability and counts the hit; false when the rule is spent or the draw misses. */
  #fires(rule: FaultRule): boolean {
    if (rule.maxHits !== undefined && rule.hits >= rule.maxHits) return false;
    if (
      rule.probability !== undefined &&
      rule.probability < 1 &&
      this.#random() >= rule.probability
    ) {
      return false;
    }
    rule.hits++;
    return true;
  }

  readonly gate: ActionGate = {
    before: (call) => {
      return this.#requestLevel(
        'sqs',
        (rule) => matchesCall(rule, call),
        (effect) => {
          const error = effect.error as FaultError;
          return new SqsError(error, effect.message ?? DEFAULT_ERROR_MESSAGES[error]);
        },
      );
    },
  };

  readonly s3Gate: S3Gate = {
    before: (call) =>
      this.#requestLevel(
        's3',
        (rule) => matchesS3Call(rule, call),
        (effect) =>
          new S3ProtocolError(effect.error as S3FaultError, effect.message, {
            ...(call.bucket !== undefined ? { BucketName: call.bucket } : {}),
            ...(call.key !== undefined ? { Key: call.key } : {}),
          }),
      ),
  };

  /** Error and latency rules of one service, tried in the order they were added. */
  #requestLevel(
    service: FaultService,
    matches: (rule: FaultRule) => boolean,
    toError: (effect: Extract<FaultEffect, { type: 'error' }>) => Error,
  ): undefined | Promise<void> {
    let delayMs = 0;
    let failure: Error | undefined;
    for (const rule of this.#rules) {
      const effect = rule.effect;
      if (effect.type !== 'error' && effect.type !== 'latency') continue;
      if (serviceOf(rule) !== service || !matches(rule) || !this.#fires(rule)) continue;
      if (effect.type === 'error') {
        // The first error wins; later rules are not drawn or counted.
        failure = toError(effect);
        break;
      }
      delayMs += effect.ms;
    }
    if (delayMs === 0) {
      if (failure) throw failure;
      return undefined;
    }
    // Latency is virtual time: tests release it by advancing the clock, never by sleeping. A
    // latency rule that counted a hit is served even when an error follows: slow, then failing.
    return new Promise<void>((resolve, reject) => {
      this.#clock.schedule(this.#clock.now() + delayMs, () =>
        failure ? reject(failure) : resolve(),
      );
    });
  }

  readonly hooks: EngineHooks = {
    extraCopiesOnSend: (queue, message) => {
      this.journal.record(this.#clock.now(), 'sent', queue, message);
      let copies = 0;
      for (const rule of this.#rules) {
        if (rule.effect.type !== 'duplicate' || !matchesMessage(rule, queue, message)) continue;
        if (this.#fires(rule)) copies += rule.effect.copies ?? 1;
      }
      return copies;
    },
    keepOnDelete: (queue, message) => {
      const kept = this.#rules.some(
        (rule) =>
          rule.effect.type === 'lostDelete' &&
          matchesMessage(rule, queue, message) &&
          this.#fires(rule),
      );
      if (!kept) this.journal.record(this.#clock.now(), 'deleted', queue, message);
      return kept;
    },
    visibilityOffsetMs: (queue, message) => {
      this.journal.record(this.#clock.now(), 'received', queue, message);
      let offset = 0;
      for (const rule of this.#rules) {
        if (rule.effect.type !== 'visibility' || !matchesMessage(rule, queue, message)) continue;
        if (this.#fires(rule)) offset += rule.effect.offsetMs;
      }
      return offset;
    },
  };
}

function matchesCall(rule: FaultRule, call: SqsCall): boolean {
  if (rule.action !== undefined) {
    const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
    if (!actions.includes(call.action)) return false;
  }
  if (rule.queue !== undefined && rule.queue !== call.queue) return false;
  if (rule.bodyContains === undefined && rule.messageAttribute === undefined) return true;
  // Content criteria look at what the request sends (SendMessage, or any batch entry).
  const entries = Array.isArray(call.input.Entries)
    ? (call.input.Entries as Record<string, unknown>[])
    : [call.input];
  return entries.some((e) =>
    matchesContent(
      rule,
      typeof e.MessageBody === 'string' ? e.MessageBody : undefined,
      (e.MessageAttributes as MessageAttributeMap | undefined) ?? {},
    ),
  );
}

function serviceOf(rule: FaultRuleSpec): FaultService {
  if (rule.service !== undefined) return rule.service;
  return rule.operation !== undefined || rule.bucket !== undefined || rule.keyPrefix !== undefined
    ? 's3'
    : 'sqs';
}

function matchesS3Call(rule: FaultRule, call: S3Call): boolean {
  if (rule.operation !== undefined) {
    const operations = Array.isArray(rule.operation) ? rule.operation : [rule.operation];
    if (!operations.includes(call.operation)) return false;
  }
  if (rule.bucket !== undefined && rule.bucket !== call.bucket) return false;
  if (rule.keyPrefix !== undefined && !(call.key ?? '').startsWith(rule.keyPrefix)) return false;
  if (rule.keyPrefix !== undefined && call.key === undefined) return false;
  return true;
}

function matchesMessage(rule: FaultRule, queue: string, message: StoredMessage): boolean {
  // Message-level effects are SQS-only (parseSpec refuses them on S3 rules).
  if (rule.queue !== undefined && rule.queue !== queue) return false;
  return matchesContent(rule, message.body, message.attributes);
}

function matchesContent(
  rule: FaultRule,
  body: string | undefined,
  attributes: MessageAttributeMap,
): boolean {
  if (rule.bodyContains !== undefined && !(body ?? '').includes(rule.bodyContains)) return false;
  const wanted = rule.messageAttribute;
  if (wanted !== undefined) {
    const value = attributes[wanted.name];
    if (value === undefined) return false;
    if (wanted.value !== undefined && value.StringValue !== wanted.value) return false;
  }
  return true;
}

export class FaultSpecError extends Error {}

function parseSpec(raw: unknown): FaultRuleSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FaultSpecError('a fault rule is a JSON object with at least an "effect"');
  }
  const spec = raw as Record<string, unknown>;
  const out: FaultRuleSpec = { effect: parseEffect(spec.effect) };
  if (spec.service !== undefined) {
    if (spec.service !== 'sqs' && spec.service !== 's3') {
      throw new FaultSpecError('"service" must be "sqs" or "s3"');
    }
    out.service = spec.service;
  }
  if (spec.action !== undefined) out.action = nameList(spec.action, 'action');
  if (spec.operation !== undefined) out.operation = nameList(spec.operation, 'operation');
  for (const field of ['bucket', 'keyPrefix'] as const) {
    if (spec[field] === undefined) continue;
    if (typeof spec[field] !== 'string') throw new FaultSpecError(`"${field}" must be a string`);
    out[field] = spec[field];
  }
  if (spec.queue !== undefined) {
    if (typeof spec.queue !== 'string') throw new FaultSpecError('"queue" must be a queue name');
    out.queue = spec.queue;
  }
  if (spec.bodyContains !== undefined) {
    if (typeof spec.bodyContains !== 'string') {
      throw new FaultSpecError('"bodyContains" must be a string');
    }
    out.bodyContains = spec.bodyContains;
  }
  if (spec.messageAttribute !== undefined) {
    const a = spec.messageAttribute as Record<string, unknown> | null;
    if (
      typeof a !== 'object' ||
      a === null ||
      typeof a.name !== 'string' ||
      (a.value !== undefined && typeof a.value !== 'string')
    ) {
      throw new FaultSpecError('"messageAttribute" must be {"name": string, "value"?: string}');
    }
    out.messageAttribute = { name: a.name, ...(a.value !== undefined ? { value: a.value } : {}) };
  }
  if (spec.probability !== undefined) {
    const p = spec.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new FaultSpecError('"probability" must be a number from 0 to 1');
    }
    out.probability = p;
  }
  if (spec.maxHits !== undefined) {
    const m = spec.maxHits;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) {
      throw new FaultSpecError('"maxHits" must be a positive integer');
    }
    out.maxHits = m;
  }
  return checkService(out);
}

function nameList(value: unknown, field: string): string | string[] {
  const ok =
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((a) => typeof a === 'string'));
  if (!ok) throw new FaultSpecError(`"${field}" must be an ${field} name or a list of them`);
  return value as string | string[];
}

/** An S3 rule names no SQS matcher, answers an S3 error and has a request-level effect. */
function checkService(spec: FaultRuleSpec): FaultRuleSpec {
  const s3Matchers = (['operation', 'bucket', 'keyPrefix'] as const).filter(
    (f) => spec[f] !== undefined,
  );
  const sqsMatchers = (['action', 'queue', 'bodyContains', 'messageAttribute'] as const).filter(
    (f) => spec[f] !== undefined,
  );
  const service = serviceOf(spec);
  if (service === 'sqs') {
    if (s3Matchers.length > 0) {
      throw new FaultSpecError(
        `${s3Matchers.map((f) => `"${f}"`).join(', ')} match S3 calls, not SQS`,
      );
    }
    const { effect } = spec;
    if (effect.type === 'error' && !(FAULT_ERRORS as readonly string[]).includes(effect.error)) {
      throw new FaultSpecError(
        `an SQS rule's "effect.error" must be one of ${FAULT_ERRORS.join(', ')}`,
      );
    }
    return spec;
  }
  if (sqsMatchers.length > 0) {
    throw new FaultSpecError(
      `an S3 rule matches by "operation", "bucket" and "keyPrefix"; ${sqsMatchers.map((f) => `"${f}"`).join(', ')} match SQS calls`,
    );
  }
  const { effect } = spec;
  if (effect.type !== 'error' && effect.type !== 'latency') {
    throw new FaultSpecError(`an S3 rule's effect is "error" or "latency", not "${effect.type}"`);
  }
  if (effect.type === 'error' && !(S3_FAULT_ERRORS as readonly string[]).includes(effect.error)) {
    throw new FaultSpecError(
      `an S3 rule's "effect.error" must be one of ${S3_FAULT_ERRORS.join(', ')}`,
    );
  }
  return spec;
}

function parseEffect(raw: unknown): FaultEffect {
  if (typeof raw !== 'object' || raw === null) {
    throw new FaultSpecError(
      '"effect" must be an object with "type": error | latency | duplicate | lostDelete | visibility',
    );
  }
  const e = raw as Record<string, unknown>;
  switch (e.type) {
    case 'error':
      if (
        !(FAULT_ERRORS as readonly unknown[]).includes(e.error) &&
        !(S3_FAULT_ERRORS as readonly unknown[]).includes(e.error)
      ) {
        throw new FaultSpecError(
          `"effect.error" must be one of ${FAULT_ERRORS.join(', ')} (SQS) or ${S3_FAULT_ERRORS.join(', ')} (S3)`,
        );
      }
      if (e.message !== undefined && typeof e.message !== 'string') {
        throw new FaultSpecError('"effect.message" must be a string');
      }
      return {
        type: 'error',
        error: e.error as FaultError | S3FaultError,
        ...(typeof e.message === 'string' ? { message: e.message } : {}),
      };
    case 'latency':
      if (typeof e.ms !== 'number' || !Number.isFinite(e.ms) || e.ms < 0) {
        throw new FaultSpecError('"effect.ms" must be a number of virtual milliseconds >= 0');
      }
      return { type: 'latency', ms: e.ms };
    case 'duplicate':
      if (
        e.copies !== undefined &&
        (!Number.isInteger(e.copies) || (e.copies as number) < 1 || (e.copies as number) > 10)
      ) {
        throw new FaultSpecError('"effect.copies" must be an integer from 1 to 10');
      }
      return {
        type: 'duplicate',
        ...(e.copies !== undefined ? { copies: e.copies as number } : {}),
      };
    case 'lostDelete':
      return { type: 'lostDelete' };
    case 'visibility':
      if (typeof e.offsetMs !== 'number' || !Number.isFinite(e.offsetMs)) {
        throw new FaultSpecError('"effect.offsetMs" must be a number (negative = expires early)');
      }
      return { type: 'visibility', offsetMs: e.offsetMs };
    default:
      throw new FaultSpecError(
        '"effect.type" must be one of error, latency, duplicate, lostDelete, visibility',
      );
  }
}
