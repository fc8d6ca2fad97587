// Choosing a profile per request, end to end: by message attribute, by user id rule, and changed
// at run time through the control API, with the journal naming the profile applied.
import { afterEach, describe, expect, it } from 'vitest';
import { contractBodies, SAMPLE_BUNDLE } from '../support/bodies.ts';
import { type Fixture, startFixture } from '../support/fixture.ts';

let fx: Fixture;
afterEach(async () => {
  await fx.close();
});

const statusOf = async (taskIds: string[]) => {
  const results = contractBodies(await fx.drainResults()).filter((m) =>
    m.taskType.endsWith('_RESULT'),
  );
  return taskIds.map(
    (id) =>
      (results.find((m) => m.taskId === id)?.payload as { status?: string } | undefined)?.status,
  );
};

describe('profile selection', () => {
  it('per message: the fakeAiProfile attribute, then user id rules, then the default', async () => {
    fx = await startFixture({ profiles: { rules: [{ userId: 'u-bad', profile: 'failing' }] } });
    await fx.putObject('in/input.json', SAMPLE_BUNDLE);
    const byAttribute = await fx.submit(
      'GRAPH_GENERATION_REQUEST',
      { userId: 'u-ok', s3Key: 'in/input.json' },
      { profile: 'failing' },
    );
    const byRule = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u-bad',
      s3Key: 'in/input.json',
    });
    const byDefault = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u-ok',
      s3Key: 'in/input.json',
    });
    for (const id of [byAttribute, byRule, byDefault]) {
      await fx.advanceUntil((e) => e.taskId === id && e.kind === 'deleted');
    }
    expect(await statusOf([byAttribute, byRule, byDefault])).toEqual([
      'FAILED',
      'FAILED',
      'COMPLETED',
    ]);
    const received = fx.fakeAi.journal.entries({ kind: 'received' });
    expect(received.map((e) => [e.profile, e.detail?.reason])).toEqual([
      ['failing', 'attribute fakeAiProfile'],
      ['failing', 'rule #0'],
      ['default', 'default'],
    ]);
  });

  it('at run time, through the control API; the journal is readable there too', async () => {
    fx = await startFixture({ controlPort: 0 });
    await fx.putObject('in/input.json', SAMPLE_BUNDLE);
    const url = fx.fakeAi.controlUrl as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const put = await fetch(`${url}/profiles/default`, {
      method: 'PUT',
      body: JSON.stringify({ duplicates: { copies: 1 } }),
    });
    expect(put.status).toBe(200);
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u1',
      s3Key: 'in/input.json',
    });
    await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
    const journal = (await (
      await fetch(`${url}/journal?taskId=${taskId}&kind=result-sent`)
    ).json()) as { entries: unknown[] };
    expect(journal.entries).toHaveLength(2);
    expect(await statusOf([taskId])).toEqual(['COMPLETED']);
  });
});
