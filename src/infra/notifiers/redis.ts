// Redis pub/sub notifications: the worker publishes each event on the user's channel, and every
// API process subscribes for the users that have an event stream open. Pub/sub is fire-and-forget
// by design; the event stays in the store, so a client that reconnects reads the task state again.

import { Redis } from 'ioredis';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { Notifier, TaskEventFeed, Unsubscribe } from '../../core/ports/notifier.ts';

export const DEFAULT_CHANNEL_PREFIX = 'graphnode:task-events:';

export interface RedisNotifierOptions {
  url: string;
  /** Channel = prefix + userId. */
  channelPrefix?: string;
  /** Connection errors (ioredis reconnects by itself; without a listener it prints them). */
  onError?: (error: Error) => void;
}

export class RedisNotifier implements Notifier {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: RedisNotifierOptions) {
    this.#redis = new Redis(options.url, { maxRetriesPerRequest: 2 });
    this.#redis.on('error', options.onError ?? (() => {}));
    this.#prefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
  }

  async publish(event: TaskEvent): Promise<void> {
    await this.#redis.publish(this.#prefix + event.userId, JSON.stringify(event));
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}

/** One subscriber connection per process, shared by all streams; channels are reference-counted. */
export class RedisEventFeed implements TaskEventFeed {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #listeners = new Map<string, Set<(event: TaskEvent) => void>>();
  readonly #ready = new Map<string, Promise<void>>();
  readonly #onError: (error: Error) => void;

  constructor(options: RedisNotifierOptions) {
    this.#redis = new Redis(options.url, { maxRetriesPerRequest: 2 });
    this.#prefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
    this.#onError = options.onError ?? (() => {});
    this.#redis.on('error', this.#onError);
    this.#redis.on('message', (channel: string, text: string) => this.#dispatch(channel, text));
  }

  #dispatch(channel: string, text: string): void {
    const listeners = this.#listeners.get(channel);
    if (!listeners) return;
    let event: TaskEvent;
    try {
      event = JSON.parse(text) as TaskEvent;
    } catch (error) {
      this.#onError(new Error(`unreadable event on ${channel}: ${(error as Error).message}`));
      return;
    }
    for (const listener of listeners) listener(event);
  }

  async subscribe(userId: string, listener: (event: TaskEvent) => void): Promise<Unsubscribe> {
    const channel = this.#prefix + userId;
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      this.#ready.set(
        channel,
        this.#redis.subscribe(channel).then(() => {}),
      );
    }
    listeners.add(listener);
    // Resolve only once Redis confirmed the channel, also for later subscribers to the same user,
    // so an event published right after subscribe() is not missed.
    try {
      await this.#ready.get(channel);
    } catch (error) {
      // Forget a failed channel, so the user's next stream asks Redis again instead of being
      // handed the same rejection for the life of the process.
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(channel) === listeners) {
        this.#listeners.delete(channel);
        this.#ready.delete(channel);
      }
      throw error;
    }
    return async () => {
      const current = this.#listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.#listeners.delete(channel);
        this.#ready.delete(channel);
        await this.#redis.unsubscribe(channel);
      }
    };
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#redis.quit();
  }
}
