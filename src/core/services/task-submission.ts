// The producer: accepts a generation, summary, add-node or microscope ingest request for a user.
// Order matters:
// 1. build and validate the request message first (no side effect for off-contract input);
// 2. upload the input bundle to S3 (the claim check the message points at);
// 3. record the task PENDING together with its outbox entry and idempotency key (one transaction);
// 4. try to send at once; if that fails the outbox relay retries, and eventually fails the task.
// Uploading before recording means no relay can ever send a message whose input is not there yet.
// An upload whose task is not recorded — the store failed, or a concurrent request with the same
// Idempotency-Key recorded its task first — is removed again (best effort: a failed removal leaves
// only an unreferenced object, logged).

import {
  buildMessage,
  buildMicroscopeTaskId,
  type ContractViolation,
  ContractViolationError,
  type RequestMessage,
  validateInputBundle,
} from '../../contracts/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { IdSource } from '../../kernel/ids.ts';
import { fingerprint } from '../domain/fingerprint.ts';
import { newPendingTask, newTaskId, type Task, type TaskKind } from '../domain/task.ts';
import { type Log, silentLog, withBindings } from '../ports/log.ts';
import type { PayloadStore } from '../ports/payloads.ts';
import type { CreateTaskResult, Store } from '../ports/store.ts';
import type { OutboxRelay } from './outbox-relay.ts';

export interface GenerationOptions {
  includeSummary?: boolean;
  summaryLanguage?: string;
  language?: string;
  minClusters?: number;
  maxClusters?: number;
  chatId?: string;
}

export type SubmitRequest = { userId: string; idempotencyKey: string | null } & (
  | { kind: 'GRAPH_GENERATION'; conversations: unknown[]; options: GenerationOptions }
  | { kind: 'ADD_NODE'; conversations: unknown[]; options: { language?: string } }
  | { kind: 'GRAPH_SUMMARY'; options: { language?: string; chatId?: string } }
  | { kind: 'MICROSCOPE_INGEST'; options: MicroscopeFileOptions }
  | { kind: 'MICROSCOPE_INGEST_FROM_NODE'; options: MicroscopeNodeOptions }
);

/** A raw file the user already uploaded under microscope/{userId}/, ingested into a group. */
export interface MicroscopeFileOptions {
  groupId: string;
  s3Key: string;
  fileName: string;
  schemaName?: string;
  /** The back end waits for the ingest (task id ends in _block) or not (_nonblock). */
  blocking?: boolean;
}

/** One of the user's notes or conversations, ingested into a group. */
export interface MicroscopeNodeOptions {
  groupId: string;
  nodeId: string;
  nodeType: 'note' | 'conversation';
  schemaName?: string;
  language?: string;
  blocking?: boolean;
}

/** The id the back end gives the task: a microscope ingest's names its source and blocking. */
function taskIdFor(request: SubmitRequest, ulid: string): string {
  const checked = newTaskId(request.userId, ulid);
  if (request.kind === 'MICROSCOPE_INGEST' || request.kind === 'MICROSCOPE_INGEST_FROM_NODE') {
    const source = request.kind === 'MICROSCOPE_INGEST' ? 'file' : 'node';
    return buildMicroscopeTaskId(source, request.userId, ulid, request.options.blocking === true);
  }
  return checked;
}

export type SubmitOutcome =
  | { kind: 'accepted'; task: Task; replayed: boolean }
  /** The idempotency key was used before with a different request. */
  | { kind: 'idempotency-key-reused'; taskId: string }
  /** A summary was asked for before the user has a graph. */
  | { kind: 'no-graph' }
  | { kind: 'invalid-input'; violations: ContractViolation[] };

export interface SubmissionDeps {
  store: Store;
  payloads: PayloadStore;
  relay: OutboxRelay;
  clock: Clock;
  ids: IdSource;
  log?: Log;
}

/** The kinds whose request carries an uploaded conversation bundle. */
type BundleKind = Extract<TaskKind, 'GRAPH_GENERATION' | 'ADD_NODE'>;

const INPUT_PREFIX: Record<BundleKind, string> = {
  GRAPH_GENERATION: 'graph-generation',
  ADD_NODE: 'add-node',
};

/** The request message each bundle-carrying kind is sent as. */
const REQUEST_TYPE = {
  GRAPH_GENERATION: 'GRAPH_GENERATION_REQUEST',
  ADD_NODE: 'ADD_NODE_REQUEST',
} as const satisfies Record<BundleKind, string>;

export function inputKeyFor(kind: BundleKind, taskId: string): string {
  return `${INPUT_PREFIX[kind]}/${taskId}/input.json`;
}

export class TaskSubmission {
  readonly #d: SubmissionDeps & { log: Log };

  constructor(deps: SubmissionDeps) {
    this.#d = { log: silentLog, ...deps };
  }

  async submit(request: SubmitRequest): Promise<SubmitOutcome> {
    const { store, payloads, clock, ids, relay } = this.#d;
    // Only keyed requests need a fingerprint; hashing a large body for nothing is skipped.
    const print =
      request.idempotencyKey === null
        ? ''
        : fingerprint({
            kind: request.kind,
            options: request.options,
            conversations: 'conversations' in request ? request.conversations : null,
          });
    if (request.idempotencyKey !== null) {
      const found = await store.findByIdempotencyKey(request.userId, request.idempotencyKey);
      if (found) return this.#replay(found.task, found.fingerprint === print);
    }

    let bundle: { conversations: unknown[] } | null = null;
    if ('conversations' in request) {
      bundle = { conversations: request.conversations };
      const checked = validateInputBundle(bundle);
      if (!checked.ok) return { kind: 'invalid-input', violations: checked.error.violations };
    }

    const now = clock.now();
    const taskId = taskIdFor(request, ids());
    const built = await this.#buildMessage(request, taskId, now);
    if (built.kind !== 'ok') return built;
    const { message, inputKey } = built;

    const log = withBindings(this.#d.log, { taskId, userId: request.userId, kind: request.kind });
    if (bundle) {
      await payloads.putJson(inputKey, bundle);
      log.debug({ key: inputKey }, 'input bundle uploaded');
    }
    const body = JSON.stringify(message);
    const discardInput = async () => {
      if (!bundle) return;
      await payloads
        .delete(inputKey)
        .catch((error: unknown) =>
          log.warn({ err: error, key: inputKey }, 'unrecorded input bundle not removed'),
        );
    };
    let created: CreateTaskResult;
    try {
      created = await store.createTask({
        task: newPendingTask({
          taskId,
          userId: request.userId,
          kind: request.kind,
          inputS3Key: inputKey,
          now,
        }),
        requestBody: body,
        outboxAvailableAt: now + relay.leaseMs,
        idempotency:
          request.idempotencyKey === null
            ? null
            : { key: request.idempotencyKey, fingerprint: print },
      });
    } catch (error) {
      await discardInput();
      throw error;
    }
    if (created.kind !== 'created') {
      // Another request with this key recorded its task between our lookup and our insert.
      await discardInput();
      return this.#replay(created.task, created.kind === 'existing');
    }
    // The API logs the accepted task at info; this step is detail.
    log.debug({}, 'task recorded');
    // The task is recorded with its outbox entry, so any failure here is the relay's to retry.
    await relay
      .sendNow({ taskId, body })
      .catch((error: unknown) =>
        log.warn({ err: error }, 'first send failed; the relay will retry'),
      );
    return {
      kind: 'accepted',
      task: (await store.getTask(taskId)) ?? created.task,
      replayed: false,
    };
  }

  #replay(task: Task, sameRequest: boolean): SubmitOutcome {
    return sameRequest
      ? { kind: 'accepted', task, replayed: true }
      : { kind: 'idempotency-key-reused', taskId: task.taskId };
  }

  async #buildMessage(
    request: SubmitRequest,
    taskId: string,
    now: number,
  ): Promise<
    | { kind: 'ok'; message: RequestMessage; inputKey: string }
    | Extract<SubmitOutcome, { kind: 'no-graph' | 'invalid-input' }>
  > {
    const { payloads } = this.#d;
    const bucket = payloads.bucket;
    try {
      switch (request.kind) {
        case 'GRAPH_GENERATION':
        case 'ADD_NODE': {
          const inputKey = inputKeyFor(request.kind, taskId);
          const message = buildMessage(
            REQUEST_TYPE[request.kind],
            taskId,
            {
              userId: request.userId,
              s3Key: inputKey,
              bucket,
              inputType: 'chat',
              ...request.options,
            },
            now,
          );
          return { kind: 'ok', message, inputKey };
        }
        case 'GRAPH_SUMMARY': {
          const graph = await this.#d.store.getGraph(request.userId);
          if (!graph) return { kind: 'no-graph' };
          const message = buildMessage(
            'GRAPH_SUMMARY_REQUEST',
            taskId,
            { userId: request.userId, graphS3Key: graph.graphS3Key, bucket, ...request.options },
            now,
          );
          return { kind: 'ok', message, inputKey: graph.graphS3Key };
        }
        case 'MICROSCOPE_INGEST': {
          const { groupId, s3Key, fileName, schemaName, blocking } = request.options;
          // Only the user's own uploads: a key elsewhere in the bucket is not theirs to ingest.
          if (!s3Key.startsWith(`microscope/${request.userId}/`) || s3Key.includes('..')) {
            return {
              kind: 'invalid-input',
              violations: [
                {
                  path: '/options/s3Key',
                  rule: 'pattern',
                  message: `must be a key under microscope/${request.userId}/`,
                },
              ],
            };
          }
          const message = buildMessage(
            'MICROSCOPE_INGEST_REQUEST',
            taskId,
            {
              user_id: request.userId,
              group_id: groupId,
              s3_key: s3Key,
              bucket,
              file_name: fileName,
              ingest_mode: 'raw_file',
              block_mode: blocking === true,
              ...(schemaName ? { schema_name: schemaName } : {}),
            },
            now,
          );
          return { kind: 'ok', message, inputKey: s3Key };
        }
        case 'MICROSCOPE_INGEST_FROM_NODE': {
          const { groupId, nodeId, nodeType, schemaName, language, blocking } = request.options;
          const message = buildMessage(
            'MICROSCOPE_INGEST_FROM_NODE_REQUEST',
            taskId,
            {
              user_id: request.userId,
              node_id: nodeId,
              node_type: nodeType,
              group_id: groupId,
              ingest_mode: 'from_graphnode',
              block_mode: blocking === true,
              ...(schemaName ? { schema_name: schemaName } : {}),
              ...(language ? { language } : {}),
            },
            now,
          );
          // No S3 input: the node lives in the back end's own stores.
          return { kind: 'ok', message, inputKey: `node/${nodeType}/${nodeId}` };
        }
      }
    } catch (error) {
      if (error instanceof ContractViolationError) {
        return { kind: 'invalid-input', violations: error.violations };
      }
      throw error;
    }
  }
}
