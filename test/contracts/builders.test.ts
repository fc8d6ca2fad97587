// Message builders: envelope and timestamp filled in, strictly validated, so a producer cannot
// emit an off-contract message.
import { describe, expect, it } from 'vitest';
import {
  buildAddNodeRequest,
  buildAddNodeResult,
  buildGraphGenerationProgress,
  buildGraphGenerationRequest,
  buildGraphGenerationResult,
  buildGraphSummaryRequest,
  buildGraphSummaryResult,
  buildMessage,
  buildTaskId,
  CONTRACT_VERSION,
  CONTRACT_VERSION_ATTRIBUTE,
  ContractViolationError,
  contractMessageAttributes,
  encodeForSqs,
  isCompatibleContractVersion,
  type PayloadOf,
} from '../../src/contracts/index.ts';

const taskId = buildTaskId('user-42', '01JDQ6Z3X4K8M2N5P7R9S1T3V5');
const at = Date.UTC(2026, 10, 26, 7, 0, 0, 0);

describe('builders', () => {
  it('build every message type with the envelope and pinned timestamp', () => {
    const built = [
      buildGraphGenerationRequest(taskId, { userId: 'user-42', s3Key: 'graph-generation/t/' }, at),
      buildGraphGenerationProgress(
        taskId,
        { userId: 'user-42', currentStage: 'clustering', progressPercent: 50, etaSeconds: 12 },
        at,
      ),
      buildGraphGenerationResult(
        taskId,
        { userId: 'user-42', status: 'FAILED', error: 'boom' },
        at,
      ),
      buildGraphSummaryRequest(
        taskId,
        { userId: 'user-42', graphS3Key: 'g.json', bucket: 'payloads' },
        at,
      ),
      buildGraphSummaryResult(
        taskId,
        { userId: 'user-42', status: 'COMPLETED', summaryS3Key: 's.json' },
        at,
      ),
      buildAddNodeRequest(taskId, { userId: 'user-42', s3Key: 'add-node/t/input.json' }, at),
      buildAddNodeResult(
        taskId,
        { userId: 'user-42', status: 'COMPLETED', resultS3Key: 'r.json' },
        at,
      ),
    ];
    for (const message of built) {
      expect(message).toMatchObject({ taskId, timestamp: '2026-11-26T07:00:00.000Z' });
    }
    expect(built.map((m) => m.taskType)).toEqual([
      'GRAPH_GENERATION_REQUEST',
      'GRAPH_GENERATION_PROGRESS',
      'GRAPH_GENERATION_RESULT',
      'GRAPH_SUMMARY_REQUEST',
      'GRAPH_SUMMARY_RESULT',
      'ADD_NODE_REQUEST',
      'ADD_NODE_RESULT',
    ]);
  });

  it('read the injected clock', () => {
    let now = at;
    const clock = () => now;
    const first = buildMessage('ADD_NODE_REQUEST', taskId, { userId: 'u', s3Key: 'k' }, clock);
    now += 1500;
    const second = buildMessage('ADD_NODE_REQUEST', taskId, { userId: 'u', s3Key: 'k' }, clock);
    expect([first.timestamp, second.timestamp]).toEqual([
      '2026-11-26T07:00:00.000Z',
      '2026-11-26T07:00:01.500Z',
    ]);
  });

  it('refuse an off-contract payload that slipped past the types', () => {
    const payload = { user_id: 'user-42', s3Key: 'k' } as unknown as PayloadOf<'ADD_NODE_REQUEST'>;
    expect(() => buildAddNodeRequest(taskId, payload, at)).toThrow(ContractViolationError);
    expect(() => buildAddNodeRequest('task-42', { userId: 'u', s3Key: 'k' }, at)).toThrow(
      'ADD_NODE_REQUEST: /taskId must be a task id of the form the back end makes for this type',
    );
  });
});

describe('contract version on the wire', () => {
  it('is semver and travels as the contractVersion attribute', () => {
    expect(CONTRACT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(CONTRACT_VERSION_ATTRIBUTE).toBe('contractVersion');
    expect(contractMessageAttributes()).toEqual({
      contractVersion: { DataType: 'String', StringValue: CONTRACT_VERSION },
    });
  });

  it('encodes a message for SQS with its body and attribute', () => {
    const message = buildAddNodeRequest(taskId, { userId: 'u', s3Key: 'k' }, at);
    const encoded = encodeForSqs(message);
    expect(JSON.parse(encoded.body)).toEqual(message);
    expect(encoded.attributes.contractVersion.StringValue).toBe(CONTRACT_VERSION);
  });

  it('accepts the same major version and refuses another', () => {
    const major = Number(CONTRACT_VERSION.split('.')[0]);
    expect(isCompatibleContractVersion(CONTRACT_VERSION)).toBe(true);
    expect(isCompatibleContractVersion(`${major}.99.0`)).toBe(true);
    expect(isCompatibleContractVersion(`${major + 1}.0.0`)).toBe(false);
    expect(isCompatibleContractVersion('banana')).toBe(false);
    expect(isCompatibleContractVersion(undefined)).toBe(true);
  });
});
