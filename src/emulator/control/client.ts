// A typed client for the emulator's control plane (`/_harness/...`), for tests, scenario suites
// and tools that steer a running emulator: reset, move the clock, inspect queues, manage faults.
import type {
  ClockView,
  FaultRule,
  FaultRuleSpec,
  JournalPage,
  MessageInspection,
  QueueDetail,
  QueueSummary,
  SettingsView,
} from './views.ts';

export type {
  ClockView,
  FaultRule,
  FaultRuleSpec,
  JournalEvent,
  JournalPage,
  MessageInspection,
  QueueDetail,
  QueueSummary,
  SettingsView,
} from './views.ts';

/** Narrows a queue's inspected messages; counts and attributes stay whole-queue. */
export interface QueueFilter {
  state?: MessageInspection['state'];
  limit?: number;
}

export class ControlPlaneError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ControlPlaneError';
    this.status = status;
  }
}

export class EmulatorControlClient {
  readonly #base: string;

  /** `baseUrl` is the emulator's URL, e.g. `http://127.0.0.1:4566`. */
  constructor(baseUrl: string) {
    this.#base = baseUrl.replace(/\/+$/, '');
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let value: unknown;
    try {
      value = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      throw new ControlPlaneError(
        response.status,
        `${method} ${path}: non-JSON answer: ${text.slice(0, 200)}`,
      );
    }
    if (!response.ok) {
      const message =
        typeof value === 'object' && value !== null && 'error' in value
          ? String((value as { error: unknown }).error)
          : text;
      throw new ControlPlaneError(response.status, `${method} ${path}: ${message}`);
    }
    return value as T;
  }

  /** True when the emulator answers its health check. */
  async healthy(): Promise<boolean> {
    try {
      await this.#call('GET', '/_harness/health');
      return true;
    } catch {
      return false;
    }
  }

  reset(): Promise<{ reset: true }> {
    return this.#call('POST', '/_harness/reset');
  }

  clock(): Promise<ClockView> {
    return this.#call('GET', '/_harness/clock');
  }

  /** Moves virtual time forward; due visibility deadlines, delays and long polls fire at once. */
  advance(ms: number): Promise<ClockView> {
    return this.#call('POST', '/_harness/clock/advance', { ms });
  }

  /** Virtual ms per real ms (60: a 300 s visibility timeout passes in 5 real seconds; 0 freezes). */
  setScale(scale: number): Promise<ClockView> {
    return this.#call('POST', '/_harness/clock/scale', { scale });
  }

  settings(): Promise<SettingsView> {
    return this.#call('GET', '/_harness/settings');
  }

  updateSettings(settings: Partial<SettingsView>): Promise<SettingsView> {
    return this.#call('PUT', '/_harness/settings', settings);
  }

  queues(): Promise<QueueSummary[]> {
    return this.#call('GET', '/_harness/sqs/queues');
  }

  /** A queue with all its messages (visible, in flight, delayed), read without changing them. */
  queue(name: string, filter: QueueFilter = {}): Promise<QueueDetail> {
    const query = new URLSearchParams();
    if (filter.state !== undefined) query.set('state', filter.state);
    if (filter.limit !== undefined) query.set('limit', String(filter.limit));
    const suffix = query.size > 0 ? `?${query}` : '';
    return this.#call('GET', `/_harness/sqs/queues/${encodeURIComponent(name)}${suffix}`);
  }

  faults(): Promise<FaultRule[]> {
    return this.#call('GET', '/_harness/faults');
  }

  addFault(spec: FaultRuleSpec): Promise<FaultRule> {
    return this.#call('POST', '/_harness/faults', spec);
  }

  fault(id: string): Promise<FaultRule> {
    return this.#call('GET', `/_harness/faults/${encodeURIComponent(id)}`);
  }

  removeFault(id: string): Promise<{ removed: string }> {
    return this.#call('DELETE', `/_harness/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<{ cleared: true }> {
    return this.#call('DELETE', '/_harness/faults');
  }

  /** Sends, receives and deletes on every queue after `after` (a `seq`), oldest first. */
  journal(after = 0, limit = 1000): Promise<JournalPage> {
    return this.#call('GET', `/_harness/journal?after=${after}&limit=${limit}`);
  }
}
