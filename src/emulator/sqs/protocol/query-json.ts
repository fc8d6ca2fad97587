// The query protocol's JSON form, for a query request sent with `Accept: application/json`: the
// XML document's structure as JSON, `{"<Action>Response": {"<Action>Result": {...},
// "ResponseMetadata": {"RequestId": ...}}}`, and errors as `{"Error": {...}, "RequestId": ...}`.
// Maps keep the XML's entry form, a list of `{"Name": ..., "Value": ...}` (as AWS answers).
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import type { SqsError } from '../domain/errors.ts';
import { jsonReady } from './json-codec.ts';
import { SQS_MODEL, type SqsAction } from './model.ts';
import type { Shape } from './shape.ts';
import { WIRE_ERRORS } from './wire-errors.ts';

const CONTENT_TYPE = 'application/json';

export function wantsJson(req: EmulatorRequest): boolean {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.includes('application/json');
}

export function encodeQueryJsonResult(
  action: SqsAction,
  output: Record<string, unknown>,
  requestId: string,
): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify({
      [`${action}Response`]: {
        [`${action}Result`]: xmlShaped(SQS_MODEL[action].output, output),
        ResponseMetadata: { RequestId: requestId },
      },
    }),
  };
}

export function encodeQueryJsonError(
  error: SqsError,
  message: string,
  requestId: string,
): EmulatorResponse {
  const wire = WIRE_ERRORS[error.code];
  return {
    status: wire.status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify({
      Error: { Type: wire.fault, Code: wire.query, Message: message },
      RequestId: requestId,
    }),
  };
}

/** A value in the shape the XML form gives it: a map becomes its list of key/value entries. */
function xmlShaped(shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const fields = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        if (fields[name] !== undefined) out[name] = xmlShaped(member, fields[name]);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => xmlShaped(shape.member, item));
    case 'map':
      return Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
        [shape.key]: k,
        [shape.valueName]: xmlShaped(shape.value, v),
      }));
    default:
      return jsonReady(value);
  }
}
