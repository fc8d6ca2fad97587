// The fake AI's control API (node:http, 127.0.0.1 only): read the journal, change profiles and
// rules while it runs. Its own port, apart from anything AWS-shaped.
//   GET    /health                         → {"ok": true}
//   GET    /journal?taskId=&kind=&after=    → {"entries": [...]}
//   GET    /journal/tasks                   → {"tasks": [...]}, per-task accounting
//   DELETE /journal                         → 204
//   GET    /profiles                        → {seed, defaultProfile, profiles, rules}
//   PUT    /profiles/default                → body: a profile name (JSON string) or a profile
//   PUT    /profiles/{name}                 → body: a (partial) profile
//   PUT    /rules                           → body: [{userId?, taskType?, profile}]
//   POST   /config                          → body: {seed?, profiles?, default?, rules?}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardRequest } from '../../src/kernel/origin-guard.ts';
import { JOURNAL_KINDS, type Journal, type JournalKind } from '../journal.ts';
import { accountTasks } from '../journal-summary.ts';
import { ProfileError } from '../profiles/profile.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';

export const MAX_CONTROL_BODY_BYTES = 1_048_576;

export interface ControlDeps {
  journal: Journal;
  profiles: ProfileRegistry;
}

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTROL_BODY_BYTES) {
      throw new HttpError(413, `request body is larger than ${MAX_CONTROL_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'request body is empty; send JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function journalQuery(url: URL) {
  const kind = url.searchParams.get('kind') ?? undefined;
  if (kind !== undefined && !JOURNAL_KINDS.includes(kind as JournalKind)) {
    throw new HttpError(400, `kind must be one of ${JOURNAL_KINDS.join(', ')}`);
  }
  const afterText = url.searchParams.get('after') ?? undefined;
  const after = afterText === undefined ? undefined : Number(afterText);
  if (after !== undefined && !Number.isInteger(after))
    throw new HttpError(400, 'after must be an integer');
  return {
    taskId: url.searchParams.get('taskId') ?? undefined,
    kind: kind as JournalKind | undefined,
    after,
  };
}

/** Routes one request; returns [status, body] (body undefined for 204). */
export async function routeControl(
  req: IncomingMessage,
  deps: ControlDeps,
): Promise<[number, unknown]> {
  const url = new URL(req.url ?? '/', 'http://control');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const allow = (methods: string[]) => {
    if (!methods.includes(method))
      throw new HttpError(405, `${method} is not allowed on ${path}; use ${methods.join(' or ')}`);
  };
  if (path === '/health') {
    allow(['GET']);
    return [200, { ok: true }];
  }
  if (path === '/journal') {
    allow(['GET', 'DELETE']);
    if (method === 'DELETE') {
      deps.journal.clear();
      return [204, undefined];
    }
    return [200, { entries: deps.journal.entries(journalQuery(url)) }];
  }
  if (path === '/journal/tasks') {
    allow(['GET']);
    return [200, { tasks: accountTasks(deps.journal.entries()) }];
  }
  if (path === '/profiles') {
    allow(['GET']);
    return [200, deps.profiles.settings()];
  }
  if (path === '/rules') {
    allow(['PUT']);
    deps.profiles.setRules(await readJson(req));
    return [200, { rules: deps.profiles.settings().rules }];
  }
  if (path === '/config') {
    allow(['POST']);
    deps.profiles.configure(await readJson(req));
    return [200, deps.profiles.settings()];
  }
  const named = /^\/profiles\/([A-Za-z0-9_.-]{1,64})$/.exec(path);
  if (named) {
    allow(['PUT', 'GET']);
    const name = named[1] as string;
    if (method === 'GET') {
      const profile = deps.profiles.get(name);
      if (!profile) throw new HttpError(404, `no profile named "${name}"`);
      return [200, profile];
    }
    const body = await readJson(req);
    if (name === 'default') return [200, { default: deps.profiles.setDefault(body) }];
    return [200, deps.profiles.put(name, body)];
  }
  throw new HttpError(404, `no control route ${method} ${path}`);
}

export function startControlServer(
  options: ControlDeps & { port: number; host?: string },
): Promise<ControlServer> {
  // Like the emulator's control plane: a web page (Origin, Sec-Fetch-Site) or a rebound Host name
  // may neither change profiles nor read the journal; the bound address is one of its names.
  const origins = { allowedOrigins: [], allowedHosts: [options.host ?? '127.0.0.1'] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const verdict = guardRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        fetchSite: req.headers['sec-fetch-site'] as string | undefined,
      },
      origins,
    );
    if (!verdict.ok) {
      req.resume();
      return send(res, 403, { error: verdict.detail });
    }
    routeControl(req, options).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof HttpError) send(res, error.status, { error: error.message });
        else if (error instanceof ProfileError) send(res, 400, { error: error.message });
        else send(res, 500, { error: (error as Error).message });
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}
