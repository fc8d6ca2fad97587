// placeholder
import type { ProcessUnderTest } from '../child.ts';
import type { VerifyOptions } from '../cli.ts';
import type { CaseResult } from '../model.ts';
import type { QueueObserver } from '../observer.ts';
import type { Target } from '../target.ts';

export const BACKEND_CASES: { name: string }[] = [];

export interface BackendRun {
  target: Target;
  child: ProcessUnderTest | undefined;
  observer: QueueObserver;
  options: VerifyOptions;
  say(text: string): void;
  onCase(result: CaseResult): void;
}

export async function runBackendCases(_run: BackendRun): Promise<void> {}
