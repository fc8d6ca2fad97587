// The static HTML of `/_harness` (an index of the control plane) and `/_harness/ui` (the dashboard
// shell its script fills in). No value from the emulator's state is ever written into these pages.

const ROUTES: Array<[string, string]> = [
  ['GET /_harness/ui', 'the dashboard'],
  ['GET /_harness/health', 'health check'],
  ['GET /_harness/clock', 'virtual clock; POST …/clock/advance {ms}, …/clock/scale {scale}'],
  ['GET /_harness/sqs/queues', 'queues with attributes and counts'],
  ['GET /_harness/sqs/links', 'redrive links: each queue’s DLQ and its source queues'],
  ['GET /_harness/sqs/queues/{name}/messages', 'a page of messages (?state=&cursor=&limit=)'],
  ['GET /_harness/sqs/queues/{name}/messages/{id}/body', 'download one full message body'],
  ['POST /_harness/sqs/queues/{name}/redrive', 'move a DLQ’s messages back to their sources'],
  ['POST /_harness/sqs/queues/{name}/purge', 'delete every message in the queue'],
  ['GET /_harness/faults', 'fault rules with hit counts; POST adds, DELETE …/{id} removes'],
  [
    'GET /_harness/s3/buckets',
    'buckets; …/{bucket}/objects pages objects, …/object?key= downloads',
  ],
  ['POST /_harness/reset', 'forget every queue, bucket and fault rule'],
];

const HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/_harness/ui/app.css">`;

export function indexPage(): string {
  const rows = ROUTES.map(
    ([route, what]) => `<tr><td><code>${route}</code></td><td>${what}</td></tr>`,
  );
  return `${HEAD}
<title>Emulator control plane</title>
</head>
<body>
<main class="index">
<h1>Emulator control plane</h1>
<p><a href="/_harness/ui">Open the dashboard</a>: queues, messages, DLQ redrive, fault rules, the
virtual clock and S3 buckets, live.</p>
<table><thead><tr><th>Route</th><th>What it does</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</main>
</body>
</html>
`;
}

export function dashboardPage(): string {
  return `${HEAD}
<title>Emulator dashboard</title>
<script src="/_harness/ui/app.js" defer></script>
</head>
<body>
<header>
  <h1>Emulator dashboard</h1>
  <section id="clock" aria-label="Virtual clock">
    <span>Virtual time <strong id="clock-now">…</strong></span>
    <span>scale <strong id="clock-scale">…</strong></span>
    <form id="advance-form"><input name="ms" type="number" min="0" step="1" value="1000"
      aria-label="milliseconds to advance"><button>Advance ms</button></form>
    <form id="scale-form"><input name="scale" type="number" min="0" step="any" value="1"
      aria-label="clock scale"><button>Set scale</button></form>
  </section>
</header>
<p id="notice" role="status"></p>
<main>
<section id="queues-section">
  <h2>Queues</h2>
  <table id="queues"><thead><tr><th>Queue</th><th>Visible</th><th>In flight</th><th>Delayed</th>
  <th>Dead-letter queue</th><th>Sources</th><th></th></tr></thead><tbody></tbody></table>
  <p class="empty" id="queues-empty">No queues yet.</p>
</section>
<section id="messages-section" hidden>
  <h2>Messages in <span id="messages-queue"></span> <small id="messages-total"></small></h2>
  <div class="bar">
    <label>State <select id="messages-state"><option value="">all</option>
      <option value="visible">visible</option><option value="inflight">in flight</option>
      <option value="delayed">delayed</option></select></label>
    <button id="messages-first" type="button">First page</button>
    <button id="messages-next" type="button">Next page</button>
    <button id="messages-close" type="button">Close</button>
  </div>
  <ul id="move-tasks"></ul>
  <table id="messages"><thead><tr><th>Message</th><th>State</th><th>Receives</th><th>Sent</th>
  <th>Visible at</th><th>Attributes</th><th>Body</th></tr></thead><tbody></tbody></table>
</section>
<section id="faults-section">
  <h2>Fault rules</h2>
  <table id="faults"><thead><tr><th>Rule</th><th>Matches</th><th>Effect</th><th>Probability</th>
  <th>Max hits</th><th>Hits</th><th></th></tr></thead><tbody></tbody></table>
  <form id="fault-form">
    <label>Action(s) <input name="action" placeholder="ReceiveMessage, DeleteMessage"></label>
    <label>Queue <input name="queue"></label>
    <label>Body contains <input name="bodyContains"></label>
    <label>Probability <input name="probability" type="number" min="0" max="1" step="any"></label>
    <label>Max hits <input name="maxHits" type="number" min="1" step="1"></label>
    <label>Effect <select name="effect">
      <option value="error">error</option><option value="latency">latency</option>
      <option value="duplicate">duplicate</option><option value="lostDelete">lost delete</option>
      <option value="visibility">visibility offset</option></select></label>
    <label>Error <select name="error"><option>InternalError</option>
      <option>ServiceUnavailable</option><option>ThrottlingException</option>
      <option>RequestThrottled</option><option>OverLimit</option></select></label>
    <label>ms (latency / visibility offset) <input name="ms" type="number" step="1"></label>
    <label>Copies <input name="copies" type="number" min="1" step="1"></label>
    <button>Add fault rule</button>
  </form>
</section>
<section id="s3-section">
  <h2>S3 buckets</h2>
  <ul id="buckets"></ul>
  <p class="empty" id="buckets-empty">No buckets yet.</p>
  <div id="objects-section" hidden>
    <h3>Objects in <span id="objects-bucket"></span></h3>
    <div class="bar">
      <form id="prefix-form"><input name="prefix" placeholder="key prefix"
        aria-label="key prefix"><button>Filter</button></form>
      <button id="objects-first" type="button">First page</button>
      <button id="objects-next" type="button">Next page</button>
    </div>
    <table id="objects"><thead><tr><th>Key</th><th>Size</th><th>Type</th><th>Modified</th>
    <th></th></tr></thead><tbody></tbody></table>
  </div>
</section>
</main>
</body>
</html>
`;
}
