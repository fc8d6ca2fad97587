// The fake AI with its default profile against the emulator: a request becomes progress, one
// result, the S3 objects and a delete.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parseMessageBody,
  validateGraphOutput,
  validateSummary,
} from '../../../src/contracts/index.ts';
import { BUCKET, type Fixture, startFixture } from '../support/fixture.ts';

const SAMPLE = readFileSync(
  new URL('../../fixtures/chat-export-sample.json', import.meta.url),
  'utf8',
);
const bodies = (messages: { Body?: string }[]) =>
  messages.map((m) => {
    const parsed = parseMessageBody(m.Body);
    if (!parsed.ok) throw parsed.error;
    return parsed.message;
  });

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('fake AI, default profile, against the emulator', () => {
  it('turns a graph generation request into progress, one result, S3 objects and a delete', async () => {
    await fx.putObject(
      'graph-generation/in/input.json',
      JSON.stringify({ conversations: JSON.parse(SAMPLE) }),
    );
    const taskId = await fx.submit('GRAPH_GENERATION_REQUEST', {
      userId: 'u1',
      s3Key: 'graph-generation/in/input.json',
      includeSummary: true,
    });
    await fx.fakeAi.journal.waitFor((e) => e.taskId === taskId && e.kind === 'deleted');

    const messages = bodies(await fx.drainResults());
    const progress = messages.filter((m) => m.taskType === 'GRAPH_GENERATION_PROGRESS');
    const results = messages.filter((m) => m.taskType === 'GRAPH_GENERATION_RESULT');
    expect(progress.map((m) => (m.payload as { progressPercent: number }).progressPercent)).toEqual(
      [10, 40, 80],
    );
    expect(results).toHaveLength(1);
    const result = results[0];
    expect(result).toMatchObject({
      taskId,
      payload: {
        userId: 'u1',
        status: 'COMPLETED',
        resultS3Key: `graph-generation/${taskId}/graph.json`,
        featuresS3Key: `graph-generation/${taskId}/features.json`,
        summaryIncluded: true,
        summaryS3Key: `graph-generation/${taskId}/summary.json`,
      },
    });
    const graph = validateGraphOutput(
      JSON.parse(await fx.getObject(`graph-generation/${taskId}/graph.json`)),
    );
    expect(graph.ok).toBe(true);
    if (graph.ok) expect(graph.message.nodes).toHaveLength(20);
    expect(
      validateSummary(JSON.parse(await fx.getObject(`graph-generation/${taskId}/summary.json`))).ok,
    ).toBe(true);
    expect(await fx.queueCounts(fx.requestQueueUrl)).toEqual({ visible: 0, inFlight: 0 });

    const kinds = fx.fakeAi.journal.entries({ taskId }).map((e) => e.kind);
    expect(kinds).toEqual([
      'received',
      'progress-sent',
      'progress-sent',
      'progress-sent',
      'object-written',
      'object-written',
      'object-written',
      'result-sent',
      'deleted',
    ]);
    const received = fx.fakeAi.journal.entries({ taskId, kind: 'received' })[0];
    expect(received).toMatchObject({ receiveCount: 1, profile: 'default' });
    expect(received?.requestMessageId).toEqual(expect.any(String));
    const sent = fx.fakeAi.journal.entries({ taskId, kind: 'result-sent' })[0];
    expect(sent?.sentMessageId).toEqual(expect.any(String));
    expect(BUCKET).toBe('graphnode-payloads');
  });
});
