// Bearer-token authentication: a token maps to one user id. Tokens are looked up by their SHA-256
// digest, so the lookup's timing says nothing about how close a guessed token was.

import { createHash } from 'node:crypto';

export type Authenticate = (authorization: string | undefined) => string | null;

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function bearerAuth(tokens: ReadonlyMap<string, string>): Authenticate {
  const byDigest = new Map<string, string>();
  for (const [token, userId] of tokens) byDigest.set(digest(token), userId);
  return (authorization) => {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    if (!match) return null;
    return byDigest.get(digest(match[1]!)) ?? null;
  };
}
