// Starts the whole emulator (startEmulator, free port on 127.0.0.1, frozen manual clock) for the
// S3 tests, exposing the S3 service for inspection and the clock for moving time.

import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import {
  manualClock,
  type RunningEmulator,
  startEmulator,
} from '../../../../src/emulator/index.ts';
import type { S3Service } from '../../../../src/emulator/s3/index.ts';
import { s3Client } from './clients.ts';

export interface TestEmulator {
  endpoint: string;
  service: S3Service;
  clock: { readonly now: number; advance(ms: number): void };
  close(): Promise<void>;
}

export async function startTestEmulator(
  start = Date.UTC(2026, 0, 15, 12, 0, 0),
): Promise<TestEmulator> {
  const clock = manualClock(start);
  const emulator: RunningEmulator = await startEmulator({
    clock,
    seed: 1,
    onInternalError: (error) => {
      throw error;
    },
  });
  return {
    endpoint: emulator.url,
    service: emulator.s3,
    clock: {
      get now() {
        return clock.now();
      },
      advance: (ms) => clock.advance(ms),
    },
    close: () => emulator.stop(),
  };
}

export interface SdkEmulator {
  readonly server: TestEmulator;
  readonly s3: S3Client;
}

/**
 * Registers the suite's lifecycle: one emulator and one SDK client (recording sent headers into
 * `sent` when given) for the whole file, released afterwards. Read `server`/`s3` inside tests.
 */
export function useSdkEmulator(sent?: Record<string, string>[]): SdkEmulator {
  let server: TestEmulator | undefined;
  let s3: S3Client | undefined;
  beforeAll(async () => {
    server = await startTestEmulator();
    s3 = s3Client(server.endpoint, sent);
  });
  afterAll(async () => {
    s3?.destroy();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the emulator starts in beforeAll; use it inside tests');
      return server;
    },
    get s3() {
      if (!s3) throw new Error('the S3 client is made in beforeAll; use it inside tests');
      return s3;
    },
  };
}
