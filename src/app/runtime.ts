// The shared composition of one back-end process from its configuration: AWS clients, queues and
// bucket (applied idempotently, and again whenever a call finds them gone), the store, notifications, clock, ids and the logger. The API
// server, the worker and the single-process stack all start from here.

import { type Logger, pino } from 'pino';
import type { Store } from '../core/ports/store.ts';
import { type AwsClients, createAwsClients } from '../infra/aws/clients.ts';
import { type InfrastructureRepair, repairMissingInfrastructure } from '../infra/aws/repair.ts';
import { S3PayloadStore } from '../infra/aws/s3-payloads.ts';
import { applyInfrastructure, type Infrastructure } from '../infra/aws/setup.ts';
import type { Config } from '../infra/config.ts';
import { buildNotifications, type Notifications } from '../infra/notifiers/from-config.ts';
import { openStore } from '../infra/store/open-store.ts';
import { type Clock, systemClock } from '../kernel/clock.ts';
import { type IdSource, ulidSource } from '../kernel/ids.ts';

export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  ids: IdSource;
  clients: AwsClients;
  infra: Infrastructure;
  /** Re-applies queues and bucket when a call finds them gone (also on demand). */
  repair: InfrastructureRepair;
  store: Store;
  payloads: S3PayloadStore;
  notifications: Notifications;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, log?: Logger): Promise<Runtime> {
  const logger = log ?? pino({ name: 'graphnode', level: config.logLevel });
  const clock = systemClock;
  const ids = ulidSource(clock);
  const clients = createAwsClients(config.aws);
  // Re-application runs on clients of its own, so it never waits behind the calls it repairs.
  const setupClients = createAwsClients(config.aws);
  const closers: (() => Promise<void>)[] = [
    async () => clients.destroy(),
    async () => setupClients.destroy(),
  ];
  try {
    const infra = await applyInfrastructure(setupClients, config);
    const repair = repairMissingInfrastructure(
      clients,
      () => applyInfrastructure(setupClients, config),
      logger.child({ component: 'aws' }),
    );
    const store = await openStore(config.databaseUrl, { clock });
    closers.unshift(() => store.close());
    const notifications = buildNotifications({
      redisUrl: config.redisUrl,
      webhook: config.webhook,
      clock,
      log: logger,
    });
    closers.unshift(() => notifications.close());
    return {
      config,
      log: logger,
      clock,
      ids,
      clients,
      infra,
      repair,
      store,
      payloads: new S3PayloadStore({ s3: clients.s3, bucket: infra.bucket }),
      notifications,
      async close() {
        for (const close of closers) await close().catch(() => {});
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => {});
    throw error;
  }
}
