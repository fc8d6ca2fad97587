// What a verify run produces: verdicts that say what they saw, per request and per case, and the
// run report written as JSON and HTML. Shared by both modes (`ai`, `backend`).
import type { TimelineEntry } from '../src/infra/recording/recorder.ts';

/**
 * `pass`/`fail` judge; `reported` records what a server may legitimately do either way (e.g. a
 * body with no task id dropped or left to the DLQ); `not-applicable` says why it was not judged.
 */
export type VerdictStatus = 'pass' | 'fail' | 'reported' | 'not-applicable';

export interface Verdict {
  name: string;
  status: VerdictStatus;
  /** What the harness saw, in words: the evidence for the status. */
  saw: string;
}

export interface RequestAccount {
  /** The task id sent (absent for a body without one). */
  taskId: string | undefined;
  taskType: string;
  /** What was special about this request (e.g. "input object missing"). */
  label: string;
  verdicts: Verdict[];
  /** Contract findings on what the party under test sent for this request: `rule at pointer`. */
  findings: string[];
  timeline: TimelineEntry[];
}

export interface CaseResult {
  name: string;
  title: string;
  status: 'pass' | 'fail' | 'not-applicable';
  /** Why the case was not applicable. */
  reason?: string;
  /** Real time the case took. */
  wallMs: number;
  /** Verdicts about the case as a whole (process alive, kept serving, queues drained). */
  verdicts: Verdict[];
  requests: RequestAccount[];
}

export interface VerifyReport {
  version: 1;
  mode: 'ai' | 'backend';
  command: string | undefined;
  /** The endpoint the party under test talked to, and whether it was our emulator. */
  target: string;
  startedAt: string;
  passed: boolean;
  wallMs: number;
  cases: CaseResult[];
  /** Why the run stopped before its cases were done (a command that exits at once, floods...). */
  aborted?: string;
}

export function caseStatus(verdicts: readonly Verdict[]): 'pass' | 'fail' {
  return verdicts.some((v) => v.status === 'fail') ? 'fail' : 'pass';
}

export function allVerdicts(result: CaseResult): Verdict[] {
  return [...result.verdicts, ...result.requests.flatMap((r) => r.verdicts)];
}
