// Fault rules: seeded, counted deviations from AWS behaviour that scenario suites switch on through
// the control plane. A rule matches by action, queue, message attribute and/or body substring,
// fires with a probability drawn from a seeded PRNG, at most `maxHits` times, and counts its hits.
// Request-level effects (error, latency) run in the action gate before an action; message-level
// effects (duplicate, lostDelete, visibility) run inside the domain through its hooks.

import type { Random } from '../../kernel/random.ts';
import type { TimerClock } from '../../kernel/virtual-clock.ts';
import type { EngineHooks } from '../sqs/domain/engine.ts';
import { SqsError, type SqsErrorName } from '../sqs/domain/errors.ts';
import type { StoredMessage } from '../sqs/domain/queue.ts';
import type { MessageAttributeMap } from '../sqs/domain/types.ts';
import type { ActionGate, SqsCall } from '../sqs/index.ts';

export const FAULT_ERRORS = [
  'InternalError',
  'ServiceUnavailable',
  'ThrottlingException',
  'RequestThrottled',
  'OverLimit',
] as const satisfies readonly SqsErrorName[];

export type FaultError = (typeof FAULT_ERRORS)[number];

export type FaultEffect =
  | { type: 'error'; error: FaultError; message?: string }
  | { type: 'latency'; ms: number }
  | { type: 'duplicate'; copies?: number }
  | { type: 'lostDelete' }
  | { type: 'visibility'; offsetMs: number };

export interface FaultRuleSpec {
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
      let delayMs = 0;
      let failure: SqsError | undefined;
      for (const rule of this.#rules) {
        const effect = rule.effect;
        if (effect.type !== 'error' && effect.type !== 'latency') continue;
        if (!matchesCall(rule, call) || !this.#fires(rule)) continue;
        if (effect.type === 'error') {
          // The first error wins; later rules are not drawn or counted.
          failure = new SqsError(
            effect.error,
            effect.message ?? DEFAULT_ERROR_MESSAGES[effect.error],
          );
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
    },
  };

  readonly hooks: EngineHooks = {
    extraCopiesOnSend: (queue, message) => {
      let copies = 0;
      for (const rule of this.#rules) {
        if (rule.effect.type !== 'duplicate' || !matchesMessage(rule, queue, message)) continue;
        if (this.#fires(rule)) copies += rule.effect.copies ?? 1;
      }
      return copies;
    },
    keepOnDelete: (queue, message) =>
      this.#rules.some(
        (rule) =>
          rule.effect.type === 'lostDelete' &&
          matchesMessage(rule, queue, message) &&
          this.#fires(rule),
      ),
    visibilityOffsetMs: (queue, message) => {
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

function matchesMessage(rule: FaultRule, queue: string, message: StoredMessage): boolean {
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
  if (spec.action !== undefined) {
    const ok =
      typeof spec.action === 'string' ||
      (Array.isArray(spec.action) && spec.action.every((a) => typeof a === 'string'));
    if (!ok) throw new FaultSpecError('"action" must be an action name or a list of them');
    out.action = spec.action as string | string[];
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
  return out;
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
      if (!(FAULT_ERRORS as readonly unknown[]).includes(e.error)) {
        throw new FaultSpecError(`"effect.error" must be one of ${FAULT_ERRORS.join(', ')}`);
      }
      if (e.message !== undefined && typeof e.message !== 'string') {
        throw new FaultSpecError('"effect.message" must be a string');
      }
      return {
        type: 'error',
        error: e.error as FaultError,
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
