// What every SQS action handler gets besides its input: the domain, the move tasks, the address
// the client reached us on (to build queue URLs) and the client's abort signal; and the type of a
// handler, derived from the protocol model so inputs and outputs need no casts.
import type { SqsEngine } from '../domain/engine.ts';
import type { MoveTasks } from '../domain/move-tasks.ts';
import type { InputMap, OutputMap, SqsAction } from '../protocol/model.ts';

export interface ActionContext {
  engine: SqsEngine;
  moveTasks: MoveTasks;
  /** Scheme and authority the client reached us on, e.g. `http://127.0.0.1:4566`. */
  baseUrl: string;
  /** Aborted when the client goes away (ends parked long polls early). */
  signal?: AbortSignal;
}

export type Handler<A extends SqsAction> = (
  ctx: ActionContext,
  input: InputMap[A],
) => OutputMap[A] | Promise<OutputMap[A]>;

export type Handlers<A extends SqsAction> = { [K in A]: Handler<K> };
