// Server-sent events: a user's task updates as they happen (`event: task.progress|completed|failed`,
// `id:` the event id, `data:` the event JSON). Comment lines keep idle proxies from closing it.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { TaskEventFeed } from '../../core/ports/notifier.ts';
import { sendProblem } from '../problems.ts';

export interface EventRouteDeps {
  feed: TaskEventFeed;
  userOf(request: FastifyRequest): string;
  heartbeatMs: number;
  /** Open streams allowed per user, so one client cannot hold unbounded connections. */
  maxStreamsPerUser: number;
}

export function formatSse(event: TaskEvent): string {
  return `id: ${event.eventId}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function eventRoutes(app: FastifyInstance, deps: EventRouteDeps): void {
  const open = new Set<() => void>();
  const perUser = new Map<string, number>();
  // Streams never end by themselves, so closing the app ends them first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/v1/events', async (request, reply) => {
    const userId = deps.userOf(request);
    const count = perUser.get(userId) ?? 0;
    if (count >= deps.maxStreamsPerUser) {
      return sendProblem(reply, 'too-many-streams', {
        detail: `At most ${deps.maxStreamsPerUser} event streams per user; close one first`,
      });
    }
    perUser.set(userId, count + 1);
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    const unsubscribe = await deps.feed.subscribe(userId, (event) => raw.write(formatSse(event)));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), deps.heartbeatMs);
    heartbeat.unref();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const left = (perUser.get(userId) ?? 1) - 1;
      if (left > 0) perUser.set(userId, left);
      else perUser.delete(userId);
      clearInterval(heartbeat);
      open.delete(end);
      unsubscribe().catch((error: unknown) =>
        request.log.warn({ err: error }, 'unsubscribe failed'),
      );
      raw.end();
    };
    open.add(end);
    request.raw.on('close', end);
    request.log.info({ userId }, 'event stream opened');
  });
}
