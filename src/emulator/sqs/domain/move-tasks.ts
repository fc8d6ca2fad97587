// Message move tasks (DLQ redrive): StartMessageMoveTask / ListMessageMoveTasks /
// CancelMessageMoveTask. A running task moves up to its rate of visible messages once per virtual
// second, as new messages, to the given destination or back to each message's original source.

import type { RandomIds } from '../../../kernel/ids.ts';
import type { Timer, TimerClock } from '../../../kernel/virtual-clock.ts';
import type { SqsEngine } from './engine.ts';
import { invalidValue, SqsError } from './errors.ts';
import { MAX_MOVE_RATE } from './limits.ts';
import type { MoveTaskStatus, MoveTaskView } from './types.ts';

/** A task as plain data (persistence). */
export type MoveTaskState = Omit<Task, 'timer'>;

interface Task {
  id: string;
  handle: string;
  status: MoveTaskStatus;
  sourceArn: string;
  destinationArn: string | undefined;
  rate: number | undefined;
  moved: number;
  toMove: number;
  failureReason: string | undefined;
  startedAt: number;
  timer: Timer | undefined;
}

const TICK_MS = 1000;

export class MoveTasks {
  readonly #engine: SqsEngine;
  readonly #clock: TimerClock;
  readonly #ids: RandomIds;
  #tasks: Task[] = [];

  constructor(engine: SqsEngine, clock: TimerClock, ids: RandomIds) {
    this.#engine = engine;
    this.#clock = clock;
    this.#ids = ids;
  }

  start(sourceArn: string, destinationArn: string | undefined, rate: number | undefined): string {
    const source = this.#engine.queueByArn(sourceArn);
    if (!source) throw missingResource('SourceArn');
    if (this.#engine.listDeadLetterSourceQueues(source.name).length === 0) {
      throw new SqsError(
        'InvalidParameterValue',
        'Source queue must be configured as a Dead Letter Queue.',
      );
    }
    if (destinationArn !== undefined && !this.#engine.queueByArn(destinationArn)) {
      throw missingResource('DestinationArn');
    }
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_MOVE_RATE)) {
      throw invalidValue(
        rate,
        'MaxNumberOfMessagesPerSecond',
        `Must be between 1 and ${MAX_MOVE_RATE}, if provided.`,
      );
    }
    if (this.#tasks.some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
      throw new SqsError(
        'InvalidParameterValue',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const id = this.#ids.uuid();
    const now = this.#clock.now();
    const task: Task = {
      id,
      handle: Buffer.from(JSON.stringify({ taskId: id, sourceArn })).toString('base64'),
      status: 'RUNNING',
      sourceArn,
      destinationArn,
      rate,
      moved: 0,
      toMove: source.counts(now).visible,
      failureReason: undefined,
      startedAt: now,
      timer: undefined,
    };
    this.#tasks.push(task);
    this.#schedule(task, now);
    this.#engine.changes?.moveTasks();
    return task.handle;
  }

  #schedule(task: Task, at: number): void {
    task.timer = this.#clock.schedule(at, () => this.#tick(task));
  }

  #tick(task: Task): void {
    this.#step(task);
    this.#engine.changes?.moveTasks();
  }

  #step(task: Task): void {
    task.timer = undefined;
    if (task.status !== 'RUNNING') return;
    const source = this.#engine.queueByArn(task.sourceArn);
    if (!source) {
      this.#fail(task, 'The source queue no longer exists.');
      return;
    }
    const now = this.#clock.now();
    const budget = Math.min(task.rate ?? MAX_MOVE_RATE, task.toMove - task.moved);
    const batch = budget > 0 ? source.take(now, budget, () => false) : [];
    for (let i = 0; i < batch.length; i++) {
      const message = batch[i]!;
      const targetArn = task.destinationArn ?? message.deadLetterSourceArn;
      const target = targetArn === undefined ? undefined : this.#engine.queueByArn(targetArn);
      if (!target) {
        // take() let go of the whole batch: this message and every one after it go back where
        // they were, receivable at once and in their old place (nothing received them).
        for (const left of batch.slice(i)) source.setVisibleAt(left, left.visibleAt, now);
        this.#fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
        return;
      }
      source.remove(message);
      this.#engine.redriveCopy(target, message);
      task.moved++;
    }
    if (task.moved >= task.toMove || batch.length === 0) {
      task.status = 'COMPLETED';
      return;
    }
    this.#schedule(task, now + TICK_MS);
  }

  #fail(task: Task, reason: string): void {
    task.status = 'FAILED';
    task.failureReason = reason;
  }

  /** Whether `handle` names one of these tasks. */
  has(handle: string): boolean {
    return this.#tasks.some((t) => t.handle === handle);
  }

  cancel(handle: string): number {
    const task = this.#tasks.find((t) => t.handle === handle);
    if (!task) {
      const sourceArn = sourceOfHandle(handle);
      if (sourceArn === undefined) {
        throw new SqsError('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.');
      }
      // AWS looks the handle's source queue up before the task.
      if (!this.#engine.queueByArn(sourceArn)) throw missingResource('SourceArn');
      throw new SqsError('ResourceNotFoundException', 'Task does not exist.');
    }
    if (task.status !== 'RUNNING') {
      throw new SqsError('UnsupportedOperation', 'Only active tasks can be cancelled.');
    }
    task.timer?.cancel();
    task.status = 'CANCELLED';
    this.#engine.changes?.moveTasks();
    return task.moved;
  }

  list(sourceArn: string, max: number | undefined): MoveTaskView[] {
    if (!this.#engine.queueByArn(sourceArn)) throw missingResource('SourceArn');
    const limit = max ?? 1;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10) {
      throw invalidValue(limit, 'MaxResults', 'Must be between 1 and 10.');
    }
    return this.#tasks
      .filter((t) => t.sourceArn === sourceArn)
      .reverse()
      .slice(0, limit)
      .map((t) => {
        const view: MoveTaskView = {
          Status: t.status,
          SourceArn: t.sourceArn,
          ApproximateNumberOfMessagesMoved: t.moved,
          ApproximateNumberOfMessagesToMove: t.toMove,
          StartedTimestamp: t.startedAt,
        };
        if (t.status === 'RUNNING') view.TaskHandle = t.handle;
        if (t.destinationArn !== undefined) view.DestinationArn = t.destinationArn;
        if (t.rate !== undefined) view.MaxNumberOfMessagesPerSecond = t.rate;
        if (t.failureReason !== undefined) view.FailureReason = t.failureReason;
        return view;
      });
  }

  reset(): void {
    for (const task of this.#tasks) task.timer?.cancel();
    this.#tasks = [];
  }

  /** Every task as plain data, oldest first. */
  snapshot(): MoveTaskState[] {
    return this.#tasks.map(({ timer: _timer, ...state }) => ({ ...state }));
  }

  /** Replaces the tasks with `states`; running ones take their next step at once. */
  restore(states: readonly MoveTaskState[]): void {
    this.reset();
    const now = this.#clock.now();
    for (const state of states) {
      const task: Task = { ...state, timer: undefined };
      this.#tasks.push(task);
      if (task.status === 'RUNNING') this.#schedule(task, now);
    }
  }
}

/** The source ARN a task handle (base64 of a task id and source ARN) names; undefined if none. */
function sourceOfHandle(handle: string): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(handle, 'base64').toString('utf8'));
    return typeof value === 'object' &&
      value !== null &&
      'taskId' in value &&
      typeof value.taskId === 'string' &&
      'sourceArn' in value &&
      typeof value.sourceArn === 'string'
      ? value.sourceArn
      : undefined;
  } catch {
    return undefined;
  }
}

function missingResource(parameter: 'SourceArn' | 'DestinationArn'): SqsError {
  return new SqsError(
    'ResourceNotFoundException',
    `The resource that you specified for the ${parameter} parameter doesn't exist.`,
  );
}
