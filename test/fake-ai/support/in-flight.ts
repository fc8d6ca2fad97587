// Counts a client's AWS calls in progress (long polls excepted, they are always waiting), so a
// test moves the clock only when the fake AI is waiting on time, not in the middle of a call.
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';

export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];

  track(client: SQSClient | S3Client): void {
    // Typed loosely on purpose: the same middleware serves both clients' stacks.
    const stack = client.middlewareStack as unknown as {
      add(
        mw: (
          next: (a: unknown) => Promise<unknown>,
          ctx: { commandName?: string },
        ) => (a: unknown) => Promise<unknown>,
        opts: { step: 'initialize'; name: string },
      ): void;
    };
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand') return next(args);
        this.#count++;
        try {
          return await next(args);
        } finally {
          this.#count--;
          if (this.#count === 0) {
            const waiters = this.#waiters;
            this.#waiters = [];
            for (const wake of waiters) wake();
          }
        }
      },
      { step: 'initialize', name: 'testInFlightCounter' },
    );
  }

  get count(): number {
    return this.#count;
  }

  idle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
