// The query protocol's JSON form, for a query request sent with `Accept: application/json`: the
// XML document's structure as JSON, `{"<Action>Response": {"<Action>Result": {...},
// "ResponseMetadata": {"RequestId": ...}}}`, and errors as `{"Error": {...}, "RequestId": ...}`.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import type { SqsError } from '../domain/errors.ts';
import { jsonReady } from './json-codec.ts';
import type { SqsAction } from './model.ts';
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
        [`${action}Result`]: jsonReady(output),
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
