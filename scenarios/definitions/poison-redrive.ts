// Poison: a result the worker cannot apply (its graph object is missing) is received five times,
// never applied, parked in the result DLQ with receive count 5; once the object is restored (the
// fix) a redrive brings it back and it completes.
import { CopyObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readDlq } from '../dlq.ts';
import { EXTERNAL_POISON, type ScenarioDefinition, type StackContext } from '../model.ts';

/** The fix: every graph the parked results point at is restored (copied from a healthy task). */
async function restoreMissingGraphs(ctx: StackContext): Promise<void> {
  const listed = await ctx.s3.send(
    new ListObjectsV2Command({ Bucket: ctx.bucket, Prefix: 'graph-generation/' }),
  );
  const healthy = (listed.Contents ?? [])
    .map((o) => o.Key ?? '')
    .find((k) => k.endsWith('/graph.json'));
  if (!healthy) throw new Error('no healthy graph.json to restore the missing ones from');
  for (const key of await parkedResultKeys(ctx)) {
    await ctx.s3.send(
      new CopyObjectCommand({
        Bucket: ctx.bucket,
        Key: key,
        CopySource: `${ctx.bucket}/${healthy}`,
      }),
    );
  }
}

async function parkedResultKeys(ctx: StackContext): Promise<string[]> {
  const bodies = (await readDlq(ctx, ctx.queues.result.dlqUrl)).map((m) => m.body);
  return bodies.flatMap((body) => {
    try {
      const key = (JSON.parse(body) as { payload?: { resultS3Key?: unknown } }).payload
        ?.resultS3Key;
      return typeof key === 'string' ? [key] : [];
    } catch {
      return [];
    }
  });
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
