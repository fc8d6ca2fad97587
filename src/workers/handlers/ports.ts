// What a result-queue handler may use. Handlers are plain functions of (message, ports): no SQS,
// no deletion, no retries — the consumer shell owns those.

import type { Clock, IdSource } from '../../core/domain/clock.ts';
import type { Log } from '../../core/ports/log.ts';
import type { PayloadStore } from '../../core/ports/payloads.ts';
import type { ApplyOutcome, Store } from '../../core/ports/store.ts';

export interface HandlerPorts {
  store: Store;
  payloads: PayloadStore;
  clock: Clock;
  ids: IdSource;
  log: Log;
}

export type HandlerOutcome = ApplyOutcome;
