// Undoing a start that happens in steps: each part registers how to stop it as soon as it runs,
// and the teardown runs every registered step, last first, even when some fail — so a part that
// fails to start, or to stop, never leaves the others running. Failures are collected and thrown
// together at the end, each named by its step.

export class TeardownError extends AggregateError {
  constructor(errors: { step: string; error: unknown }[]) {
    super(
      errors.map((e) => e.error),
      `${errors.length} teardown step(s) failed: ${errors
        .map((e) => `${e.step} (${(e.error as Error)?.message ?? String(e.error)})`)
        .join('; ')}`,
    );
    this.name = 'TeardownError';
  }
}

export class Teardown {
  readonly #steps: { step: string; run: () => unknown }[] = [];
  #running: Promise<void> | undefined;

  /** Registers how to undo a part that now runs; undone before everything registered earlier. */
  add(step: string, run: () => unknown): void {
    this.#steps.push({ step, run });
  }

  /**
   * Runs every step once, newest first, whatever earlier steps did; throws a TeardownError
   * naming each step that failed. A second call waits for the first one.
   */
  run(): Promise<void> {
    this.#running ??= (async () => {
      const failed: { step: string; error: unknown }[] = [];
      for (const { step, run } of this.#steps.splice(0).reverse()) {
        try {
          await run();
        } catch (error) {
          failed.push({ step, error });
        }
      }
      if (failed.length > 0) throw new TeardownError(failed);
    })();
    return this.#running;
  }

  /**
   * Starts something with `start`; if it fails, tears down what ran so far and rethrows the start
   * failure (with the teardown's own failures attached as its `cause` when there were any).
   */
  async guard<T>(start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (error) {
      await this.run().catch((teardown: unknown) => {
        if (error instanceof Error && error.cause === undefined) error.cause = teardown;
      });
      throw error;
    }
  }
}
