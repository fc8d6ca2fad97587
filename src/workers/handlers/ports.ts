// What a result-queue handler may use. Handlers are plain functions of (message, ports): no SQS,
// no deletion, no retries — the consumer shell owns those.

import type { Log } from '../../core/ports/log.ts';
import type { PayloadStore } from '../../core/ports/payloads.ts';
import type { ApplyOutcome, Store } from '../../core/ports/store.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';

export interface HandlerPorts {
  store: Store;
  payloads: PayloadStore;
  clock: Clock;
  ids: IdSource;
  log: Log;
}

export type HandlerOutcome = ApplyOutcome;
