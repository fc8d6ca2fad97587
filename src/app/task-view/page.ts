// The task view `npm start` serves on its API at /_stack/tasks: recent tasks with their status and
// progress (from the notifications the recorder saw) and, per task, its timeline as the same
// sequence diagram the scenario report draws. Server-rendered, every value escaped, no script:
// the list refreshes itself every few seconds with a meta refresh. Read-only, GET only.
import type { FastifyInstance } from 'fastify';
import type { TaskEvent } from '../../core/domain/events.ts';
import type { Recorder } from '../../infra/recording/recorder.ts';
import {
  DIAGRAM_CSS,
  escapeHtml,
  sequenceDiagram,
} from '../../infra/recording/sequence-diagram.ts';

/** Tasks listed on the page, newest first. */
const LISTED = 100;
const REFRESH_SECONDS = 3;

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#0f172a}
table{border-collapse:collapse}td,th{border:1px solid #cbd5e1;padding:3px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#64748b}
.COMPLETED{color:#15803d}.FAILED{color:#b91c1c}
progress{width:8rem}${DIAGRAM_CSS}`;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

function html(title: string, body: string, refresh: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${
    refresh ? `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">` : ''
  }<style>${CSS}</style></head><body>${body}</body></html>
`;
}

function latestEvents(recorder: Recorder): Map<string, TaskEvent> {
  const latest = new Map<string, TaskEvent>();
  for (const event of recorder.notifications) latest.set(event.taskId, event);
  return latest;
}

function link(taskId: string): string {
  return `/_stack/tasks/${encodeURIComponent(taskId)}`;
}

export function taskListPage(recorder: Recorder): string {
  const latest = latestEvents(recorder);
  const ids = recorder.taskIds().reverse().slice(0, LISTED);
  const rows = ids.map((taskId) => {
    const event = latest.get(taskId);
    const steps = recorder.timeline(taskId);
    const last = steps.at(-1);
    const status = event?.status ?? 'submitted';
    const progress = event?.progressPercent ?? 0;
    return `<tr><td><a href="${escapeHtml(link(taskId))}">${escapeHtml(taskId)}</a></td><td class="${escapeHtml(status)}">${escapeHtml(status)}</td><td><progress max="100" value="${progress}"></progress> ${progress}%</td><td class="num">${steps.length}</td><td>${last ? `${escapeHtml(last.kind)} at ${new Date(last.at).toISOString().slice(11, 23)}` : ''}</td></tr>`;
  });
  const body = `<h1>Recent tasks</h1>
<p class="muted">The ${LISTED} most recent tasks this stack has seen (it keeps a bounded number), newest first; refreshed every ${REFRESH_SECONDS} s. Steps come from the API's and worker's SQS calls, the store and the notifier; the fake AI runs on its own thread and its own steps are not drawn.</p>
${
  rows.length === 0
    ? '<p>No tasks yet: submit one (see the commands `npm start` printed).</p>'
    : `<table><tr><th>task</th><th>status</th><th>progress</th><th>steps</th><th>last step</th></tr>${rows.join('')}</table>`
}`;
  return html('Recent tasks', body, true);
}

export function taskPage(recorder: Recorder, taskId: string): string | undefined {
  if (!recorder.taskIds().includes(taskId)) return undefined;
  const event = latestEvents(recorder).get(taskId);
  const body = `<p><a href="/_stack/tasks">← recent tasks</a></p>
<h1>${escapeHtml(taskId)}</h1>
<p>Status <b class="${escapeHtml(event?.status ?? '')}">${escapeHtml(event?.status ?? 'submitted')}</b>, progress ${event?.progressPercent ?? 0}%${event?.currentStage ? `, stage ${escapeHtml(event.currentStage)}` : ''}${event?.error ? `, error ${escapeHtml(JSON.stringify(event.error))}` : ''}.</p>
${sequenceDiagram(recorder.timeline(taskId))}`;
  return html(taskId, body, false);
}

/** Adds GET /_stack/tasks and GET /_stack/tasks/:taskId to the API (before it listens). */
export function registerTaskView(app: FastifyInstance, recorder: Recorder): void {
  app.get('/_stack/tasks', async (_request, reply) =>
    reply
      .header('content-security-policy', CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(taskListPage(recorder)),
  );
  app.get<{ Params: { taskId: string } }>('/_stack/tasks/:taskId', async (request, reply) => {
    const page = taskPage(recorder, request.params.taskId);
    if (page === undefined) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('No such task in the recent tasks this stack keeps.');
    }
    return reply
      .header('content-security-policy', CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page);
  });
}
