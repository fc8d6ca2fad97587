// What applying one message to its task amounts to, decided by the domain before the store
// records it: a change (with the task event it notifies, and any graph or summary it attaches),
// an ignore with its reason, or a rejection.

import type { TaskEvent } from './events.ts';
import type { Task } from './task.ts';
import type { IgnoreReason } from './transitions.ts';

/** What one message does, decided from the current task inside the transaction. */
export type Effect =
  | {
      kind: 'apply';
      task: Task;
      /** Recorded with the change and delivered after commit, so each transition notifies once. */
      event: TaskEvent | null;
      graph?: { graphJson: string; graphS3Key: string };
      /**
       * Attached to the user's graph only while that graph is still the one it describes
       * (`graphS3Key`): a summary of a graph replaced in the meantime attaches to nothing.
       */
      summary?: { summaryJson: string; summaryS3Key: string; graphS3Key: string };
      /** Drop the task's outbox entry in the same transaction (dispatch given up). */
      clearOutbox?: boolean;
    }
  | { kind: 'ignore'; reason: IgnoreReason }
  /** The message cannot be applied (unknown task, wrong user): nothing is recorded. */
  | { kind: 'reject'; reason: string };
