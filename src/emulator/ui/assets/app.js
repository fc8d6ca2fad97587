// The emulator dashboard's script: polls the control plane's JSON routes (same origin) once a
// second and renders queues, a queue's messages, move tasks, fault rules, the virtual clock and S3
// objects. Every value is written with text nodes (never innerHTML), so hostile names and bodies
// stay text. Changes are POST/DELETE requests made from buttons and forms.

const POLL_MS = 1000;
const view = {
  queue: undefined,
  messageCursor: undefined,
  nextMessageCursor: undefined,
  bucket: undefined,
  prefix: '',
  objectCursor: undefined,
  nextObjectCursor: undefined,
  now: 0,
};

const byId = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** An element with text children (strings become text nodes) and plain attributes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}

/** A cut-down value with its full size, as the control plane previews it. */
function previewText(p) {
  return p.truncated ? `${p.text}… (${p.bytes} bytes in all)` : p.text;
}

function notice(text, kind) {
  const n = byId('notice');
  n.textContent = text;
  n.className = kind ?? '';
}

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const value = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(value?.error ?? `${method} ${path}: ${response.status}`);
  return value;
}

/** Runs a change, then refreshes at once; failures are shown, not thrown. */
async function act(label, fn) {
  try {
    await fn();
    notice(label, 'ok');
  } catch (error) {
    notice(`${label} failed: ${error.message}`, 'error');
  }
  await refresh();
}

function when(ms) {
  const delta = ms - view.now;
  const time = new Date(ms).toISOString().slice(11, 23);
  if (Math.abs(delta) < 1) return `${time} (now)`;
  const seconds = (Math.abs(delta) / 1000).toFixed(1);
  return delta > 0 ? `${time} (in ${seconds} s)` : `${time} (${seconds} s ago)`;
}

function replaceRows(tableId, rows) {
  byId(tableId)
    .querySelector('tbody')
    .replaceChildren(...rows);
}

// ---- clock ---------------------------------------------------------------------------------

function renderClock(clock) {
  view.now = clock.now;
  byId('clock-now').textContent = clock.iso;
  byId('clock-scale').textContent = clock.scale === 0 ? '0 (frozen)' : `${clock.scale}×`;
}

// ---- queues --------------------------------------------------------------------------------

function renderQueues(queues, links) {
  const linkOf = new Map(links.map((l) => [l.name, l]));
  byId('queues-empty').hidden = queues.length > 0;
  replaceRows(
    'queues',
    queues.map((q) => {
      const a = q.attributes;
      const link = linkOf.get(q.name) ?? { sourceQueues: [] };
      const isDlq = link.sourceQueues.length > 0;
      const queueButton = (name) =>
        el(
          'button',
          { type: 'button', class: 'link name', title: name, onclick: () => openQueue(name) },
          name,
        );
      return el(
        'tr',
        { 'data-queue': q.name },
        el('td', {}, queueButton(q.name)),
        el('td', { class: 'num', 'data-count': 'visible' }, a.ApproximateNumberOfMessages),
        el(
          'td',
          { class: 'num', 'data-count': 'inflight' },
          a.ApproximateNumberOfMessagesNotVisible,
        ),
        el('td', { class: 'num', 'data-count': 'delayed' }, a.ApproximateNumberOfMessagesDelayed),
        el(
          'td',
          {},
          link.deadLetterQueue === undefined
            ? ''
            : [queueButton(link.deadLetterQueue), ` after ${link.maxReceiveCount} receives`],
        ),
        el('td', {}, link.sourceQueues.map(queueButton)),
        el(
          'td',
          { class: 'actions' },
          isDlq
            ? el(
                'button',
                { type: 'button', class: 'redrive', onclick: () => redrive(q.name) },
                'Redrive to sources',
              )
            : '',
          el(
            'button',
            { type: 'button', class: 'purge danger', onclick: () => purge(q.name) },
            'Purge…',
          ),
        ),
      );
    }),
  );
}

function redrive(name) {
  return act(`Redrive of ${name} started`, () =>
    api('POST', `/_harness/sqs/queues/${enc(name)}/redrive`, {}),
  );
}

function purge(name) {
  if (!window.confirm(`Delete every message in ${name}? This cannot be undone.`)) return;
  return act(`Purged ${name}`, () => api('POST', `/_harness/sqs/queues/${enc(name)}/purge`));
}

// ---- messages ------------------------------------------------------------------------------

function openQueue(name) {
  view.queue = name;
  view.messageCursor = undefined;
  return refresh();
}

function renderMessages(page, tasks) {
  byId('messages-section').hidden = false;
  byId('messages-queue').textContent = page.queue;
  const shown = page.messages.length;
  byId('messages-total').textContent = `(${shown} shown of ${page.total})`;
  view.nextMessageCursor = page.nextCursor;
  byId('messages-next').disabled = page.nextCursor === undefined;
  byId('move-tasks').replaceChildren(
    ...tasks.map((t) =>
      el(
        'li',
        { class: `task ${t.status.toLowerCase()}` },
        `Redrive ${t.status}: ${t.moved} of ${t.toMove ?? '?'} moved`,
        t.failureReason ? ` (${t.failureReason})` : '',
        ` · started ${when(t.startedAt)}`,
      ),
    ),
  );
  replaceRows(
    'messages',
    page.messages.map((m) => {
      const download = `/_harness/sqs/queues/${enc(page.queue)}/messages/${enc(m.messageId)}/body`;
      return el(
        'tr',
        { 'data-message': m.messageId },
        el('td', { class: 'mono' }, m.messageId),
        el('td', {}, m.state),
        el('td', { class: 'num' }, m.receiveCount),
        el('td', {}, when(m.sentAt)),
        el('td', {}, m.state === 'visible' ? 'now' : when(m.visibleAt)),
        el(
          'td',
          {},
          el(
            'ul',
            { class: 'attrs' },
            m.attributes.map((a) =>
              el(
                'li',
                {},
                el('span', { class: 'name', title: a.name.text }, previewText(a.name)),
                ` (${a.dataType}) = `,
                previewText(a.value),
              ),
            ),
          ),
        ),
        el(
          'td',
          {},
          el('pre', { class: 'body' }, m.body.text),
          el(
            'small',
            {},
            m.body.truncated
              ? `showing the start of ${m.body.bytes} bytes · `
              : `${m.body.bytes} bytes · `,
            el('a', { href: download, download: `message-${m.messageId}.txt` }, 'download body'),
          ),
        ),
      );
    }),
  );
}

// ---- faults --------------------------------------------------------------------------------

function describeMatch(rule) {
  const parts = [];
  if (rule.action) parts.push(`action ${[rule.action].flat().join(', ')}`);
  if (rule.queue) parts.push(`queue ${rule.queue}`);
  if (rule.messageAttribute) parts.push(`attribute ${rule.messageAttribute.name}`);
  if (rule.bodyContains) parts.push(`body contains “${rule.bodyContains}”`);
  return parts.join(' · ') || 'everything';
}

function describeEffect(effect) {
  switch (effect.type) {
    case 'error':
      return `error ${effect.error}`;
    case 'latency':
      return `latency ${effect.ms} ms`;
    case 'duplicate':
      return `duplicate ×${effect.copies ?? 1}`;
    case 'visibility':
      return `visibility ${effect.offsetMs} ms`;
    default:
      return effect.type;
  }
}

function renderFaults(rules) {
  replaceRows(
    'faults',
    rules.map((r) =>
      el(
        'tr',
        { 'data-fault': r.id },
        el('td', { class: 'mono' }, r.id),
        el('td', {}, describeMatch(r)),
        el('td', {}, describeEffect(r.effect)),
        el('td', { class: 'num' }, r.probability ?? 1),
        el('td', { class: 'num' }, r.maxHits ?? '∞'),
        el('td', { class: 'num', 'data-count': 'hits' }, r.hits),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () =>
                act(`Removed rule ${r.id}`, () => api('DELETE', `/_harness/faults/${enc(r.id)}`)),
            },
            'Remove',
          ),
        ),
      ),
    ),
  );
}

function faultSpec(form) {
  const f = new FormData(form);
  const text = (name) => String(f.get(name) ?? '').trim();
  const number = (name) => (text(name) === '' ? undefined : Number(text(name)));
  const type = text('effect');
  const effect = { type };
  if (type === 'error') effect.error = text('error');
  if (type === 'latency') effect.ms = number('ms') ?? 0;
  if (type === 'visibility') effect.offsetMs = number('ms') ?? 0;
  if (type === 'duplicate' && number('copies') !== undefined) effect.copies = number('copies');
  const spec = { effect };
  const actions = text('action')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (actions.length > 0) spec.action = actions.length === 1 ? actions[0] : actions;
  if (text('queue')) spec.queue = text('queue');
  if (text('bodyContains')) spec.bodyContains = text('bodyContains');
  if (number('probability') !== undefined) spec.probability = number('probability');
  if (number('maxHits') !== undefined) spec.maxHits = number('maxHits');
  return spec;
}

// ---- S3 ------------------------------------------------------------------------------------

function renderBuckets(buckets) {
  byId('buckets-empty').hidden = buckets.length > 0;
  byId('buckets').replaceChildren(
    ...buckets.map((b) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'link name', title: b.name, onclick: () => openBucket(b.name) },
          b.name,
        ),
        ` ${b.region}`,
      ),
    ),
  );
}

function openBucket(name) {
  view.bucket = name;
  view.objectCursor = undefined;
  return refresh();
}

function renderObjects(page) {
  byId('objects-section').hidden = false;
  byId('objects-bucket').textContent = page.bucket;
  view.nextObjectCursor = page.nextCursor;
  byId('objects-next').disabled = page.nextCursor === undefined;
  replaceRows(
    'objects',
    page.objects.map((o) =>
      el(
        'tr',
        {},
        el(
          'td',
          { class: 'mono' },
          el('span', { class: 'name', title: o.key.text }, previewText(o.key)),
        ),
        el('td', { class: 'num' }, o.size),
        el('td', {}, o.contentType),
        el('td', {}, when(o.lastModified)),
        el(
          'td',
          {},
          el(
            'a',
            {
              href: `/_harness/s3/buckets/${enc(page.bucket)}/object?key=${enc(o.fullKey)}`,
              download: '',
            },
            'download',
          ),
        ),
      ),
    ),
  );
}

// ---- the loop ------------------------------------------------------------------------------

let refreshing;

async function refreshOnce() {
  const [clock, queues, links, faults, buckets] = await Promise.all([
    api('GET', '/_harness/clock'),
    api('GET', '/_harness/sqs/queues'),
    api('GET', '/_harness/sqs/links'),
    api('GET', '/_harness/faults'),
    api('GET', '/_harness/s3/buckets'),
  ]);
  renderClock(clock);
  renderQueues(queues, links);
  renderFaults(faults);
  renderBuckets(buckets);
  if (view.queue !== undefined && queues.some((q) => q.name === view.queue)) {
    const query = new URLSearchParams({ limit: '50' });
    const state = byId('messages-state').value;
    if (state) query.set('state', state);
    if (view.messageCursor !== undefined) query.set('cursor', view.messageCursor);
    const base = `/_harness/sqs/queues/${enc(view.queue)}`;
    const [page, tasks] = await Promise.all([
      api('GET', `${base}/messages?${query}`),
      api('GET', `${base}/move-tasks`),
    ]);
    renderMessages(page, tasks);
  } else {
    view.queue = undefined;
    byId('messages-section').hidden = true;
  }
  if (view.bucket !== undefined && buckets.some((b) => b.name === view.bucket)) {
    const query = new URLSearchParams({ limit: '50', prefix: view.prefix });
    if (view.objectCursor !== undefined) query.set('cursor', view.objectCursor);
    renderObjects(await api('GET', `/_harness/s3/buckets/${enc(view.bucket)}/objects?${query}`));
  } else {
    view.bucket = undefined;
    byId('objects-section').hidden = true;
  }
  document.body.dataset.refreshed = String(Date.now());
}

/** One refresh at a time; a refresh asked for during another waits for it and runs after. */
async function refresh() {
  while (refreshing) await refreshing;
  refreshing = refreshOnce()
    .catch((error) => notice(`Cannot reach the emulator: ${error.message}`, 'error'))
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

function onSubmit(id, handler) {
  byId(id).addEventListener('submit', (event) => {
    event.preventDefault();
    handler(event.currentTarget);
  });
}

function start() {
  onSubmit('advance-form', (form) => {
    const ms = Number(new FormData(form).get('ms'));
    act(`Advanced the clock ${ms} ms`, () => api('POST', '/_harness/clock/advance', { ms }));
  });
  onSubmit('scale-form', (form) => {
    const scale = Number(new FormData(form).get('scale'));
    act(`Clock scale set to ${scale}`, () => api('POST', '/_harness/clock/scale', { scale }));
  });
  onSubmit('fault-form', (form) => {
    act('Fault rule added', () => api('POST', '/_harness/faults', faultSpec(form)));
  });
  onSubmit('prefix-form', (form) => {
    view.prefix = String(new FormData(form).get('prefix') ?? '');
    view.objectCursor = undefined;
    refresh();
  });
  // Each control changes what is looked at, then the page refreshes at once.
  const controls = [
    ['messages-state', 'change', () => (view.messageCursor = undefined)],
    ['messages-first', 'click', () => (view.messageCursor = undefined)],
    ['messages-next', 'click', () => (view.messageCursor = view.nextMessageCursor)],
    ['messages-close', 'click', () => (view.queue = undefined)],
    ['objects-first', 'click', () => (view.objectCursor = undefined)],
    ['objects-next', 'click', () => (view.objectCursor = view.nextObjectCursor)],
  ];
  for (const [id, type, change] of controls) {
    byId(id).addEventListener(type, () => {
      change();
      refresh();
    });
  }
  refresh();
  setInterval(() => {
    if (!document.hidden && !refreshing) refresh();
  }, POLL_MS);
}

start();
