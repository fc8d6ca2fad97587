// Entry point of the fake AI thread (see fake-ai-thread.ts): starts the fake AI server with
// the settings it was given, forwards its log lines to the parent, and stops when told to.

import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { startFakeAi } from '../../fake-ai/index.ts';
import type { FakeAiThreadMessage, FakeAiThreadOptions } from './fake-ai-thread.ts';

type Settings = Omit<FakeAiThreadOptions, 'log'> & { logLevel: string };

const port = parentPort;
if (!port) throw new Error('fake-ai-thread-entry.ts runs only as a worker thread');
const settings = workerData as Settings;
const post = (message: FakeAiThreadMessage) => port.postMessage(message);

const logger = pino(
  { level: settings.logLevel },
  { write: (line: string) => post({ type: 'log', line }) },
);

try {
  const fakeAi = await startFakeAi({
    requestQueueUrl: settings.requestQueueUrl,
    resultQueueUrl: settings.resultQueueUrl,
    bucket: settings.bucket,
    endpoint: settings.endpoint,
    region: settings.region,
    concurrency: settings.concurrency,
    logger,
  });
  port.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    fakeAi.stop().finally(() => port.close());
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: (error as Error).message });
  port.close();
}
