// Per-task accounting over the journal — what scenario verdicts compare with what the back end
// recorded: how often each request was received, which results went out (and how many copies),
// whether the request was deleted, and what behaviour was injected.
import type { JournalEntry } from './journal.ts';

export interface TaskAccount {
  taskId: string;
  taskType: string | undefined;
  /** Receives of the request (one per delivery, redeliveries included). */
  receives: number;
  /** Result messages SQS accepted, copies included. */
  resultsSent: number;
  /** Status of each result sent, in order (COMPLETED / FAILED). */
  statuses: string[];
  progressSent: number;
  sendFailures: number;
  crashes: number;
  deleted: boolean;
  rejected: boolean;
  /** Names of the profiles applied, one per receive. */
  profiles: string[];
}

export function accountTasks(entries: readonly JournalEntry[]): TaskAccount[] {
  const accounts = new Map<string, TaskAccount>();
  for (const e of entries) {
    if (e.taskId === undefined) continue;
    let a = accounts.get(e.taskId);
    if (!a) {
      a = {
        taskId: e.taskId,
        taskType: e.taskType,
        receives: 0,
        resultsSent: 0,
        statuses: [],
        progressSent: 0,
        sendFailures: 0,
        crashes: 0,
        deleted: false,
        rejected: false,
        profiles: [],
      };
      accounts.set(e.taskId, a);
    }
    switch (e.kind) {
      case 'received':
        a.receives++;
        if (e.profile) a.profiles.push(e.profile);
        break;
      case 'result-sent':
        a.resultsSent++;
        a.statuses.push(String(e.detail?.status));
        break;
      case 'progress-sent':
        a.progressSent++;
        break;
      case 'send-failed':
        a.sendFailures++;
        break;
      case 'crashed':
        a.crashes++;
        break;
      case 'deleted':
        a.deleted = true;
        break;
      case 'rejected':
        a.rejected = true;
        a.receives++;
        if (e.detail?.answered === 'FAILED') {
          a.resultsSent++;
          a.statuses.push('FAILED');
        }
        break;
      default:
        break;
    }
  }
  return [...accounts.values()];
}
