// Counters the worker exposes on its health endpoint: what happened to each received message, and
// why messages were left for redelivery (the ones that end up in the DLQ after five receives).

export type MessageVerdict = 'applied' | 'duplicate' | 'ignored' | 'rejected' | 'failed';

export class WorkerMetrics {
  received = 0;
  /** Messages left unapplied on their last receive before the queue moves them to the DLQ. */
  deadLettered = 0;
  readonly verdicts: Record<MessageVerdict, number> = {
    applied: 0,
    duplicate: 0,
    ignored: 0,
    rejected: 0,
    failed: 0,
  };
  readonly reasons = new Map<string, number>();
  /**
   * Findings on accepted messages (known defects of the real producers, never a refusal), keyed
   * `taskType finding-rule`, e.g. `GRAPH_GENERATION_RESULT timestamp-without-zone`.
   */
  readonly findings = new Map<string, number>();

  countFindings(taskType: string, rules: readonly string[]): void {
    for (const rule of rules) {
      const key = `${taskType} ${rule}`;
      this.findings.set(key, (this.findings.get(key) ?? 0) + 1);
    }
  }

  count(verdict: MessageVerdict, reason?: string): void {
    this.verdicts[verdict]++;
    if (reason) this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  snapshot() {
    return {
      received: this.received,
      ...this.verdicts,
      deadLettered: this.deadLettered,
      reasons: Object.fromEntries([...this.reasons].sort(([a], [b]) => a.localeCompare(b))),
      findings: Object.fromEntries([...this.findings].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
