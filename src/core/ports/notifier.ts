// The notification port: how task events leave the system (Notifier) and how the API's event
// stream receives them (TaskEventFeed). Adapters: in-process, Redis pub/sub, webhooks, fan-out.

import type { TaskEvent } from '../domain/events.ts';

export interface Notifier {
  /** Resolves once the event is handed over; rejects when it could not be (the caller retries). */
  publish(event: TaskEvent): Promise<void>;
  close?(): Promise<void>;
}

export type Unsubscribe = () => Promise<void>;

export interface TaskEventFeed {
  /** Calls `listener` with every event of `userId` published from now on. */
  subscribe(userId: string, listener: (event: TaskEvent) => void): Promise<Unsubscribe>;
  close?(): Promise<void>;
}
