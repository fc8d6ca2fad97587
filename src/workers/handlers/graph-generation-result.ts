// GRAPH_GENERATION_RESULT: on COMPLETED downloads the graph (and the summary when included),
// checks them against the contract and stores them with the task's transition in one transaction;
// on FAILED records the AI's error. A second copy, or any result after the end, changes nothing.

import {
  type GraphGenerationResult,
  validateGraphOutput,
  validateSummary,
} from '../../contracts/index.ts';
import { storedGraphJson } from '../../core/domain/graph-edges.ts';
import { decideResult } from '../../core/domain/result-policy.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';
import { alreadyTerminal, readObject } from './result-objects.ts';

export async function handleGraphGenerationResult(
  message: GraphGenerationResult,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload, taskId } = message;
  const inbox = { taskId, messageType: message.taskType, discriminator: '' };
  const now = ports.clock.now();
  let extra = {};
  if (payload.status === 'COMPLETED' && !(await alreadyTerminal(ports, taskId))) {
    const graph = await readObject(ports, payload.resultS3Key, 'graph output', validateGraphOutput);
    const graphS3Key = payload.resultS3Key as string;
    extra = { graph: { graphJson: storedGraphJson(graph.json, graph.value), graphS3Key } };
    if (payload.summaryIncluded && payload.summaryS3Key) {
      const summary = await readObject(ports, payload.summaryS3Key, 'summary', validateSummary);
      extra = {
        ...extra,
        summary: { summaryJson: summary.json, summaryS3Key: payload.summaryS3Key, graphS3Key },
      };
    }
  }
  return ports.store.applyEffect({
    taskId,
    inbox,
    now,
    decide: decideResult('GRAPH_GENERATION', payload, payload.resultS3Key ?? null, ports, extra),
  });
}
