// One result-queue message, start to finish, without SQS: check the contract version and the body
// against the contracts, route by taskType, apply, deliver the task's pending events, and decide
// whether the message may be deleted. Only a committed (or already committed) effect acks; anything
// that cannot apply is left for redelivery so it reaches the DLQ after five receives.

import {
  CONTRACT_VERSION_ATTRIBUTE,
  isCompatibleContractVersion,
  isResultQueueTaskType,
  parseMessageBody,
} from '../contracts/index.ts';
import { MANIFEST } from '../contracts/manifest.ts';
import { type Log, withBindings } from '../core/ports/log.ts';
import type { Notifier } from '../core/ports/notifier.ts';
import { deliverPendingEvents } from '../core/services/event-delivery.ts';
import { type HandlerPorts, routeMessage, UnprocessableMessageError } from './handlers/index.ts';
import type { MessageVerdict, WorkerMetrics } from './metrics.ts';

export interface IncomingMessage {
  messageId: string;
  body: string | undefined;
  /** String message attributes by name. */
  attributes: Record<string, string | undefined>;
  receiveCount: number;
}

export interface ProcessDeps extends HandlerPorts {
  notifier: Notifier;
  metrics: WorkerMetrics;
  /** The result queue's redrive maxReceiveCount (default: the contract's, 5). */
  maxReceiveCount?: number;
}

export interface ProcessResult {
  ack: boolean;
  verdict: MessageVerdict;
  taskId?: string;
  reason?: string;
}

export async function processMessage(
  incoming: IncomingMessage,
  deps: ProcessDeps,
): Promise<ProcessResult> {
  deps.metrics.received++;
  let log: Log = withBindings(deps.log, {
    messageId: incoming.messageId,
    receiveCount: incoming.receiveCount,
  });
  const maxReceives = deps.maxReceiveCount ?? MANIFEST.redrive.maxReceiveCount;
  /** Leaves the message for redelivery, logged and counted; the last receive is called out. */
  const leave = (
    verdict: 'rejected' | 'failed',
    reason: string,
    detail: Record<string, unknown>,
    taskId?: string,
  ): ProcessResult => {
    deps.metrics.count(verdict, reason);
    if (incoming.receiveCount >= maxReceives) {
      deps.metrics.deadLettered++;
      log.error(
        { reason, ...detail, maxReceives },
        'message left unapplied on its last receive; the queue moves it to the DLQ next',
      );
    } else {
      log.warn(
        { reason, ...detail, maxReceives },
        'message left for redelivery; it goes to the DLQ after the last receive',
      );
    }
    return { ack: false, verdict, reason, ...(taskId ? { taskId } : {}) };
  };
  const refuse = (reason: string, detail: string, taskId?: string): ProcessResult =>
    leave('rejected', reason, { detail }, taskId);

  const version = incoming.attributes[CONTRACT_VERSION_ATTRIBUTE];
  if (!isCompatibleContractVersion(version)) {
    return refuse(
      'contract-version',
      `contract version ${version} is not compatible with this worker`,
    );
  }
  // The tolerant reader: an accepted message applies whatever its findings; they are counted.
  const parsed = parseMessageBody(incoming.body);
  if (!parsed.ok) return refuse('contract-violation', parsed.error.message);
  const message = parsed.message;
  log = log.child({ taskId: message.taskId, taskType: message.taskType });
  if (parsed.findings.length > 0) {
    const rules = parsed.findings.map((f) => f.rule);
    deps.metrics.countFindings(message.taskType, rules);
    log.debug({ findings: parsed.findings }, 'accepted with findings (not conformant)');
  }
  if (!isResultQueueTaskType(message.taskType)) {
    return refuse(
      'wrong-queue',
      `${message.taskType} does not belong on the result queue`,
      message.taskId,
    );
  }

  try {
    const outcome = await routeMessage(message as Parameters<typeof routeMessage>[0], {
      ...deps,
      log,
    });
    if (outcome.kind === 'rejected') return refuse(outcome.reason, outcome.reason, message.taskId);
    // Deliver whatever this task still owes its user, including events of an earlier copy whose
    // notification failed after commit; a copy handled at the same time finds each event claimed
    // and leaves it to the copy publishing it.
    await deliverPendingEvents(deps, message.taskId);
    const verdict: MessageVerdict = outcome.kind;
    deps.metrics.count(verdict, outcome.kind === 'ignored' ? outcome.reason : undefined);
    // One info line per result; progress steps (several per task) only at debug, so a busy
    // worker does not spend its time writing them.
    const level = message.taskType === 'GRAPH_GENERATION_PROGRESS' ? 'debug' : 'info';
    log[level](
      {
        verdict,
        ...(outcome.kind === 'ignored' ? { reason: outcome.reason } : {}),
        ...(outcome.kind === 'applied' ? { status: outcome.task.status } : {}),
      },
      'message processed',
    );
    return {
      ack: true,
      verdict,
      taskId: message.taskId,
      ...(outcome.kind === 'ignored' ? { reason: outcome.reason } : {}),
    };
  } catch (error) {
    if (error instanceof UnprocessableMessageError) {
      return refuse(error.reason, error.message, message.taskId);
    }
    const reason = error instanceof Error ? error.name : 'unknown-error';
    return leave('failed', reason, { err: error }, message.taskId);
  }
}
