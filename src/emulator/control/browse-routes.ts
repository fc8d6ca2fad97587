// Control routes the dashboard is built on: paged message previews and full-body downloads, queue
// redrive links, purge and DLQ redrive (a StartMessageMoveTask), and S3 buckets, object pages and
// object downloads. Reads are GET and change nothing; every change is a POST.
import type { EmulatorRequest, EmulatorResponse } from '../http/types.ts';
import type { S3Service } from '../s3/index.ts';
import type { SqsEngine } from '../sqs/domain/engine.ts';
import type { MoveTasks } from '../sqs/domain/move-tasks.ts';
import {
  attachment,
  decodeSegment,
  HttpError,
  json,
  notAllowed,
  queryInt,
  readJson,
} from './http.ts';
import {
  DEFAULT_PAGE,
  MAX_PAGE,
  messageBody,
  messagePage,
  objectPage,
  queueLinks,
} from './inspect.ts';
import type { BucketView, MoveTaskProgress } from './views.ts';

export interface BrowseParts {
  engine: SqsEngine;
  moveTasks: MoveTasks;
  s3: S3Service;
}

const MESSAGES = /^\/_harness\/sqs\/queues\/([^/]+)\/messages$/;
const MESSAGE_BODY = /^\/_harness\/sqs\/queues\/([^/]+)\/messages\/([^/]+)\/body$/;
const QUEUE_ACTION = /^\/_harness\/sqs\/queues\/([^/]+)\/(purge|redrive|move-tasks)$/;
const OBJECTS = /^\/_harness\/s3\/buckets\/([^/]+)\/objects$/;
const OBJECT = /^\/_harness\/s3\/buckets\/([^/]+)\/object$/;

/** The answer for a browse route, or undefined when `path` is not one. */
export function browseRoute(
  req: EmulatorRequest,
  path: string,
  parts: BrowseParts,
): EmulatorResponse | undefined {
  try {
    return route(req, path, parts);
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(400, error.message);
    throw error;
  }
}

function route(
  req: EmulatorRequest,
  path: string,
  parts: BrowseParts,
): EmulatorResponse | undefined {
  const { method, query } = req;
  const { engine, s3 } = parts;
  const get = (): void => {
    if (method !== 'GET' && method !== 'HEAD') throw notAllowed(method, path);
  };
  if (path === '/_harness/sqs/links') {
    get();
    return json(200, queueLinks(engine));
  }
  let match = MESSAGES.exec(path);
  if (match) {
    get();
    const state = query.get('state') ?? undefined;
    if (state !== undefined && state !== 'visible' && state !== 'inflight' && state !== 'delayed') {
      throw new HttpError(400, '"state" must be visible, inflight or delayed');
    }
    const limit = queryInt(query, 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
    const cursor = query.get('cursor') ?? undefined;
    return json(200, messagePage(engine, decodeSegment(match[1]!), { state, cursor, limit }));
  }
  match = MESSAGE_BODY.exec(path);
  if (match) {
    get();
    const id = decodeSegment(match[2]!);
    const body = messageBody(engine, decodeSegment(match[1]!), id);
    if (body === undefined)
      throw new HttpError(404, `no message "${id.slice(0, 80)}" in the queue`);
    return attachment(body, `message-${id}.txt`);
  }
  match = QUEUE_ACTION.exec(path);
  if (match) {
    const name = decodeSegment(match[1]!);
    if (match[2] === 'move-tasks') {
      get();
      return json(200, moveTasks(parts, name));
    }
    if (method !== 'POST') throw notAllowed(method, path);
    if (match[2] === 'purge') {
      engine.purgeQueue(name);
      return json(200, { purged: name });
    }
    return json(201, startRedrive(parts, name, readJson(req)));
  }
  if (path === '/_harness/s3/buckets') {
    get();
    return json(
      200,
      s3.listBuckets().map((b): BucketView => ({ ...b })),
    );
  }
  match = OBJECTS.exec(path);
  if (match) {
    get();
    const bucket = decodeSegment(match[1]!);
    const page = objectPage(s3, bucket, {
      prefix: query.get('prefix') ?? '',
      cursor: query.get('cursor') ?? undefined,
      limit: queryInt(query, 'limit', DEFAULT_PAGE, 1, MAX_PAGE),
    });
    if (page === undefined) throw new HttpError(404, `no bucket "${bucket.slice(0, 80)}"`);
    return json(200, page);
  }
  match = OBJECT.exec(path);
  if (match) {
    get();
    const bucket = decodeSegment(match[1]!);
    const key = query.get('key');
    if (key === null) throw new HttpError(400, '"key" is required');
    const object = s3.getObject(bucket, key);
    if (object === undefined) throw new HttpError(404, `no object "${key.slice(0, 80)}"`);
    return attachment(object.body, key.split('/').at(-1) ?? 'object');
  }
  return undefined;
}

/** Starts moving a DLQ's messages back to their sources (or to `destination`, a queue name). */
function startRedrive(
  parts: BrowseParts,
  name: string,
  body: Record<string, unknown>,
): { taskHandle: string } {
  const { engine } = parts;
  const source = engine.queue(name);
  const destination = body.destination;
  if (destination !== undefined && typeof destination !== 'string') {
    throw new HttpError(400, '"destination" must be a queue name');
  }
  const rate = body.maxPerSecond;
  if (rate !== undefined && typeof rate !== 'number') {
    throw new HttpError(400, '"maxPerSecond" must be a number');
  }
  const destinationArn = destination === undefined ? undefined : engine.queue(destination).arn;
  return { taskHandle: parts.moveTasks.start(source.arn, destinationArn, rate) };
}

function moveTasks(parts: BrowseParts, name: string): MoveTaskProgress[] {
  const arn = parts.engine.queue(name).arn;
  return parts.moveTasks.list(arn, 10).map((t) => ({
    taskHandle: t.TaskHandle,
    status: t.Status,
    sourceArn: t.SourceArn,
    destinationArn: t.DestinationArn,
    moved: t.ApproximateNumberOfMessagesMoved,
    toMove: t.ApproximateNumberOfMessagesToMove,
    failureReason: t.FailureReason,
    startedAt: t.StartedTimestamp,
  }));
}
