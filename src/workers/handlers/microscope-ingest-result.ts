// MICROSCOPE_INGEST_RESULT and MICROSCOPE_INGEST_FROM_NODE_RESULT: the AI server has ingested a
// raw file or one of the user's nodes into a microscope group. The effect is the task's terminal
// transition only (the back end's graph database persistence is out of our scope); the result key
// recorded is the standardized output, when the AI names one.

import type {
  MicroscopeIngestFromNodeResult,
  MicroscopeIngestResult,
} from '../../contracts/index.ts';
import { decideResult } from '../../core/domain/result-policy.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';

export function handleMicroscopeIngestResult(
  message: MicroscopeIngestResult | MicroscopeIngestFromNodeResult,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload, taskId } = message;
  const kind =
    message.taskType === 'MICROSCOPE_INGEST_RESULT'
      ? 'MICROSCOPE_INGEST'
      : 'MICROSCOPE_INGEST_FROM_NODE';
  const owner = { ...payload, userId: payload.user_id };
  return ports.store.applyEffect({
    taskId,
    inbox: { taskId, messageType: message.taskType, discriminator: '' },
    now: ports.clock.now(),
    decide: decideResult(kind, owner, payload.standardized_s3_key ?? null, ports),
  });
}
