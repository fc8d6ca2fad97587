// The SQS endpoint as the HTTP layer sees it: decode with the request's protocol codec, pass the
// fault gate, run the action, encode the result or the domain error. Anything that is not an
// SqsError is a bug in the emulator and answers 500 InternalError (never a client's fault).

import type { RandomIds } from '../../kernel/ids.ts';
import type { EmulatorRequest, EmulatorResponse } from '../http/types.ts';
import { ACTIONS, queueOfRequest } from './actions.ts';
import type { SqsEngine } from './engine.ts';
import { SqsError } from './errors.ts';
import type { MoveTasks } from './move-tasks.ts';
import {
  type DecodedRequest,
  decodeJsonRequest,
  encodeJsonError,
  encodeJsonResult,
} from './protocol/json-codec.ts';
import type { SqsAction } from './protocol/model.ts';
import { decodeQueryRequest, encodeQueryError, encodeQueryResult } from './protocol/query-codec.ts';

export type SqsProtocol = 'json' | 'query';

export interface SqsCall {
  action: SqsAction;
  queue: string | undefined;
  input: Record<string, unknown>;
}

/** Runs before each decoded call; may delay it or throw an SqsError (fault injection). */
export interface ActionGate {
  before(call: SqsCall): Promise<void> | undefined;
}

export interface SqsServiceOptions {
  engine: SqsEngine;
  moveTasks: MoveTasks;
  ids: RandomIds;
  gate?: ActionGate;
  onInternalError?: (error: unknown) => void;
}

export class SqsService {
  readonly #options: SqsServiceOptions;

  constructor(options: SqsServiceOptions) {
    this.#options = options;
  }

  async handle(
    req: EmulatorRequest,
    protocol: SqsProtocol,
    signal?: AbortSignal,
  ): Promise<EmulatorResponse> {
    const requestId = this.#options.ids.uuid();
    let decoded: DecodedRequest | undefined;
    try {
      decoded = protocol === 'json' ? decodeJsonRequest(req) : decodeQueryRequest(req);
      const { action, input } = decoded;
      const gated = this.#options.gate?.before({ action, queue: queueOfRequest(input), input });
      if (gated) await gated;
      const ctx = {
        engine: this.#options.engine,
        moveTasks: this.#options.moveTasks,
        baseUrl: `http://${req.host}`,
        ...(signal ? { signal } : {}),
      };
      const output = await ACTIONS[action](ctx, input);
      return protocol === 'json'
        ? encodeJsonResult(output, requestId)
        : encodeQueryResult(action, output, requestId);
    } catch (caught) {
      let error: SqsError;
      if (caught instanceof SqsError) {
        error = caught;
      } else {
        this.#options.onInternalError?.(caught);
        error = new SqsError(
          'InternalError',
          'We encountered an internal error. Please try again.',
        );
      }
      return protocol === 'json'
        ? encodeJsonError(error, requestId)
        : encodeQueryError(error, requestId);
    }
  }

  /** A transport-level refusal (e.g. body too large) in the protocol the client speaks. */
  refuse(protocol: SqsProtocol, error: SqsError): EmulatorResponse {
    const requestId = this.#options.ids.uuid();
    return protocol === 'json'
      ? encodeJsonError(error, requestId)
      : encodeQueryError(error, requestId);
  }
}
