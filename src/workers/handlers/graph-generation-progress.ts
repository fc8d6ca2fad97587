// GRAPH_GENERATION_PROGRESS: moves the task to PROCESSING and forward, by stage then percent
// within the stage (see progressOrder); stale, repeated and after-the-end progress changes nothing.

import { type GraphGenerationProgress, parseTimestamp } from '../../contracts/index.ts';
import { checkOwnership, effectOf } from '../../core/domain/result-policy.ts';
import { applyProgress } from '../../core/domain/transitions.ts';
import type { HandlerOutcome, HandlerPorts } from './ports.ts';

export async function handleGraphGenerationProgress(
  message: GraphGenerationProgress,
  ports: HandlerPorts,
): Promise<HandlerOutcome> {
  const { payload } = message;
  return ports.store.applyEffect({
    taskId: message.taskId,
    // Each distinct step applies once; a redelivered copy of the same step is a duplicate.
    inbox: {
      taskId: message.taskId,
      messageType: message.taskType,
      discriminator: `${payload.progressPercent}:${payload.currentStage}`.slice(0, 255),
    },
    now: ports.clock.now(),
    decide: (task) => {
      const refused = checkOwnership(task, 'GRAPH_GENERATION', payload.userId);
      if (refused || !task) return refused ?? { kind: 'reject', reason: 'unknown-task' };
      return effectOf(
        applyProgress(
          task,
          {
            progressPercent: payload.progressPercent,
            currentStage: payload.currentStage,
            etaSeconds: payload.etaSeconds,
            // A timestamp without a zone is the AI server's UTC (finding timestamp-without-zone).
            sentAt: parseTimestamp(message.timestamp) ?? null,
          },
          ports.clock.now(),
        ),
        ports,
      );
    },
  });
}
