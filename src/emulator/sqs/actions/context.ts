// What every SQS action handler gets besides its input: the regions' domains, the region the
// request is signed for, the address the client reached us on (to build queue URLs) and the
// client's abort signal; the lookups from a queue URL or ARN to the region that holds it; and the
// type of a handler, derived from the protocol model so inputs and outputs need no casts.
import type { SqsEngine } from '../domain/engine.ts';
import type { Region, SqsRegions } from '../domain/regions.ts';
import type { InputMap, OutputMap, SqsAction } from '../protocol/model.ts';
import { parseQueueUrl, queueUrl } from './queue-url.ts';

export interface ActionContext {
  regions: SqsRegions;
  /** The region of the request's credential scope (the emulator's own when unsigned). */
  region: string;
  /** Scheme and authority the client reached us on, e.g. `http://127.0.0.1:4566`. */
  baseUrl: string;
  /** Aborted when the client goes away (ends parked long polls early). */
  signal?: AbortSignal;
}

/** A queue as an action addresses it: the engine of its region and its name there. */
export interface QueueRef {
  engine: SqsEngine;
  name: string;
}

/** The region the request is for (CreateQueue, GetQueueUrl, ListQueues). */
export function requestRegion(ctx: ActionContext): Region {
  return ctx.regions.region(ctx.region);
}

/**
 * The queue a QueueUrl names: in the region the URL names, the emulator's own region for the
 * plain form, and the request's region for a bare name.
 */
export function queueAt(ctx: ActionContext, url: string): QueueRef {
  const address = parseQueueUrl(url);
  const region = address.region ?? (address.bare ? ctx.region : ctx.regions.defaultRegion);
  return { engine: ctx.regions.region(region).engine, name: address.name };
}

/** The region an SQS ARN names (`arn:aws:sqs:{region}:...`); the request's if it names none. */
export function regionOfArn(ctx: ActionContext, arn: string): Region {
  const region = arn.split(':')[3];
  return ctx.regions.region(region ? region : ctx.region);
}

/** The URL of queue `name` in the engine's region, as this client should use it. */
export function urlOf(ctx: ActionContext, engine: SqsEngine, name: string): string {
  const region = engine.region === ctx.regions.defaultRegion ? undefined : engine.region;
  return queueUrl(ctx.baseUrl, name, region);
}

export type Handler<A extends SqsAction> = (
  ctx: ActionContext,
  input: InputMap[A],
) => OutputMap[A] | Promise<OutputMap[A]>;

export type Handlers<A extends SqsAction> = { [K in A]: Handler<K> };
