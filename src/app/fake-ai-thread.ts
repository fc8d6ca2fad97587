// Runs the fake AI server on its own worker thread for the single-process stack. The real AI
// server is a separate process; on one event loop the fake's SDK calls and graph building would
// compete with the API and the worker for the same core, so under load the stack would measure
// the stand-in rather than the back end. The thread talks to the queues and bucket over HTTP with
// its own clients, exactly as in-process; its log lines are re-emitted on the stack's logger.

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

export interface FakeAiThreadOptions {
  requestQueueUrl: string;
  resultQueueUrl: string;
  bucket: string;
  /** AWS_ENDPOINT_URL; undefined means real AWS. */
  endpoint: string | undefined;
  region: string;
  concurrency: number;
  log: Logger;
}

/** What the thread sends back: readiness, a start failure, or one pino JSON line. */
export type FakeAiThreadMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'log'; line: string };

export interface FakeAiThread {
  stop(): Promise<void>;
}

const PINO_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg']);
const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

function relog(log: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    log.warn({ line }, 'unreadable log line from the fake AI thread');
    return;
  }
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !PINO_FIELDS.has(k)));
  const level = LEVELS[Number(record.level)] ?? 'info';
  log[level](fields, String(record.msg ?? ''));
}

export async function startFakeAiThread(options: FakeAiThreadOptions): Promise<FakeAiThread> {
  const { log, ...settings } = options;
  const worker = new Worker(new URL('./fake-ai-thread-entry.ts', import.meta.url), {
    workerData: { ...settings, logLevel: log.level },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: FakeAiThreadMessage) => {
    if (message.type === 'log') relog(log, message.line);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: FakeAiThreadMessage) => {
      if (message.type === 'ready') {
        worker.off('message', onMessage);
        resolve();
      } else if (message.type === 'failed') {
        reject(new Error(`fake AI server failed to start: ${message.message}`));
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`fake AI thread exited with ${code} before it was ready`)),
    );
  });
  try {
    await ready;
  } catch (error) {
    // A thread that failed to start is not left running behind the caller's back.
    await worker.terminate();
    throw error;
  }
  worker.on('error', (error) => log.error({ err: error }, 'fake AI thread failed'));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      // The thread stops its receive loops (abandoning work in progress, as in-process) and ends.
      stopping ??= (async () => {
        worker.postMessage({ type: 'stop' });
        const timer = setTimeout(() => void worker.terminate(), 30_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
