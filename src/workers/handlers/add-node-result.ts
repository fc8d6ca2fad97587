// ADD_NODE_RESULT: the AI server writes the user's updated graph; on COMPLETED it replaces the
// stored graph (the summary of the old graph no longer applies and is dropped with it).

import { type AddNodeResult, validateGraphOutput } from '../../contracts/index.ts';
import { storedGraphJson } from '../../core/domain/graph-edges.ts';
import { decideResult } from '../../core/domain/result-policy.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';
import { alreadyTerminal, readObject } from './result-objects.ts';

export async function handleAddNodeResult(
  message: AddNodeResult,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload, taskId } = message;
  let extra = {};
  if (payload.status === 'COMPLETED' && !(await alreadyTerminal(ports, taskId))) {
    const graph = await readObject(ports, payload.resultS3Key, 'graph output', validateGraphOutput);
    extra = {
      graph: {
        graphJson: storedGraphJson(graph.json, graph.value),
        graphS3Key: payload.resultS3Key as string,
      },
    };
  }
  return ports.store.applyEffect({
    taskId,
    inbox: { taskId, messageType: message.taskType, discriminator: '' },
    now: ports.clock.now(),
    decide: decideResult('ADD_NODE', payload, payload.resultS3Key ?? null, ports, extra),
  });
}
