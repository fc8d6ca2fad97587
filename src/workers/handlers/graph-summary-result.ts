// GRAPH_SUMMARY_RESULT: attaches the summary to the user's graph on COMPLETED.

import { type GraphSummaryResult, validateSummary } from '../../contracts/index.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';
import { alreadyTerminal, decideResult, readObject } from './shared.ts';

export async function handleGraphSummaryResult(
  message: GraphSummaryResult,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload, taskId } = message;
  let extra = {};
  if (payload.status === 'COMPLETED' && !(await alreadyTerminal(ports, taskId))) {
    const summary = await readObject(ports, payload.summaryS3Key, 'summary', validateSummary);
    extra = {
      summary: { summaryJson: summary.json, summaryS3Key: payload.summaryS3Key as string },
    };
  }
  return ports.store.applyEffect({
    taskId,
    inbox: { taskId, messageType: message.taskType, discriminator: '' },
    now: ports.clock.now(),
    decide: decideResult('GRAPH_SUMMARY', payload, payload.summaryS3Key ?? null, ports, extra),
  });
}
