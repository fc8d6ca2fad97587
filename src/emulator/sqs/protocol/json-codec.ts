// AWS JSON 1.0 for SQS: `POST /` with `X-Amz-Target: AmazonSQS.<Action>` and a JSON body in, JSON
// out; errors as `{"__type":"com.amazonaws.sqs#<Name>","message":...}` plus the query-compatible
// `x-amzn-query-error: <QueryCode>;<Sender|Receiver>` header current SDKs read.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import { SqsError } from '../domain/errors.ts';
import { setOwn } from '../domain/records.ts';
import { decodeJson } from './decode.ts';
import { type DecodedRequest, decodedRequest, isSqsAction } from './model.ts';
import { traceHeader, utf8Body } from './request-text.ts';
import { WIRE_ERRORS } from './wire-errors.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AmazonSQS.';

export function actionFromTarget(target: string): string {
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
}

export function decodeJsonRequest(req: EmulatorRequest): DecodedRequest {
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = actionFromTarget(target);
  if (!target.startsWith(TARGET_PREFIX) || !isSqsAction(action)) {
    throw new SqsError(
      'InvalidAction',
      `The action ${action.slice(0, 100)} is not valid for this web service.`,
    );
  }
  let document: unknown = {};
  if (req.body.length > 0) {
    const text = utf8Body(req.body, `request body of ${action}`);
    try {
      document = JSON.parse(text);
    } catch {
      throw new SqsError(
        'MalformedRequest',
        `The request body of ${action} is not valid JSON; send an object of the action's parameters.`,
      );
    }
  }
  return decodedRequest(action, (shape) => decodeJson(shape, document), traceHeader(req));
}

/** Buffers as base64 and undefined members left out: a value as the JSON protocol writes it. */
export function jsonReady(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(jsonReady);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, jsonReady(v));
    return out;
  }
  return value;
}

export function encodeJsonResult(
  output: Record<string, unknown>,
  requestId: string,
): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(jsonReady(output)),
  };
}

export function encodeJsonError(error: SqsError, requestId: string): EmulatorResponse {
  const wire = WIRE_ERRORS[error.code];
  return {
    status: wire.status,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${wire.query};${wire.fault}`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${wire.json}`, message: error.message }),
  };
}
