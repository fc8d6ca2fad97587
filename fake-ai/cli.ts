// Command-line entry of the fake AI server: `graph` prints the graph of a bundle file; `serve`
// runs the queue process (configured by the AI server's own environment variables).
import { systemClock } from '../src/kernel/clock.ts';
import { GRAPH_USAGE, runGraphCommand } from './commands/graph.ts';
import { configFromEnv } from './requests/config.ts';
import { optionsFromConfig, startFakeAi } from './start.ts';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  now: () => systemClock.now(),
};

const USAGE = `${GRAPH_USAGE}\n       fake-ai serve   (AWS_SQS_REQUEST_QUEUE_URL, AWS_SQS_RESULT_QUEUE_URL, AWS_ENDPOINT_URL,\n                        S3_PAYLOAD_BUCKET, FAKE_AI_PROFILE, FAKE_AI_CONFIG, FAKE_AI_SEED,\n                        FAKE_AI_CONCURRENCY, FAKE_AI_CONTROL_PORT)`;

const [command, ...rest] = process.argv.slice(2);
if (command === 'graph') {
  process.exitCode = await runGraphCommand(rest, io);
} else if (command === 'serve') {
  // Settings come from the AI server's environment variables (see requests/config.ts).
  let options: ReturnType<typeof optionsFromConfig>;
  try {
    options = optionsFromConfig(configFromEnv());
  } catch (error) {
    io.err(`fake-ai serve: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const fakeAi = await startFakeAi(options);
  if (fakeAi.controlUrl) io.out(`fake AI control API: ${fakeAi.controlUrl}\n`);
  // The poll loop waits on an unref'd clock between failed receives and holds no socket then;
  // without a handle of its own the process would end, quietly, in the middle of a retry.
  const alive = setInterval(() => {}, 2 ** 30);
  const shutdown = () => {
    void fakeAi.stop().then(() => {
      clearInterval(alive);
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} else {
  io.err(`unknown command "${command ?? ''}"\n${USAGE}\n`);
  process.exitCode = 2;
}
