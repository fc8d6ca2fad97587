// Chooses the notification adapters from configuration: Redis pub/sub when REDIS_URL is set (so
// API and worker may run as separate processes), in-process otherwise; plus a signed webhook when
// WEBHOOK_URL is set. Returns the worker's Notifier and the API's TaskEventFeed.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from '../../core/ports/log.ts';
import type { Notifier, TaskEventFeed } from '../../core/ports/notifier.ts';
import type { Clock } from '../../kernel/clock.ts';
import { FanoutNotifier } from './fanout.ts';
import { InProcessNotifier } from './in-process.ts';
import { RedisEventFeed, RedisNotifier } from './redis.ts';
import { WebhookNotifier } from './webhook.ts';

export interface Notifications {
  notifier: Notifier;
  feed: TaskEventFeed;
  /** What is wired, for the start banner. */
  describe: string[];
  close(): Promise<void>;
}

export function buildNotifications(options: {
  redisUrl: string | undefined;
  webhook: { url: string; secret: string } | undefined;
  clock: Clock;
  log: Log;
}): Notifications {
  const targets: Notifier[] = [];
  const closers: (() => Promise<void>)[] = [];
  const describe: string[] = [];
  let feed: TaskEventFeed;
  if (options.redisUrl) {
    const onError = (error: Error) => options.log.warn({ err: error }, 'redis connection error');
    const publisher = new RedisNotifier({ url: options.redisUrl, onError });
    const subscriber = new RedisEventFeed({ url: options.redisUrl, onError });
    targets.push(publisher);
    feed = subscriber;
    closers.push(
      () => publisher.close(),
      () => subscriber.close(),
    );
    describe.push(`redis pub/sub ${options.redisUrl}`);
  } else {
    const hub = new InProcessNotifier();
    targets.push(hub);
    feed = hub;
    describe.push('in-process');
  }
  if (options.webhook) {
    targets.push(
      new WebhookNotifier({
        url: options.webhook.url,
        secret: options.webhook.secret,
        clock: options.clock,
        sleep: (ms) => sleep(ms),
      }),
    );
    describe.push(`webhook ${options.webhook.url}`);
  }
  return {
    notifier: targets.length === 1 && targets[0] ? targets[0] : new FanoutNotifier(targets),
    feed,
    describe,
    async close() {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
