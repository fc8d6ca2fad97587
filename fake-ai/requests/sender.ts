// Sending to the result queue for one request: every message goes out with the contractVersion
// attribute (none in the real dialect: the real AI server sends no attributes), in a batch shared
// with other requests' sends of the same moment, and is journaled with the MessageId SQS gave it,
// or as `send-failed` with the error.
import type { Logger } from 'pino';
import {
  buildGraphGenerationProgress,
  contractMessageAttributes,
  encodeForSqs,
} from '../../src/contracts/index.ts';
import type { Dialect } from '../profiles/profile.ts';
import { describeError, type HandlerDeps, type Log } from './deps.ts';
import { realProgressBody } from './real-dialect.ts';

export interface Sender {
  /** Sends a ready body; resolves false (journaled) when SQS refused it. */
  send(
    body: string,
    kind: 'result-sent' | 'progress-sent',
    detail: Record<string, unknown>,
  ): Promise<boolean>;
  /** Builds, validates and sends a GRAPH_GENERATION_PROGRESS message. */
  progress(
    currentStage: string,
    progressPercent: number,
    etaSeconds: number | null,
  ): Promise<boolean>;
}

export function createSender(
  deps: HandlerDeps,
  task: { taskId: string; userId: string },
  log: Log,
  logger: Logger,
  dialect: Dialect = 'conformant',
): Sender {
  const real = dialect === 'real';
  const send: Sender['send'] = async (body, kind, detail) => {
    try {
      const { messageId } = await deps.results.send({
        body,
        attributes: real ? {} : contractMessageAttributes(),
      });
      log({ kind, sentMessageId: messageId, detail });
      return true;
    } catch (error) {
      log({ kind: 'send-failed', detail: { ...detail, of: kind, error: describeError(error) } });
      logger.warn({ err: error }, `sending ${kind} failed`);
      return false;
    }
  };
  return {
    send,
    progress: (currentStage, progressPercent, etaSeconds) => {
      if (real) {
        const at = deps.clock.now();
        const body = realProgressBody(task, currentStage, progressPercent, etaSeconds, at);
        return send(body, 'progress-sent', { currentStage, progressPercent });
      }
      const message = buildGraphGenerationProgress(
        task.taskId,
        { userId: task.userId, currentStage, progressPercent, etaSeconds },
        () => deps.clock.now(),
      );
      return send(encodeForSqs(message).body, 'progress-sent', { currentStage, progressPercent });
    },
  };
}
