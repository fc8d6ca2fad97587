// Terminal task events as the API's event feed delivers them (the worker publishes each right after
// its commit): when each task ended, and how many terminal events each task got.
import type { TaskEvent } from '../../src/core/domain/events.ts';

export class Completions {
  /** Terminal events received, by task id: exactly one each is the verdict. */
  readonly terminals = new Map<string, number>();
  /** performance.now() of each task's first terminal event. */
  readonly at = new Map<string, number>();
  readonly #waiters = new Map<string, () => void>();

  onEvent(event: TaskEvent): void {
    if (event.type === 'task.progress') return;
    this.terminals.set(event.taskId, (this.terminals.get(event.taskId) ?? 0) + 1);
    if (this.at.has(event.taskId)) return;
    this.at.set(event.taskId, performance.now());
    this.#waiters.get(event.taskId)?.();
  }

  /** Resolves true once the task has ended, false if it has not within `timeoutMs`. */
  whenTerminal(taskId: string, timeoutMs: number): Promise<boolean> {
    if (this.at.has(taskId)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(taskId);
        resolve(false);
      }, timeoutMs);
      this.#waiters.set(taskId, () => {
        clearTimeout(timer);
        this.#waiters.delete(taskId);
        resolve(true);
      });
    });
  }
}
