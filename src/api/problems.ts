// The API's error catalogue and its application/problem+json (RFC 9457) rendering. Every error the
// API answers is one of these codes, in one table, so clients can rely on `type` and `status`.

import type { FastifyReply } from 'fastify';

export const PROBLEMS = {
  unauthorized: { status: 401, title: 'Missing or invalid bearer token' },
  'invalid-request': { status: 400, title: 'The request does not match the API schema' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'invalid-idempotency-key': { status: 400, title: 'The Idempotency-Key header is not valid' },
  'invalid-task-id': { status: 400, title: 'Not a task id' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'unsupported-content-encoding': {
    status: 415,
    title: 'The request body must not be compressed (Content-Encoding: identity only)',
  },
  'uri-too-long': { status: 414, title: 'The request URI is too long' },
  'headers-too-large': { status: 431, title: 'The request line and headers are too large' },
  'forbidden-origin': { status: 403, title: 'Requests from this web origin are not allowed' },
  'forbidden-host': { status: 403, title: 'This server does not answer to that Host name' },
  'invalid-input': { status: 422, title: 'The conversations are not in chat-export format' },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
  },
  'no-graph': { status: 409, title: 'There is no graph to work on yet' },
  'too-many-streams': { status: 429, title: 'Too many open event streams for this user' },
  'task-not-found': { status: 404, title: 'No such task' },
  'graph-not-found': { status: 404, title: 'No graph yet' },
  'not-found': { status: 404, title: 'No such resource' },
  'not-ready': { status: 503, title: 'A dependency is not available' },
  'dependency-failed': { status: 503, title: 'A storage or queue dependency failed; retry later' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Where the input went wrong: JSON pointer, rule and message per violation. */
  violations?: { path: string; rule?: string; message: string }[];
  taskId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problem(
  code: ProblemCode,
  extra: Omit<Problem, 'type' | 'title' | 'status'> = {},
): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: `/problems/${code}`, title, status, ...extra };
}

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  extra: Omit<Problem, 'type' | 'title' | 'status'> = {},
): FastifyReply {
  const body = problem(code, { instance: reply.request.url, ...extra });
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** A whole HTTP/1.1 response carrying a problem, for answers written straight to a socket. */
export function rawProblem(code: ProblemCode, detail: string): string {
  const body = JSON.stringify(problem(code, { detail }));
  const { status, title } = PROBLEMS[code];
  return [
    `HTTP/1.1 ${status} ${title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
