// The SQS service as the HTTP layer sees it: one endpoint per wire protocol (JSON 1.0, query),
// each decoding with its codec, passing the fault gate, running the action and encoding the
// result or the domain error. Anything that is not an SqsError is a bug in the emulator and
// answers 500 InternalError (never a client's fault).

import type { RandomIds } from '../../kernel/ids.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceEndpoint } from '../http/types.ts';
import { queueOfRequest, runAction } from './actions/table.ts';
import { SqsError } from './domain/errors.ts';
import type { SqsRegions } from './domain/regions.ts';
import { decodeJsonRequest, encodeJsonError, encodeJsonResult } from './protocol/json-codec.ts';
import type { DecodedRequest, SqsAction } from './protocol/model.ts';
import {
  decodeQueryRequest,
  encodeQueryError,
  encodeQueryResult,
  queryMessage,
} from './protocol/query-codec.ts';
import { encodeQueryJsonError, encodeQueryJsonResult, wantsJson } from './protocol/query-json.ts';

export type SqsProtocol = 'json' | 'query';

export interface SqsCall {
  action: SqsAction;
  queue: string | undefined;
  input: Readonly<Record<string, unknown>>;
}

/** Runs before each decoded call; may delay it or throw an SqsError (fault injection). */
export interface ActionGate {
  before(call: SqsCall): Promise<void> | undefined;
}

export interface SqsServiceOptions {
  regions: SqsRegions;
  ids: RandomIds;
  gate?: ActionGate;
  onInternalError?: (error: unknown) => void;
  /** Largest request body accepted (query encoding can triple a 1 MiB message); default 4 MiB. */
  maxBodyBytes?: number;
}

interface Codec {
  decode(req: EmulatorRequest): DecodedRequest;
  encodeResult(
    action: SqsAction,
    output: Record<string, unknown>,
    requestId: string,
    req: EmulatorRequest,
  ): EmulatorResponse;
  /** `req` is undefined when the request was refused before it was read. */
  encodeError(error: SqsError, requestId: string, req?: EmulatorRequest): EmulatorResponse;
}

const CODECS: Record<SqsProtocol, Codec> = {
  json: {
    decode: decodeJsonRequest,
    encodeResult: (_action, output, requestId) => encodeJsonResult(output, requestId),
    encodeError: encodeJsonError,
  },
  query: {
    decode: decodeQueryRequest,
    encodeResult: (action, output, requestId, req) =>
      wantsJson(req)
        ? encodeQueryJsonResult(action, output, requestId)
        : encodeQueryResult(action, output, requestId),
    encodeError: (error, requestId, req) =>
      req !== undefined && wantsJson(req) && error.code !== 'UnknownOperation'
        ? encodeQueryJsonError(error, queryMessage(error), requestId)
        : encodeQueryError(error, requestId),
  },
};

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export class SqsService {
  readonly #options: SqsServiceOptions;
  readonly json: ServiceEndpoint;
  readonly query: ServiceEndpoint;

  constructor(options: SqsServiceOptions) {
    this.#options = options;
    this.json = this.#endpoint('json');
    this.query = this.#endpoint('query');
  }

  #endpoint(protocol: SqsProtocol): ServiceEndpoint {
    const codec = CODECS[protocol];
    const maxBodyBytes = this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    return {
      maxBodyBytes,
      handle: (req, signal) => this.handle(req, protocol, signal),
      bodyTooLarge: (received) =>
        codec.encodeError(
          new SqsError(
            'RequestEntityTooLarge',
            `The request body is ${received} bytes; this endpoint accepts at most ${maxBodyBytes} bytes.`,
          ),
          this.#options.ids.uuid(),
        ),
      forbidden: (detail) =>
        codec.encodeError(new SqsError('AccessDenied', detail), this.#options.ids.uuid()),
    };
  }

  async handle(
    req: EmulatorRequest,
    protocol: SqsProtocol,
    signal?: AbortSignal,
  ): Promise<EmulatorResponse> {
    const codec = CODECS[protocol];
    const requestId = this.#options.ids.uuid();
    try {
      const decoded = codec.decode(req);
      const { action, input } = decoded;
      const gated = this.#options.gate?.before({ action, queue: queueOfRequest(input), input });
      if (gated) await gated;
      const { regions } = this.#options;
      const ctx = {
        regions,
        region: req.region ?? regions.defaultRegion,
        baseUrl: `http://${req.host}`,
        ...(signal ? { signal } : {}),
      };
      const output = await runAction(ctx, decoded);
      return codec.encodeResult(action, output, requestId, req);
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
      return codec.encodeError(error, requestId, req);
    }
  }
}
