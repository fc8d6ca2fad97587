// A typed client for the emulator's control plane (`/_harness/...`), for tests, scenario suites
// and tools that steer a running emulator: reset, move the clock, inspect queues, manage faults.
import type {
  BucketView,
  ClockView,
  FaultRule,
  FaultRuleSpec,
  JournalPage,
  MessageInspection,
  MessagePage,
  MoveTaskProgress,
  ObjectPage,
  QueueDetail,
  QueueLinks,
  QueueSummary,
  SettingsView,
} from './views.ts';

export type {
  AttributePreview,
  BucketView,
  ClockView,
  FaultRule,
  FaultRuleSpec,
  JournalEvent,
  JournalPage,
  MessageInspection,
  MessagePage,
  MessagePreview,
  MoveTaskProgress,
  ObjectPage,
  ObjectView,
  QueueDetail,
  QueueLinks,
  QueueSummary,
  SettingsView,
  TextPreview,
} from './views.ts';

/** One page of a queue's messages: `cursor` is the previous page's `nextCursor`. */
// Type aliases (not interfaces) so they pass as plain records to search().
export type MessagePageQuery = {
  state?: MessageInspection['state'];
  cursor?: string;
  /** 1..1000, default 50. */
  limit?: number;
};

/** One page of a bucket's objects: `cursor` is the previous page's `nextCursor`. */
export type ObjectPageQuery = {
  prefix?: string;
  cursor?: string;
  /** 1..1000, default 50. */
  limit?: number;
};

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

  async #fetch(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.#base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.#fetch(method, path, body);
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
      const message = errorText(text);
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

  /** Each queue's dead-letter queue and the queues that send to it. */
  links(): Promise<QueueLinks[]> {
    return this.#call('GET', '/_harness/sqs/links');
  }

  /** A page of a queue's messages with bodies and attribute values cut to previews. */
  messages(queue: string, q: MessagePageQuery = {}): Promise<MessagePage> {
    return this.#call('GET', `${queuePath(queue)}/messages${search(q)}`);
  }

  /** The full body of one message, read without changing it. */
  messageBody(queue: string, messageId: string): Promise<string> {
    const path = `${queuePath(queue)}/messages/${encodeURIComponent(messageId)}/body`;
    return this.#download(path).then((bytes) => bytes.toString('utf8'));
  }

  purge(queue: string): Promise<{ purged: string }> {
    return this.#call('POST', `${queuePath(queue)}/purge`);
  }

  /** Starts moving a DLQ's messages back to their sources (or to `destination`). */
  redrive(dlq: string, destination?: string): Promise<{ taskHandle: string }> {
    return this.#call('POST', `${queuePath(dlq)}/redrive`, destination ? { destination } : {});
  }

  /** The queue's recent move tasks (as a source), newest first. */
  moveTasks(queue: string): Promise<MoveTaskProgress[]> {
    return this.#call('GET', `${queuePath(queue)}/move-tasks`);
  }

  buckets(): Promise<BucketView[]> {
    return this.#call('GET', '/_harness/s3/buckets');
  }

  objects(bucket: string, q: ObjectPageQuery = {}): Promise<ObjectPage> {
    return this.#call(
      'GET',
      `/_harness/s3/buckets/${encodeURIComponent(bucket)}/objects${search(q)}`,
    );
  }

  /** An object's bytes, as stored. */
  object(bucket: string, key: string): Promise<Buffer> {
    const query = new URLSearchParams({ key });
    return this.#download(`/_harness/s3/buckets/${encodeURIComponent(bucket)}/object?${query}`);
  }

  async #download(path: string): Promise<Buffer> {
    const response = await this.#fetch('GET', path);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      const text = bytes.toString('utf8', 0, 4000);
      throw new ControlPlaneError(response.status, `GET ${path}: ${errorText(text)}`);
    }
    return bytes;
  }

  /** Sends, receives and deletes on every queue after `after` (a `seq`), oldest first. */
  journal(after = 0, limit = 1000): Promise<JournalPage> {
    return this.#call('GET', `/_harness/journal?after=${after}&limit=${limit}`);
  }
}

function queuePath(name: string): string {
  return `/_harness/sqs/queues/${encodeURIComponent(name)}`;
}

function search(q: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(q)) {
    if (value !== undefined) query.set(name, String(value));
  }
  return query.size > 0 ? `?${query}` : '';
}

/** The `error` of a control-plane JSON error, else the start of the answer as it came. */
function errorText(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'error' in value) return String(value.error);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 200);
}
