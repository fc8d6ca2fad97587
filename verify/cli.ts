// The verify command line: `verify ai --command "<cmd>"` and `verify backend --command "<cmd>"`,
// parsed into options with a precise message for each mistake (exit status 2).

export interface VerifyOptions {
  mode: 'ai' | 'backend';
  command: string | undefined;
  /** The server is already running against `endpoint`: never started, stopped or killed. */
  running: boolean;
  endpoint: string | undefined;
  region: string;
  requestQueue: string;
  resultQueue: string;
  bucket: string;
  visibilitySeconds: number;
  failOnFindings: boolean;
  cases: string[] | undefined;
  caseTimeoutMs: number;
  readyTimeoutMs: number;
  reportDir: string;
  env: Record<string, string>;
  /** backend: task ids to answer instead of reading the request queue. */
  taskIds: string[];
  /** backend: `http://host/tasks/{taskId}` and a JSON pointer to the status in its answer. */
  statusUrl: string | undefined;
  statusPointer: string;
  /** backend: a command printing the task's status (`{taskId}` replaced). */
  statusCommand: string | undefined;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run verify -- ai|backend --command "<shell command>" [options]
       npm run verify -- ai|backend --running --endpoint URL [options]

  --command CMD          the server (ai) or worker (backend) to start; it gets AWS_ENDPOINT_URL,
                         AWS_REGION, dummy credentials, SQS_REQUEST_QUEUE_URL, SQS_RESULT_QUEUE_URL,
                         AWS_SQS_REQUEST_QUEUE_URL, AWS_SQS_RESULT_QUEUE_URL, S3_PAYLOAD_BUCKET
  --running              the server already runs against --endpoint: cases that start, stop or
                         kill it are not applicable
  --endpoint URL|aws     use this endpoint instead of starting our emulator (cases needing our
                         fault rules or clock are not applicable unless it is our emulator)
  --env NAME=VALUE       add or override a variable for the command (repeatable)
  --request-queue NAME   default taco-graphnode-request-graph-sqs
  --result-queue NAME    default taco-graphnode-response-graph-sqs
  --bucket NAME          default taco-graphnode-payloads
  --visibility SECONDS   the queues' visibility timeout (default 10)
  --cases a,b            run only these cases
  --case-timeout S       seconds a case waits for its results (default 30)
  --ready-timeout S      seconds the command gets to start reading its queue (default 30)
  --fail-on-findings     contract findings fail the verdict (default: listed only)
  --report-dir DIR       where report.json, report.html and command.log go (default
                         reports/verify-<mode>)
 backend only:
  --task-ids a,b         answer these task ids (default: answer what arrives on the request queue)
  --status-url URL       per-task status probe, {taskId} replaced, e.g. http://127.0.0.1:3000/v1/tasks/{taskId}
  --status-pointer PTR   JSON pointer to the status in the probe's answer (default /status)
  --status-command CMD   per-task status probe as a command printing the status ({taskId} replaced)`;

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    throw new UsageError(`${name} must be a number of seconds from 1 to ${max}, got "${value}"`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): VerifyOptions {
  const [mode, ...rest] = argv;
  if (mode !== 'ai' && mode !== 'backend') {
    throw new UsageError(
      mode === undefined
        ? 'name a mode: ai or backend'
        : `unknown mode "${mode}": use ai or backend`,
    );
  }
  const o: VerifyOptions = {
    mode,
    command: undefined,
    running: false,
    endpoint: undefined,
    region: 'us-east-1',
    requestQueue: 'taco-graphnode-request-graph-sqs',
    resultQueue: 'taco-graphnode-response-graph-sqs',
    bucket: 'taco-graphnode-payloads',
    visibilitySeconds: 10,
    failOnFindings: false,
    cases: undefined,
    caseTimeoutMs: 30_000,
    readyTimeoutMs: 30_000,
    reportDir: `reports/verify-${mode}`,
    env: {},
    taskIds: [],
    statusUrl: undefined,
    statusPointer: '/status',
    statusCommand: undefined,
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i] as string;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--command':
        o.command = value();
        if (o.command.trim() === '') throw new UsageError('--command is empty');
        break;
      case '--running':
        o.running = true;
        break;
      case '--endpoint': {
        const v = value();
        if (v !== 'aws' && !/^https?:\/\/[^\s/]+/.test(v)) {
          throw new UsageError(`--endpoint must be an http(s) URL or "aws", got "${v}"`);
        }
        o.endpoint = v;
        break;
      }
      case '--region':
        o.region = value();
        break;
      case '--env': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.slice(0, eq))) {
          throw new UsageError(`--env takes NAME=VALUE, got "${v}"`);
        }
        o.env[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--request-queue':
        o.requestQueue = value();
        break;
      case '--result-queue':
        o.resultQueue = value();
        break;
      case '--bucket':
        o.bucket = value();
        break;
      case '--visibility':
        o.visibilitySeconds = Math.round(positive(flag, value(), 43_200));
        break;
      case '--cases':
        o.cases = value()
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        break;
      case '--case-timeout':
        o.caseTimeoutMs = positive(flag, value(), 3600) * 1000;
        break;
      case '--ready-timeout':
        o.readyTimeoutMs = positive(flag, value(), 3600) * 1000;
        break;
      case '--fail-on-findings':
        o.failOnFindings = true;
        break;
      case '--report-dir':
        o.reportDir = value();
        break;
      case '--task-ids':
        o.taskIds = value()
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        break;
      case '--status-url': {
        const v = value();
        if (!/^https?:\/\//.test(v) || !v.includes('{taskId}')) {
          throw new UsageError(
            `--status-url must be an http(s) URL containing {taskId}, got "${v}"`,
          );
        }
        o.statusUrl = v;
        break;
      }
      case '--status-pointer': {
        const v = value();
        if (!v.startsWith('/'))
          throw new UsageError(
            `--status-pointer must be a JSON pointer starting with "/", got "${v}"`,
          );
        o.statusPointer = v;
        break;
      }
      case '--status-command':
        o.statusCommand = value();
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  if (o.running && o.command !== undefined) {
    throw new UsageError(
      '--running and --command exclude each other: either the harness starts the server or you did',
    );
  }
  if (o.running && o.endpoint === undefined) {
    throw new UsageError(
      '--running needs --endpoint: the emulator (or AWS) your running server talks to',
    );
  }
  if (!o.running && o.command === undefined) {
    throw new UsageError('--command "<shell command>" is required (or --running with --endpoint)');
  }
  if (mode === 'ai' && (o.taskIds.length > 0 || o.statusUrl || o.statusCommand)) {
    throw new UsageError('--task-ids and the status probes belong to the backend mode');
  }
  if (o.statusUrl && o.statusCommand)
    throw new UsageError('give one status probe: --status-url or --status-command');
  return o;
}
