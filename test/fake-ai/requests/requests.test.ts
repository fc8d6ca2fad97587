// Every request type of the catalogue, invalid requests and inputs that make a task fail, against
// the emulator with the default profile.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../fake-ai/graph/build-graph.ts';
import { readBundle } from '../../../fake-ai/graph/conversations.ts';
import { buildTaskId, validateGraphOutput, validateSummary } from '../../../src/contracts/index.ts';
import { contractBodies, SAMPLE_BUNDLE } from '../support/bodies.ts';
import { BUCKET, type Fixture, startFixture, VISIBILITY_SECONDS } from '../support/fixture.ts';

const TASK_ID = buildTaskId('u9', '01JF0000000000000000000000');

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
  await fx.putObject('in/input.json', SAMPLE_BUNDLE);
});
afterEach(async () => {
  await fx.close();
});

async function resultOf(taskId: string) {
  await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
  const results = contractBodies(await fx.drainResults()).filter((m) =>
    m.taskType.endsWith('_RESULT'),
  );
  expect(results).toHaveLength(1);
  return results[0] as { taskType: string; payload: Record<string, unknown> };
}

describe('request types', () => {
  it('GRAPH_SUMMARY_REQUEST: summarises the graph at graphS3Key', async () => {
    const graph = buildGraph(readBundle(JSON.parse(SAMPLE_BUNDLE)), { now: 0 });
    await fx.putObject('graphs/g.json', JSON.stringify(graph));
    const taskId = await fx.submit('GRAPH_SUMMARY_REQUEST', {
      userId: 'u1',
      graphS3Key: 'graphs/g.json',
      bucket: BUCKET,
      language: 'ko',
    });
    const result = await resultOf(taskId);
    expect(result).toMatchObject({
      taskType: 'GRAPH_SUMMARY_RESULT',
      payload: { status: 'COMPLETED', summaryS3Key: `graph-summary/${taskId}/summary.json` },
    });
    const summary = validateSummary(
      JSON.parse(await fx.getObject(`graph-summary/${taskId}/summary.json`)),
    );
    expect(summary.ok && summary.message.detail_level).toBe('standard');
    expect(summary.ok && summary.message.clusters.length).toBe(graph.metadata.total_clusters);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'progress-sent' })).toEqual([]);
  });

  it('GRAPH_SUMMARY_REQUEST on a graph that is not a graph: FAILED naming the object', async () => {
    await fx.putObject('graphs/bad.json', '{"nodes": "no"}');
    const taskId = await fx.submit('GRAPH_SUMMARY_REQUEST', {
      userId: 'u1',
      graphS3Key: 'graphs/bad.json',
      bucket: BUCKET,
    });
    const result = await resultOf(taskId);
    expect(result.payload).toMatchObject({ status: 'FAILED' });
    expect(result.payload.error).toMatch(
      /graph s3:\/\/graphnode-payloads\/graphs\/bad\.json: GRAPH_OUTPUT/,
    );
  });

  it('ADD_NODE_REQUEST: places the new conversations and writes them as graph output', async () => {
    const taskId = await fx.submit('ADD_NODE_REQUEST', {
      userId: 'u1',
      s3Key: 'in/input.json',
      inputType: 'chat',
    });
    const result = await resultOf(taskId);
    expect(result).toMatchObject({
      taskType: 'ADD_NODE_RESULT',
      payload: { status: 'COMPLETED', resultS3Key: `add-node/${taskId}/result.json` },
    });
    const nodes = validateGraphOutput(
      JSON.parse(await fx.getObject(`add-node/${taskId}/result.json`)),
    );
    expect(nodes.ok && nodes.message.nodes.length).toBe(3);
  });

  it('reads every .json object under a prefix, and extraS3Keys', async () => {
    await fx.putObject('bundle/a.json', SAMPLE_BUNDLE);
    await fx.putObject('bundle/b.json', JSON.stringify([{ title: 'guitar chords', mapping: {} }]));
    await fx.putObject('bundle/readme.txt', 'not a bundle');
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u1',
      s3Key: 'bundle/',
      extraS3Keys: ['in/input.json'],
    });
    await resultOf(taskId);
    const graph = JSON.parse(await fx.getObject(`graph-generation/${taskId}/graph.json`));
    expect(graph.nodes).toHaveLength(7);
  });
});

describe('tasks that fail on their input', () => {
  it.each([
    [
      'a missing input object',
      'in/none.json',
      undefined,
      /cannot read s3:\/\/graphnode-payloads\/in\/none\.json: NoSuchKey/,
    ],
    [
      'input that is not JSON',
      'in/broken.json',
      '{"conversations": [',
      /in\/broken\.json is not valid JSON/,
    ],
    ['input of the wrong shape', 'in/shape.json', '{"chats": []}', /"conversations" array/],
    [
      'an empty prefix',
      'empty/',
      undefined,
      /no \.json input objects under s3:\/\/graphnode-payloads\/empty\//,
    ],
  ])('%s: FAILED with an error naming the object', async (_, key, body, error) => {
    if (body !== undefined) await fx.putObject(key, body);
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', { userId: 'u1', s3Key: key });
    const result = await resultOf(taskId);
    expect(result.payload.status).toBe('FAILED');
    expect(result.payload.error).toMatch(error);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'object-written' })).toEqual([]);
  });
});

describe('a transient S3 failure while reading the input', () => {
  it("is not the input's fault: no FAILED result; the request comes back and completes", async () => {
    const rule = fx.emulator.faults.add({
      operation: 'GetObject',
      keyPrefix: 'in/',
      effect: { type: 'error', error: 'InternalError' },
    });
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u1',
      s3Key: 'in/input.json',
    });
    const failed = await fx.fakeAi.journal.waitFor(
      (e) => e.taskId === taskId && e.kind === 'error',
    );
    expect(JSON.stringify(failed.detail)).toMatch(/InternalError/);
    expect(fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' })).toEqual([]);
    fx.emulator.faults.remove(rule.id);
    // Unanswered, the request comes back once its visibility timeout has passed.
    fx.advance(VISIBILITY_SECONDS * 1_000);
    const result = await resultOf(taskId);
    expect(result.payload.status).toBe('COMPLETED');
  });
});

describe('invalid requests', () => {
  it('an envelope with a bad payload is answered FAILED with the violation, then deleted', async () => {
    await fx.sendRaw(
      JSON.stringify({
        taskId: TASK_ID,
        taskType: 'GRAPH_GENERATION_REQUEST',
        timestamp: '2026-11-26T08:00:00.000Z',
        payload: { userId: 'u9' },
      }),
    );
    await fx.fakeAi.journal.waitFor((e) => e.taskId === TASK_ID && e.kind === 'deleted');
    const [result] = contractBodies(await fx.drainResults());
    expect(result).toMatchObject({
      taskId: TASK_ID,
      taskType: 'GRAPH_GENERATION_RESULT',
      payload: { status: 'FAILED' },
    });
    expect((result?.payload as { error?: string } | undefined)?.error).toMatch(
      /invalid request: .*\/payload\/s3Key is required/,
    );
    expect(
      fx.fakeAi.journal.entries({ taskId: TASK_ID, kind: 'rejected' })[0]?.detail,
    ).toMatchObject({ answered: 'FAILED' });
  });

  it('an incompatible contract version is answered FAILED', async () => {
    await fx.sendRaw(
      JSON.stringify({
        taskId: TASK_ID,
        taskType: 'ADD_NODE_REQUEST',
        timestamp: '2026-11-26T08:00:00.000Z',
        payload: { userId: 'u9', s3Key: 'in/input.json' },
      }),
      { contractVersion: { DataType: 'String', StringValue: '3.0.0' } },
    );
    await fx.fakeAi.journal.waitFor((e) => e.taskId === TASK_ID && e.kind === 'deleted');
    const [result] = contractBodies(await fx.drainResults());
    expect((result?.payload as { error?: string } | undefined)?.error).toMatch(
      /contract version 3\.0\.0 is not compatible/,
    );
  });

  it('a result sent to the request queue is not a request', async () => {
    await fx.sendRaw(
      JSON.stringify({
        taskId: TASK_ID,
        taskType: 'ADD_NODE_RESULT',
        timestamp: '2026-11-26T08:00:00.000Z',
        payload: { userId: 'u9', status: 'FAILED', error: 'x' },
      }),
    );
    const rejected = await fx.fakeAi.journal.waitFor((e) => e.kind === 'rejected');
    expect(rejected.detail).toMatchObject({
      answered: false,
      problem: expect.stringMatching(/not a request type/),
    });
  });

  it.each([
    ['not JSON', 'hello'],
    [
      'snake_case user_id',
      JSON.stringify({
        taskId: TASK_ID,
        taskType: 'GRAPH_GENERATION_REQUEST',
        timestamp: '2026-11-26T08:00:00.000Z',
        payload: { user_id: 'u9', s3Key: 'k' },
      }),
    ],
  ])('%s: unanswerable, left alone, in the DLQ after five receives', async (_, body) => {
    await fx.sendRaw(body);
    for (let receive = 1; receive <= 5; receive++) {
      const entry = await fx.fakeAi.journal.waitFor(
        (e) => e.kind === 'rejected' && e.receiveCount === receive,
      );
      expect(entry.detail).toMatchObject({ answered: false });
      fx.advance(VISIBILITY_SECONDS * 1_000);
    }
    // The sixth receive moves it to the DLQ; the fake AI never sees it again.
    for (let tries = 0; (await fx.queueCounts(fx.dlqUrl)).visible === 0 && tries < 50; tries++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await fx.queueCounts(fx.dlqUrl)).toEqual({ visible: 1, inFlight: 0 });
    expect(fx.fakeAi.journal.entries({ kind: 'rejected' })).toHaveLength(5);
    expect(await fx.drainResults()).toEqual([]);
  });
});

describe('no bucket', () => {
  it('a request without bucket and no S3_PAYLOAD_BUCKET fails clearly', async () => {
    await fx.close();
    fx = await startFixture({ bucket: undefined });
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u1',
      s3Key: 'in/input.json',
    });
    const result = await resultOf(taskId);
    expect(result.payload.error).toMatch(/names no bucket and S3_PAYLOAD_BUCKET is not set/);
  });
});
