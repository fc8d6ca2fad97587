// Server-sent events: a user's task updates as they happen (`event: task.progress|completed|failed`,
// `id:` the event id, `data:` the event JSON). Events are stored with the task changes, so a client
// that reconnects with `Last-Event-ID` first gets what it missed, then the live stream, without
// gaps or repeats. Comment lines keep idle proxies from closing the connection.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { TaskEventFeed } from '../../core/ports/notifier.ts';
import type { Store } from '../../core/ports/store.ts';
import { sendProblem } from '../problems.ts';

export interface EventRouteDeps {
  feed: TaskEventFeed;
  store: Store;
  userOf(request: FastifyRequest): string;
  heartbeatMs: number;
  /** Open streams allowed per user, so one client cannot hold unbounded connections. */
  maxStreamsPerUser: number;
}

/** Most events replayed to one reconnecting client; older ones are read from the task routes. */
export const MAX_REPLAY = 1000;

const EVENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

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
    const lastHeader = request.headers['last-event-id'];
    const lastEventId =
      typeof lastHeader === 'string' && EVENT_ID.test(lastHeader) ? lastHeader : null;
    perUser.set(userId, count + 1);
    const raw = reply.raw;
    reply.hijack();

    let heartbeat: NodeJS.Timeout | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const left = (perUser.get(userId) ?? 1) - 1;
      if (left > 0) perUser.set(userId, left);
      else perUser.delete(userId);
      clearInterval(heartbeat);
      open.delete(end);
      unsubscribe?.().catch((error: unknown) =>
        request.log.warn({ err: error }, 'unsubscribe failed'),
      );
      raw.end();
    };
    // Registered first: a client may leave while the stream is still being set up.
    open.add(end);
    request.raw.on('close', end);

    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');

    // Live events that arrive while the missed ones are replayed wait, then skip what was replayed.
    let replaying = lastEventId !== null;
    const held: TaskEvent[] = [];
    const sent = new Set<string>();
    try {
      unsubscribe = await deps.feed.subscribe(userId, (event) => {
        if (ended) return;
        if (replaying) held.push(event);
        else raw.write(formatSse(event));
      });
    } catch (error) {
      // The feed is down (Redis unreachable): end the stream so the client reconnects after its
      // retry delay, instead of holding a silent stream and a per-user slot open.
      request.log.error({ err: error, userId }, 'event feed subscription failed; stream ended');
      end();
      return;
    }
    if (ended) {
      await unsubscribe();
      return;
    }
    if (lastEventId !== null) {
      try {
        for (const event of await deps.store.eventsAfter(userId, lastEventId, MAX_REPLAY)) {
          sent.add(event.eventId);
          raw.write(formatSse(event));
        }
      } catch (error) {
        request.log.warn({ err: error, userId }, 'event replay failed; streaming live events only');
      }
      for (const event of held) if (!sent.has(event.eventId)) raw.write(formatSse(event));
      replaying = false;
    }
    if (ended) return; // the client left during the replay
    heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), deps.heartbeatMs);
    heartbeat.unref();
    request.log.info({ userId, lastEventId }, 'event stream opened');
  });
}
