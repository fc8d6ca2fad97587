// Poison: a result the worker cannot apply (its graph object is missing) is received five times,
// never applied, parked in the result DLQ with receive count 5; once the object is restored (the
// fix) a redrive brings it back and it completes.
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { EXTERNAL_POISON, type ScenarioDefinition, type StackContext } from '../model.ts';

/**
 * The fix: the graph of every poison task is restored (copied from a healthy task). The keys come
 * from the tasks themselves, not from peeking the DLQ: on a shared, busy target (LocalStack) an
 * empty peek does not prove the DLQ empty, and a missed key would send its result back to the DLQ.
 */
async function restoreMissingGraphs(ctx: StackContext): Promise<void> {
  const healthyTask = [...ctx.submitted].find(([, user]) => user === 'healthy')?.[0];
  if (!healthyTask) throw new Error('no healthy task to restore the missing graphs from');
  for (const [taskId, user] of ctx.submitted) {
    if (user !== 'poison') continue;
    await ctx.s3.send(
      new CopyObjectCommand({
        Bucket: ctx.bucket,
        Key: `graph-generation/${taskId}/graph.json`,
        CopySource: `${ctx.bucket}/graph-generation/${healthyTask}/graph.json`,
      }),
    );
  }
}

export const poisonRedrive: ScenarioDefinition = {
  name: 'poison-redrive',
  title: 'Poison result → DLQ after 5 receives → redrive after the fix',
  given: [
    'a result queue with RedrivePolicy maxReceiveCount 5 and visibility 300 s',
    'an AI that forgets to write 5 graph objects',
  ],
  when: [
    '10 healthy and 5 poison tasks are submitted',
    'after they settle, the graph objects are restored and the DLQ redriven',
  ],
  outcomes: [
    'the 5 poison results are in the DLQ, each received exactly 5 times, never applied',
    'after the redrive they complete once',
    'the healthy tasks complete untouched',
  ],
  // Five 300 s visibility timeouts: run the clock fast (400 virtual ms per real ms).
  setup: { timeScale: 400 },
  faults: { infrastructure: ['result objects missing in S3 until the fix'] },
  needsEmulator: true,
  external: { setup: EXTERNAL_POISON, settleTimeoutMs: 90_000 },
  load: [
    { user: 'healthy', count: 10, expect: 'COMPLETED' },
    { user: 'poison', count: 5, profile: 'missing-object', expect: 'DLQ' },
  ],
  expectAfter: { poison: 'COMPLETED' },
  steps: {
    after: async (ctx) => {
      await restoreMissingGraphs(ctx);
      await ctx.redriveResults();
    },
  },
};
