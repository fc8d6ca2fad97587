// The listener knows no service: a body over a service's cap is refused in the words of the
// service the request was for (SQS JSON, SQS query, S3), and the listener keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorServer, type EmulatorServer } from '../../../src/emulator/http/server.ts';
import { createS3Service } from '../../../src/emulator/s3/index.ts';
import { SqsRegions } from '../../../src/emulator/sqs/domain/regions.ts';
import { SqsService } from '../../../src/emulator/sqs/index.ts';
import { randomIds } from '../../../src/kernel/ids.ts';
import { seededRandom } from '../../../src/kernel/random.ts';
import { manualClock } from '../../../src/kernel/virtual-clock.ts';

const CAP = 1024;
let server: EmulatorServer;
let url: string;

beforeAll(async () => {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const ids = randomIds(seededRandom(3));
  const regions = new SqsRegions({ clock, ids, region: 'us-east-1' });
  const sqs = new SqsService({ regions, ids, maxBodyBytes: CAP });
  const s3 = createS3Service({ now: () => clock.now(), region: 'us-east-1', maxBodyBytes: CAP });
  // The control plane is not under test here; S3 stands in for it.
  server = createEmulatorServer({
    endpoints: { 'sqs-json': sqs.json, 'sqs-query': sqs.query, s3, control: s3 },
    origins: { allowedOrigins: [], allowedHosts: [] },
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(() => server.close());

describe('body cap', () => {
  const big = 'x'.repeat(CAP + 1);

  it('answers an oversized SQS JSON request with the JSON protocol error', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-query-error')).toBe('RequestEntityTooLarge;Sender');
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#RequestEntityTooLarge',
      message: `The request body is ${CAP + 1} bytes; this endpoint accepts at most ${CAP} bytes.`,
    });
  });

  it('answers an oversized SQS query request with the query protocol error', async () => {
    const response = await fetch(`${url}/?Action=SendMessage`, { method: 'POST', body: big });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain('<Code>RequestEntityTooLarge</Code>');
    expect(text).toContain('<ErrorResponse');
  });

  it('answers an oversized S3 request with an S3 <Error>, then serves the next request', async () => {
    const response = await fetch(`${url}/bucket/key`, { method: 'PUT', body: big });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain('<Code>EntityTooLarge</Code>');
    expect(text).toContain(`at most ${CAP} bytes`);
    expect((await fetch(`${url}/`)).status).toBe(200);
  });
});
