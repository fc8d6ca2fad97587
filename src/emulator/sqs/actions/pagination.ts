// Pagination of ListQueues and ListDeadLetterSourceQueues: MaxResults pages with an opaque
// NextToken naming the last queue shown, so a page stays right when queues come and go.

import type { SqsEngine } from '../domain/engine.ts';
import { invalidValue, SqsError } from '../domain/errors.ts';
import { DEFAULT_LIST_RESULTS } from '../domain/limits.ts';
import { type ActionContext, urlOf } from './context.ts';

function paginate(
  names: readonly string[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: string[]; next: string | undefined } {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > DEFAULT_LIST_RESULTS)) {
    throw invalidValue(
      maxResults,
      'MaxResults',
      `MaxResults must be an integer between 1 and ${DEFAULT_LIST_RESULTS}.`,
    );
  }
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodeToken(nextToken);
    start = names.findIndex((n) => n > after);
    if (start === -1) start = names.length;
  }
  const limit = maxResults ?? DEFAULT_LIST_RESULTS;
  const page = names.slice(start, start + limit);
  const more = maxResults !== undefined && start + limit < names.length;
  return { page, next: more ? encodeToken(page.at(-1)!) : undefined };
}

function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'after' in value) {
      const { after } = value;
      if (typeof after === 'string') return after;
    }
  } catch {
    // fall through to the error below
  }
  throw new SqsError('InvalidParameterValue', 'Invalid NextToken value.');
}

/** One page of queue URLs and, when more follow, the token for the next page. */
export function listUrls(
  ctx: ActionContext,
  engine: SqsEngine,
  names: readonly string[],
  input: { MaxResults?: number; NextToken?: string },
): { urls: string[]; NextToken?: string } {
  const { page, next } = paginate(names, input.MaxResults, input.NextToken);
  const urls = page.map((n) => urlOf(ctx, engine, n));
  return next === undefined ? { urls } : { urls, NextToken: next };
}
