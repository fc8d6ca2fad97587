// Starts the whole emulator (startEmulator, free port on 127.0.0.1, frozen manual clock) for the
// S3 tests, exposing the S3 service for inspection and the clock for moving time.
import {
  manualClock,
  type RunningEmulator,
  startEmulator,
} from '../../../../src/emulator/index.ts';
import type { S3Service } from '../../../../src/emulator/s3/index.ts';

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
