// The SQS query protocol: `Action=...&Version=2012-11-05` as form body and/or query string, posted
// to `/` or to the queue URL; XML responses `<XResponse><XResult>` and `<ErrorResponse>` errors.
import type { EmulatorRequest, EmulatorResponse } from '../../http/types.ts';
import { SqsError } from '../domain/errors.ts';
import { decodeQuery } from './decode.ts';
import {
  type DecodedRequest,
  decodedRequest,
  isSqsAction,
  SQS_MODEL,
  type SqsAction,
} from './model.ts';
import { traceHeader, utf8Body } from './request-text.ts';
import type { Shape, StructureShape } from './shape.ts';
import { WIRE_ERRORS } from './wire-errors.ts';

const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';
// A queue's path: `/{account}/{name}`, or `/{region}/{account}/{name}` outside the default region.
const QUEUE_PATH = /^\/(?:[^/]+\/)?[^/]+\/[^/]+\/?$/;
const ACCOUNT_ACTIONS: ReadonlySet<string> = new Set(['CreateQueue', 'ListQueues']);
const CONTENT_TYPE = 'text/xml';

/** All parameters of a query request: query string first, then the form body. */
export function queryParams(req: EmulatorRequest): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of req.query) if (!params.has(k)) params.set(k, v);
  const type = String(req.headers['content-type'] ?? '');
  if (req.body.length > 0 && type.includes('application/x-www-form-urlencoded')) {
    const form = utf8Body(req.body, 'request body');
    // URLSearchParams would turn a percent-escaped invalid UTF-8 sequence into U+FFFD silently.
    if (form.includes('%')) checkEscapes(form);
    for (const [k, v] of new URLSearchParams(form)) {
      if (!params.has(k)) params.set(k, v);
    }
  }
  return params;
}

function checkEscapes(form: string): void {
  for (const pair of form.split('&')) {
    try {
      decodeURIComponent(pair);
    } catch {
      throw new SqsError(
        'MalformedRequest',
        `The parameter ${pair.slice(0, 100)} is not valid percent-encoded UTF-8.`,
      );
    }
  }
}

export function decodeQueryRequest(
  req: EmulatorRequest,
  params = queryParams(req),
): DecodedRequest {
  const action = params.get('Action');
  if (action === undefined) {
    throw new SqsError('UnknownOperation', 'The request names no Action.');
  }
  const onQueueUrl = QUEUE_PATH.test(req.path);
  // A queue's URL serves that queue's actions; AWS refuses the account-level ones there, and any
  // unknown action, as not valid for this endpoint.
  if (onQueueUrl && (!isSqsAction(action) || ACCOUNT_ACTIONS.has(action))) {
    throw new SqsError(
      'InvalidAction',
      `The action ${action.slice(0, 100)} is not valid for this endpoint.`,
    );
  }
  if (!isSqsAction(action)) {
    throw new SqsError(
      'InvalidAction',
      `The action ${action.slice(0, 100)} does not exist for this wsdl version.`,
    );
  }
  const shape = SQS_MODEL[action].input;
  // Older clients post to the queue URL and leave QueueUrl out of the parameters.
  if ('QueueUrl' in shape.members && !params.has('QueueUrl') && onQueueUrl) {
    params.set('QueueUrl', `http://${req.host}${req.path}`);
  }
  return decodedRequest(action, (model) => decodeQuery(model, params), traceHeader(req));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => XML_ENTITIES[c]!);
}

// Error messages may quote client input (a garbage receipt handle); keep the XML well-formed.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(text: string): string {
  return escapeXml(text.replace(NOT_XML_CHAR, '\uFFFD'));
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};

function scalarXml(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return escapeXml(String(value));
}

function structureXml(shape: StructureShape, value: Record<string, unknown>): string {
  let out = '';
  for (const [name, member] of Object.entries(shape.members)) {
    const v = value[name];
    if (v !== undefined) out += memberXml(name, member, v);
  }
  return out;
}

function innerXml(shape: Shape, value: unknown): string {
  if (shape.type === 'structure') return structureXml(shape, value as Record<string, unknown>);
  return scalarXml(value);
}

function memberXml(name: string, shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'list':
      return (value as unknown[])
        .map((item) => `<${shape.name}>${innerXml(shape.member, item)}</${shape.name}>`)
        .join('');
    case 'map':
      return Object.entries(value as Record<string, unknown>)
        .map(
          ([k, v]) =>
            `<${shape.name}><${shape.key}>${escapeXml(k)}</${shape.key}><${shape.valueName}>${innerXml(shape.value, v)}</${shape.valueName}></${shape.name}>`,
        )
        .join('');
    default:
      return `<${name}>${innerXml(shape, value)}</${name}>`;
  }
}

export function encodeQueryResult(
  action: SqsAction,
  output: Record<string, unknown>,
  requestId: string,
): EmulatorResponse {
  const inner = structureXml(SQS_MODEL[action].output, output);
  const result =
    inner === '' ? `<${action}Result/>` : `<${action}Result>${inner}</${action}Result>`;
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function encodeQueryError(error: SqsError, requestId: string): EmulatorResponse {
  const wire = WIRE_ERRORS[error.code];
  // AWS answers a request naming no operation with a bare element, in XML whatever was accepted.
  if (error.code === 'UnknownOperation') {
    return {
      status: wire.status,
      headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
      body: '<UnknownOperationException/>\n',
    };
  }
  return {
    status: wire.status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>${wire.fault}</Type><Code>${escapeXml(wire.query)}</Code><Message>${escapeText(queryMessage(error))}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

export function queryMessage(error: SqsError): string {
  return WIRE_ERRORS[error.code].queryMessage ?? error.message;
}
