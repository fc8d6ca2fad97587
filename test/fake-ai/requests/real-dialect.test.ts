// The fake AI's real dialect: every request type answered exactly as the GraphNode AI server
// answers today — accepted by the contract with the expected findings, never conformant — and the
// S3 objects in the real shapes.
import type { Message } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../fake-ai/graph/build-graph.ts';
import { readBundle } from '../../../fake-ai/graph/conversations.ts';
import { pythonTimestamp } from '../../../fake-ai/requests/real-dialect.ts';
import {
  CONTRACT_VERSION_ATTRIBUTE,
  type GraphOutput,
  parseMessageBody,
  validateObject,
} from '../../../src/contracts/index.ts';
import { SAMPLE_BUNDLE } from '../support/bodies.ts';
import { BUCKET, type Fixture, startFixture } from '../support/fixture.ts';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture({
    profiles: {
      profiles: {
        real: { dialect: 'real' },
        'real-failing': { dialect: 'real', outcome: 'FAILED' },
      },
    },
  });
  await fx.putObject('in/input.json', SAMPLE_BUNDLE);
  const graph = buildGraph(readBundle(JSON.parse(SAMPLE_BUNDLE)), { now: 0 });
  await fx.putObject('graphs/g.json', JSON.stringify(graph));
});
afterEach(async () => {
  await fx.close();
});

async function run(taskType: string, payload: Record<string, unknown>, profile: string) {
  await fx.drainResults();
  const taskId = await fx.submit(taskType as never, payload as never, { profile });
  await fx.advanceUntil((e) => e.taskId === taskId && e.kind === 'deleted');
  return fx.drainResults();
}

function verdicts(messages: Message[]) {
  return messages.map((m) => {
    expect(m.MessageAttributes?.[CONTRACT_VERSION_ATTRIBUTE]).toBeUndefined();
    const verdict = parseMessageBody(m.Body);
    expect(verdict.ok, verdict.ok ? '' : verdict.error.message).toBe(true);
    return {
      keys: Object.keys(JSON.parse(m.Body ?? '{}')),
      message: verdict.ok ? verdict.message : undefined,
      findings: verdict.findings.map((f) => f.rule),
    };
  });
}

describe('the real dialect', () => {
  it('writes as pydantic does: key order, naive microseconds, nine keys with nulls, [N단계] stages', async () => {
    const all = verdicts(
      await run(
        'GRAPH_GENERATION_REQUEST',
        { userId: 'u1', s3Key: 'in/input.json', includeSummary: true, chatId: 'chat-7' },
        'real',
      ),
    );
    for (const v of all) {
      expect(v.keys).toEqual(['taskId', 'taskType', 'payload', 'timestamp']);
      expect(v.findings).toContain('timestamp-without-zone');
      expect(v.message?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    }
    const progress = all.filter((v) => v.message?.taskType === 'GRAPH_GENERATION_PROGRESS');
    expect(
      progress.map(
        (v) => (v.message?.payload as { currentStage?: string } | undefined)?.currentStage,
      ),
    ).toEqual(['[1단계] 입력 데이터 로드', '[2단계] 그래프 생성', '[3단계] 결과 저장']);
    const result = all.find((v) => v.message?.taskType === 'GRAPH_GENERATION_RESULT');
    expect(Object.keys(result?.message?.payload ?? {})).toEqual([
      'userId',
      'status',
      'resultS3Key',
      'featuresS3Key',
      'error',
      'errorCode',
      'chatId',
      'summaryS3Key',
      'summaryIncluded',
    ]);
    const payload = result?.message?.payload as Record<string, unknown>;
    expect(payload).toMatchObject({ status: 'COMPLETED', error: null, chatId: 'chat-7' });
    const graph = validateObject<GraphOutput>(
      'graphOutput',
      JSON.parse(await fx.getObject(String(payload.resultS3Key))),
    );
    expect(graph.ok && graph.findings).toEqual([]);
    expect(
      graph.ok && graph.message.edges.every((e) => e.type === 'semantic' && e.confidence),
    ).toBe(true);
    const summary = validateObject(
      'summary',
      JSON.parse(await fx.getObject(String(payload.summaryS3Key))),
    );
    expect(summary.ok && summary.findings.map((f) => f.rule)).toEqual(['timestamp-without-zone']);
  });

  it('sends a FAILED summary with the graph-result payload', async () => {
    const [failed] = verdicts(
      await run(
        'GRAPH_SUMMARY_REQUEST',
        { userId: 'u1', graphS3Key: 'graphs/g.json', bucket: BUCKET },
        'real-failing',
      ),
    );
    expect(failed?.findings).toEqual([
      'timestamp-without-zone',
      'summary-failed-with-graph-payload',
    ]);
    expect(failed?.message?.payload).toMatchObject({
      errorCode: 'PROCESSING_FAILED',
      resultS3Key: null,
    });
  });

  it('answers both microscope requests in snake_case with every key', async () => {
    const [file] = verdicts(
      await run(
        'MICROSCOPE_INGEST_REQUEST',
        { user_id: 'u1', group_id: 'g1', s3_key: 'in/input.json', file_name: 'input.json' },
        'real',
      ),
    );
    expect(file?.message).toMatchObject({
      taskType: 'MICROSCOPE_INGEST_RESULT',
      payload: { user_id: 'u1', status: 'COMPLETED', block_graph_s3_key: null, errorCode: null },
    });
    const [node] = verdicts(
      await run(
        'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
        { user_id: 'u1', node_id: 'n1', node_type: 'note', group_id: 'g1' },
        'real-failing',
      ),
    );
    expect(node?.message?.payload).toMatchObject({
      status: 'FAILED',
      errorCode: 'PROCESSING_FAILED',
    });
  });

  it('formats timestamps as datetime.utcnow().isoformat() does', () => {
    expect(pythonTimestamp(Date.UTC(2026, 4, 24, 8, 2, 17, 292))).toBe(
      '2026-05-24T08:02:17.292000',
    );
    expect(pythonTimestamp(Date.UTC(2026, 4, 24, 8, 2, 17))).toBe('2026-05-24T08:02:17');
  });
});
