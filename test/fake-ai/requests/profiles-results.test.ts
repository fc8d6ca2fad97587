// Each result-shaping profile, against the emulator: what reaches the result queue and S3, and
// what the journal says the fake AI did.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  parseMessageBody,
  validateGraphOutput,
} from '../../../src/contracts/index.ts';
import { contractBodies, SAMPLE_BUNDLE } from '../support/bodies.ts';
import { BUCKET, type Fixture, startFixture } from '../support/fixture.ts';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
  await fx.putObject('in/input.json', SAMPLE_BUNDLE);
});
afterEach(async () => {
  await fx.close();
});

async function run(profile: unknown, finalKind = 'deleted') {
  fx.fakeAi.profiles.setDefault(profile);
  const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
    userId: 'u1',
    s3Key: 'in/input.json',
  });
  await fx.advanceUntil((e) => e.taskId === taskId && e.kind === finalKind);
  return taskId;
}

describe('behaviour profiles: results', () => {
  it('FAILED: sends a FAILED result with the error text, writes nothing, deletes the request', async () => {
    const taskId = await run({ outcome: 'FAILED', error: 'GPU out of memory' });
    const [result] = contractBodies(await fx.drainResults()).filter(
      (m) => m.taskType === 'GRAPH_GENERATION_RESULT',
    );
    expect(result).toMatchObject({
      taskId,
      payload: { userId: 'u1', status: 'FAILED', error: 'GPU out of memory' },
    });
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'object-written' })).toEqual([]);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'behaviour' })[0]?.detail).toMatchObject({
      outcome: 'FAILED',
    });
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('duplicates at once: N extra identical copies of the result', async () => {
    const taskId = await run({ duplicates: { copies: 2 } });
    const results = (await fx.drainResults()).filter((m) =>
      m.Body?.includes('GRAPH_GENERATION_RESULT'),
    );
    expect(results).toHaveLength(3);
    expect(new Set(results.map((m) => m.Body)).size).toBe(1);
    expect(new Set(results.map((m) => m.MessageId)).size).toBe(3);
    const sent = fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' });
    expect(sent.map((e) => e.detail?.copy)).toEqual([0, 1, 2]);
  });

  it('duplicates later: the copy arrives delayMs after the result', async () => {
    const taskId = await run({ duplicates: { copies: 1, delayMs: 60_000 } });
    const results = () => fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' });
    expect(results()).toHaveLength(1);
    expect((await fx.drainResults()).filter((m) => m.Body?.includes('_RESULT'))).toHaveLength(1);
    const copy = await fx.advanceUntil(
      (e) => e.taskId === taskId && e.kind === 'result-sent' && e.detail?.copy === 1,
    );
    expect(Date.parse(copy.at) - Date.parse(results()[0]?.at ?? '')).toBe(60_000);
    expect((await fx.drainResults()).filter((m) => m.Body?.includes('_RESULT'))).toHaveLength(1);
  });

  it.each([
    ['invalid-json', 'json', /not valid JSON/],
    ['schema-violation', 'enum', /status must be one of "COMPLETED", "FAILED"/],
    ['snake-case', 'required', /userId is required/],
    ['wrong-task-type', 'enum', /taskType must be one of/],
  ])(
    'malformed %s: the result breaks the contract the way it was told to',
    async (malformed, rule, message) => {
      const taskId = await run({ malformed });
      const all = await fx.drainResults();
      const results = all.filter((m) => !m.Body?.includes('GRAPH_GENERATION_PROGRESS'));
      expect(results).toHaveLength(1);
      const body = results[0]?.Body ?? '';
      expect(body).toContain(taskId.slice(0, 20));
      const verdict = parseMessageBody(body);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) {
        expect(verdict.error.violations.map((v) => v.rule)).toContain(rule);
        expect(verdict.error.message).toMatch(message);
      }
      if (malformed === 'snake-case') expect(JSON.parse(body).payload.user_id).toBe('u1');
      expect(fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' })[0]?.detail).toMatchObject({
        malformed,
      });
      // Progress messages stay on contract: only the result is broken.
      expect(() =>
        contractBodies(all.filter((m) => m.Body?.includes('GRAPH_GENERATION_PROGRESS'))),
      ).not.toThrow();
    },
  );

  it('progress after the result: one more progress message follows the result', async () => {
    const taskId = await run({ progress: { enabled: true, afterResult: true } });
    const kinds = fx.fakeAi.journal.entries({ taskId }).map((e) => e.kind);
    const resultAt = kinds.indexOf('result-sent');
    expect(kinds.slice(resultAt + 1)).toEqual(['progress-sent', 'deleted']);
    const messages = contractBodies(await fx.drainResults());
    const last = messages
      .filter((m) => m.taskType === 'GRAPH_GENERATION_PROGRESS')
      .find((m) => (m.payload as { currentStage: string }).currentStage === 'finalizing');
    expect(last?.payload).toMatchObject({ progressPercent: 100, etaSeconds: 0 });
  });

  it('progress out of order: the percentages go backwards', async () => {
    const taskId = await run({ progress: { outOfOrder: true } });
    const percents = contractBodies(await fx.drainResults())
      .filter((m) => m.taskType === 'GRAPH_GENERATION_PROGRESS')
      .map((m) => (m.payload as { progressPercent: number }).progressPercent);
    expect(percents).toEqual([80, 50, 10]);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'behaviour' })[0]?.detail).toMatchObject({
      progress: { outOfOrder: true },
    });
  });

  it('no progress when disabled', async () => {
    const taskId = await run({ progress: { enabled: false } });
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'progress-sent' })).toEqual([]);
    expect(contractBodies(await fx.drainResults()).map((m) => m.taskType)).toEqual([
      'GRAPH_GENERATION_RESULT',
    ]);
  });

  it('missing result object: COMPLETED points at a key that does not exist', async () => {
    const taskId = await run({ resultObject: 'missing' });
    const [result] = contractBodies(await fx.drainResults()).filter(
      (m) => m.taskType === 'GRAPH_GENERATION_RESULT',
    );
    const key = (result?.payload as { resultS3Key?: string } | undefined)?.resultS3Key;
    expect(key).toBe(`graph-generation/${taskId}/graph.json`);
    await expect(
      fx.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'object-written' })).toEqual([]);
  });

  it('corrupt result object: the object is not the promised JSON', async () => {
    const taskId = await run({ resultObject: 'corrupt' });
    const text = await fx.getObject(`graph-generation/${taskId}/graph.json`);
    expect(text.startsWith('{"nodes":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'object-written' })[0]?.detail).toMatchObject({
      corrupt: true,
    });
  });

  it('oversize object: a valid graph padded past the size asked for', async () => {
    const taskId = await run({ oversize: { target: 'object', bytes: 3_000_000 } });
    const text = await fx.getObject(`graph-generation/${taskId}/graph.json`);
    expect(Buffer.byteLength(text)).toBe(3_000_000);
    expect(validateGraphOutput(JSON.parse(text)).ok).toBe(true);
  });

  it('oversize message: SQS refuses the result, the fake AI journals it and leaves the request', async () => {
    const taskId = await run(
      { oversize: { target: 'message', bytes: MAX_BODY_BYTES + 1 } },
      'send-failed',
    );
    const failed = fx.fakeAi.journal.entries({ taskId, kind: 'send-failed' })[0];
    expect(failed?.detail).toMatchObject({ of: 'result-sent', bytes: MAX_BODY_BYTES + 1 });
    expect(String(failed?.detail?.error)).toMatch(/InvalidParameterValue|shorter than/);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'deleted' })).toEqual([]);
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 1 });
  });
});
