// The harness as the back end: request messages of every type and the input objects they point
// at, shaped as the real GraphNode back end shapes them (its task-id forms, its key layout, a
// `JSON.stringify`ed envelope with a `toISOString()` timestamp, no message attributes), built and
// checked with the contracts' builders. Variants break the input (missing, corrupt, oversized).

import { readFileSync } from 'node:fs';
import {
  buildAddNodeRequest,
  buildGraphGenerationRequest,
  buildGraphSummaryRequest,
  buildMicroscopeIngestFromNodeRequest,
  buildMicroscopeIngestRequest,
  buildMicroscopeTaskId,
  buildSummaryTaskId,
  buildTaskId,
  type RequestTaskType,
} from '../../src/contracts/index.ts';
import { systemClock } from '../../src/kernel/clock.ts';
import { ulidSource } from '../../src/kernel/ids.ts';

export interface InputObject {
  key: string;
  body: string;
}

export interface PlannedRequest {
  taskId: string | undefined;
  taskType: string;
  label: string;
  body: string;
  inputs: InputObject[];
  /** Key prefix the server reads its input under (fault rules match it). */
  inputPrefix: string | undefined;
  /** What a well-behaved server answers. */
  expect: 'COMPLETED' | 'FAILED' | 'TERMINAL' | 'UNREADABLE';
}

export type InputVariant = 'ok' | 'missing' | 'corrupt' | 'oversized';

const EXAMPLES = new URL('../../contracts/examples/objects/', import.meta.url);
const BUNDLE = readFileSync(new URL('input-bundle/valid/two-conversations.json', EXAMPLES), 'utf8');
const GRAPH = readFileSync(new URL('graph-output/valid/two-clusters.json', EXAMPLES), 'utf8');
const FILE_TEXT =
  'Attention is all you need.\n\nThe transformer replaces recurrence with attention.\n\n' +
  'Results: better translation quality at lower training cost.\n';

/** Bytes of an oversized input object: larger than a server should hold without thinking. */
export const OVERSIZED_BYTES = 12 * 1024 * 1024;

export class RequestFactory {
  readonly #bucket: string;
  readonly #ulid = ulidSource(systemClock);
  #users = 0;

  constructor(bucket: string) {
    this.#bucket = bucket;
  }

  #user(): string {
    // A UUID v4 shape, distinct per request so per-user state on the server cannot mix cases.
    this.#users++;
    const n = this.#users.toString(16).padStart(12, '0');
    return `3f1c2a9e-7b4d-4e2a-9c1b-${n}`;
  }

  #variantInput(key: string, variant: InputVariant, ok: string): InputObject[] {
    switch (variant) {
      case 'ok':
        return [{ key, body: ok }];
      case 'missing':
        return [];
      case 'corrupt':
        return [{ key, body: ok.slice(0, Math.floor(ok.length / 3)) }];
      case 'oversized': {
        // Valid JSON: the same bundle with a long extra field, as a huge export would be.
        const value = JSON.parse(ok) as Record<string, unknown>;
        const padding = 'x'.repeat(OVERSIZED_BYTES);
        return [{ key, body: JSON.stringify({ ...value, attachments: padding }) }];
      }
    }
  }

  graph(variant: InputVariant = 'ok', label = 'graph generation'): PlannedRequest {
    const userId = this.#user();
    const taskId = buildTaskId(userId, this.#ulid());
    const prefix = `graph-generation/${taskId}/`;
    const message = buildGraphGenerationRequest(taskId, {
      userId,
      s3Key: prefix,
      bucket: this.#bucket,
      includeSummary: true,
      summaryLanguage: 'en',
      language: 'en',
      inputType: 'auto',
      minClusters: 3,
      maxClusters: 8,
    });
    return this.#plan(
      message,
      label,
      this.#variantInput(`${prefix}input.json`, variant, BUNDLE),
      prefix,
      variant,
    );
  }

  summary(): PlannedRequest {
    const userId = this.#user();
    const ulid = this.#ulid();
    const graphKey = `graph-generation/${buildTaskId(userId, ulid)}/graph_postprocessed.json`;
    const taskId = buildSummaryTaskId(userId, ulid);
    const message = buildGraphSummaryRequest(taskId, {
      userId,
      graphS3Key: graphKey,
      bucket: this.#bucket,
      language: 'en',
    });
    return this.#plan(message, 'graph summary', [{ key: graphKey, body: GRAPH }], graphKey, 'ok');
  }

  addNode(): PlannedRequest {
    const userId = this.#user();
    const taskId = `task_add_node_${userId}_${this.#ulid()}`;
    const key = `add-node/${taskId}/batch.json`;
    const message = buildAddNodeRequest(taskId, { userId, s3Key: key, bucket: this.#bucket });
    return this.#plan(message, 'add node', [{ key, body: BUNDLE }], `add-node/${taskId}/`, 'ok');
  }

  microscopeFile(): PlannedRequest {
    const userId = this.#user();
    const taskId = buildMicroscopeTaskId('file', userId, this.#ulid(), true);
    const key = `microscope/${userId}/paper.txt`;
    const message = buildMicroscopeIngestRequest(taskId, {
      user_id: userId,
      group_id: 'group-1',
      s3_key: key,
      bucket: this.#bucket,
      file_name: 'paper.txt',
      schema_name: 'research',
      ingest_mode: 'raw_file',
      block_mode: true,
    });
    return this.#plan(message, 'microscope file ingest', [{ key, body: FILE_TEXT }], key, 'ok');
  }

  microscopeNode(): PlannedRequest {
    const userId = this.#user();
    const taskId = buildMicroscopeTaskId('node', userId, this.#ulid(), false);
    const message = buildMicroscopeIngestFromNodeRequest(taskId, {
      user_id: userId,
      node_id: 'note-7',
      node_type: 'note',
      group_id: 'group-1',
      language: 'en',
      ingest_mode: 'from_graphnode',
      block_mode: false,
    });
    return this.#plan(message, 'microscope ingest from a node', [], undefined, 'ok');
  }

  /** One request of every request type. */
  everyType(): PlannedRequest[] {
    return [
      this.graph(),
      this.summary(),
      this.addNode(),
      this.microscopeFile(),
      this.microscopeNode(),
    ];
  }

  /** A body that is not JSON: no task id can be read from it. */
  malformed(): PlannedRequest {
    return {
      taskId: undefined,
      taskType: '(not JSON)',
      label: 'malformed body (not JSON)',
      body: '{"taskId": task_without_quotes, "taskType": GRAPH_GENERATION_REQUEST',
      inputs: [],
      inputPrefix: undefined,
      expect: 'UNREADABLE',
    };
  }

  /** A well-formed envelope with a task type no catalogue has. */
  unknownType(): PlannedRequest {
    const userId = this.#user();
    const taskId = buildTaskId(userId, this.#ulid());
    const body = JSON.stringify({
      taskId,
      taskType: 'GRAPH_TELEPORT_REQUEST',
      timestamp: new Date().toISOString(),
      payload: { userId },
    });
    return {
      taskId,
      taskType: 'GRAPH_TELEPORT_REQUEST',
      label: 'unknown task type',
      body,
      inputs: [],
      inputPrefix: undefined,
      expect: 'UNREADABLE',
    };
  }

  #plan(
    message: { taskId: string; taskType: RequestTaskType },
    label: string,
    inputs: InputObject[],
    inputPrefix: string | undefined,
    variant: InputVariant,
  ): PlannedRequest {
    return {
      taskId: message.taskId,
      taskType: message.taskType,
      label: variant === 'ok' ? label : `${label}, input ${variant}`,
      // The real back end: JSON.stringify of the envelope, no message attributes.
      body: JSON.stringify(message),
      inputs,
      inputPrefix,
      expect:
        variant === 'missing' || variant === 'corrupt'
          ? 'FAILED'
          : variant === 'oversized'
            ? 'TERMINAL'
            : 'COMPLETED',
    };
  }
}
