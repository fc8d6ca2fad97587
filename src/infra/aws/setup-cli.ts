// `npm run setup`: create or update the queues and bucket from the environment, print their URLs.
// Without AWS_ENDPOINT_URL it says first that it is about to change real AWS, and how not to.

import { loadConfig } from '../config.ts';
import { createAwsClients } from './clients.ts';
import { applyInfrastructure } from './setup.ts';

const config = loadConfig();
if (config.aws.endpoint === undefined) {
  process.stderr.write(
    `npm run setup: AWS_ENDPOINT_URL is not set, so this targets real AWS (${config.aws.region}) with your AWS credentials.\n` +
      '  To target the emulator instead: AWS_ENDPOINT_URL=http://127.0.0.1:4566 npm run setup\n',
  );
}
const clients = createAwsClients(config.aws);
try {
  const infra = await applyInfrastructure(clients, config);
  const target = config.aws.endpoint ?? `AWS (${config.aws.region})`;
  process.stdout.write(
    [
      `infrastructure applied to ${target}`,
      `SQS_REQUEST_QUEUE_URL=${infra.request.url}`,
      `SQS_RESULT_QUEUE_URL=${infra.result.url}`,
      `request DLQ: ${infra.request.dlqUrl}`,
      `result DLQ:  ${infra.result.dlqUrl}`,
      `S3_PAYLOAD_BUCKET=${infra.bucket}`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`setup failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  clients.destroy();
}
