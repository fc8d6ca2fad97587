// GRAPH_SUMMARY_RESULT: on COMPLETED attaches the summary to the user's graph — the graph it was
// asked for; if a newer graph replaced it meanwhile, the task completes and the newer graph keeps
// no summary of the old one.

import { type GraphSummaryResult, validateSummary } from '../../contracts/index.ts';
import { decideResult } from '../../core/domain/result-policy.ts';
import { isTerminal } from '../../core/domain/task.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';
import { readObject } from './result-objects.ts';

export async function handleGraphSummaryResult(
  message: GraphSummaryResult,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload, taskId } = message;
  let extra = {};
  const task = await ports.store.getTask(taskId);
  if (payload.status === 'COMPLETED' && task && !isTerminal(task.status)) {
    const summary = await readObject(ports, payload.summaryS3Key, 'summary', validateSummary);
    extra = {
      summary: {
        summaryJson: summary.json,
        summaryS3Key: payload.summaryS3Key as string,
        // The graph the request summarised (its input); a newer graph keeps no stale summary.
        graphS3Key: task.inputS3Key,
      },
    };
  }
  return ports.store.applyEffect({
    taskId,
    inbox: { taskId, messageType: message.taskType, discriminator: '' },
    now: ports.clock.now(),
    decide: decideResult('GRAPH_SUMMARY', payload, payload.summaryS3Key ?? null, ports, extra),
  });
}
