// The control plane under `/_harness/` (plus plain `GET /health`): JSON routes to reset state, read
// and move the virtual clock, inspect queues and messages without touching them, change emulator
// settings and manage fault rules; the dashboard's pages (../ui/) and the paged browse, redrive,
// purge and S3 routes it uses (browse-routes.ts) are dispatched from here too. Kept apart from the
// AWS API: no AWS action ever reaches here.
import type { ControllableClock } from '../../kernel/virtual-clock.ts';
import { type FaultRules, FaultSpecError } from '../faults/rules.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceEndpoint } from '../http/types.ts';
import type { S3Service } from '../s3/index.ts';
import { queueUrl } from '../sqs/actions/queue-url.ts';
import type { SqsEngine } from '../sqs/domain/engine.ts';
import { SqsError } from '../sqs/domain/errors.ts';
import type { MoveTasks } from '../sqs/domain/move-tasks.ts';
import { uiRoute } from '../ui/routes.ts';
import { browseRoute } from './browse-routes.ts';
import { decodeSegment, HttpError, json, notAllowed, queryInt, readJson } from './http.ts';
import type { ClockView, QueueDetail, QueueSummary, SettingsView } from './views.ts';

export interface ControlPlaneOptions {
  clock: ControllableClock;
  engine: SqsEngine;
  moveTasks: MoveTasks;
  s3: S3Service;
  faults: FaultRules;
  /** Clears everything: queues, move tasks, buckets and fault rules. */
  reset(): void;
}

/** Control-plane requests are small JSON documents. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class ControlPlane implements ServiceEndpoint {
  readonly #o: ControlPlaneOptions;
  readonly maxBodyBytes = MAX_BODY_BYTES;

  constructor(options: ControlPlaneOptions) {
    this.#o = options;
  }

  bodyTooLarge(received: number): EmulatorResponse {
    return json(413, {
      error: `The request body is ${received} bytes; this endpoint accepts at most ${this.maxBodyBytes} bytes.`,
    });
  }

  forbidden(detail: string): EmulatorResponse {
    return json(403, { error: detail });
  }

  async handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    try {
      return this.#route(req);
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, { error: error.message });
      if (error instanceof FaultSpecError) return json(400, { error: error.message });
      if (error instanceof SqsError) {
        return json(error.code === 'QueueDoesNotExist' ? 404 : 400, {
          error: error.message,
          code: error.code,
        });
      }
      throw error;
    }
  }

  #route(req: EmulatorRequest): EmulatorResponse {
    const { method } = req;
    const path = req.path.replace(/\/+$/, '') || '/';
    const page = uiRoute(method, path);
    if (page !== undefined) return page;
    const browsed = browseRoute(req, path, this.#o);
    if (browsed !== undefined) return browsed;
    if (path === '/health' || path === '/_harness/health') {
      if (method !== 'GET' && method !== 'HEAD') throw notAllowed(method, path);
      return json(200, { status: 'ok' });
    }
    if (path === '/_harness/reset') {
      if (method !== 'POST') throw notAllowed(method, path);
      this.#o.reset();
      return json(200, { reset: true });
    }
    if (path === '/_harness/clock') {
      if (method !== 'GET') throw notAllowed(method, path);
      return json(200, this.#clockView());
    }
    if (path === '/_harness/clock/advance') {
      if (method !== 'POST') throw notAllowed(method, path);
      const ms = readJson(req).ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new HttpError(400, '"ms" must be a number of milliseconds >= 0');
      }
      this.#o.clock.advance(ms);
      return json(200, this.#clockView());
    }
    if (path === '/_harness/clock/scale') {
      if (method !== 'POST' && method !== 'PUT') throw notAllowed(method, path);
      const scale = readJson(req).scale;
      if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
        throw new HttpError(
          400,
          '"scale" must be a number >= 0 (virtual ms per real ms; 0 freezes)',
        );
      }
      this.#o.clock.setScale(scale);
      return json(200, this.#clockView());
    }
    if (path === '/_harness/settings') {
      if (method === 'GET') return json(200, this.#settingsView());
      if (method !== 'POST' && method !== 'PUT') throw notAllowed(method, path);
      const body = readJson(req);
      // Every key is checked before any is applied: a refused update changes nothing.
      for (const [key, value] of Object.entries(body)) {
        if (key !== 'allowRepeatedPurge') throw new HttpError(400, `unknown setting "${key}"`);
        if (typeof value !== 'boolean') throw new HttpError(400, `"${key}" must be a boolean`);
      }
      if (typeof body.allowRepeatedPurge === 'boolean') {
        this.#o.engine.settings.allowRepeatedPurge = body.allowRepeatedPurge;
      }
      return json(200, this.#settingsView());
    }
    if (path === '/_harness/sqs/queues') {
      if (method !== 'GET') throw notAllowed(method, path);
      const base = `http://${req.host}`;
      return json(
        200,
        this.#o.engine.queueNames().map((n) => this.#summary(n, base)),
      );
    }
    const queueMatch = /^\/_harness\/sqs\/queues\/([^/]+)$/.exec(path);
    if (queueMatch) {
      if (method !== 'GET') throw notAllowed(method, path);
      const name = decodeSegment(queueMatch[1]!);
      const state = req.query.get('state');
      if (state !== null && state !== 'visible' && state !== 'inflight' && state !== 'delayed') {
        throw new HttpError(400, '"state" must be visible, inflight or delayed');
      }
      const limitText = req.query.get('limit');
      if (limitText !== null && !/^\d{1,9}$/.test(limitText)) {
        throw new HttpError(400, '"limit" must be a whole number >= 0');
      }
      const limit = limitText === null ? Number.POSITIVE_INFINITY : Number(limitText);
      const summary = this.#summary(name, `http://${req.host}`);
      const messages = this.#o.engine
        .inspectMessages(name)
        .filter((m) => state === null || m.state === state);
      const detail: QueueDetail = { ...summary, messages: messages.slice(0, limit) };
      return json(200, detail);
    }
    if (path === '/_harness/journal') {
      if (method !== 'GET') throw notAllowed(method, path);
      const after = queryInt(req.query, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = queryInt(req.query, 'limit', 1000, 1, 10_000);
      return json(200, this.#o.faults.journal.read(after, limit));
    }
    if (path === '/_harness/faults') {
      if (method === 'GET') return json(200, this.#o.faults.list());
      if (method === 'POST') return json(201, this.#o.faults.add(readJson(req)));
      if (method === 'DELETE') {
        this.#o.faults.clear();
        return json(200, { cleared: true });
      }
      throw notAllowed(method, path);
    }
    const faultMatch = /^\/_harness\/faults\/([^/]+)$/.exec(path);
    if (faultMatch) {
      const id = decodeSegment(faultMatch[1]!);
      if (method === 'GET') {
        const rule = this.#o.faults.list().find((r) => r.id === id);
        if (!rule) throw new HttpError(404, `no fault rule "${id}"`);
        return json(200, rule);
      }
      if (method !== 'DELETE') throw notAllowed(method, path);
      if (!this.#o.faults.remove(id)) throw new HttpError(404, `no fault rule "${id}"`);
      return json(200, { removed: id });
    }
    throw new HttpError(404, `no control route ${method} ${path}; see src/emulator/README.md`);
  }

  #clockView(): ClockView {
    const now = this.#o.clock.now();
    return { now, iso: new Date(now).toISOString(), scale: this.#o.clock.scale() };
  }

  #settingsView(): SettingsView {
    return { ...this.#o.engine.settings };
  }

  #summary(name: string, baseUrl: string): QueueSummary {
    const engine = this.#o.engine;
    const queue = engine.queue(name);
    return {
      name,
      url: queueUrl(baseUrl, name),
      arn: queue.arn,
      fifo: queue.fifo,
      attributes: engine.getQueueAttributes(name, ['All']),
      tags: engine.listQueueTags(name),
      waitingPolls: engine.waitingPolls(name),
    };
  }
}
