import { GetBucketLocationCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBucket } from '../../../src/infra/aws/bucket.ts';
import { queueNameFromUrl } from '../../../src/infra/aws/queues.ts';
import { applyInfrastructure } from '../../../src/infra/aws/setup.ts';
import { BUCKET, startTestStack, type TestStack } from '../../support/stack.ts';

describe('queues as code', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  async function attributes(url: string) {
    const got = await stack.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    return got.Attributes ?? {};
  }

  it('creates both queues with a DLQ after five receives, 300 s visibility and 20 s long polling', async () => {
    for (const q of [stack.infra.request, stack.infra.result]) {
      const attrs = await attributes(q.url);
      expect(attrs.VisibilityTimeout).toBe('300');
      expect(attrs.ReceiveMessageWaitTimeSeconds).toBe('20');
      expect(JSON.parse(attrs.RedrivePolicy ?? '{}')).toEqual({
        deadLetterTargetArn: q.dlqArn,
        maxReceiveCount: 5,
      });
    }
    expect(queueNameFromUrl(stack.infra.request.url)).toBe('graphnode-request-queue');
    expect(queueNameFromUrl(stack.infra.result.dlqUrl)).toBe('graphnode-result-queue-dlq');
    await expect(
      stack.clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET })),
    ).resolves.toBeDefined();
  });

  it('is idempotent and converges a queue whose attributes drifted', async () => {
    await stack.clients.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: stack.infra.result.url,
        Attributes: { VisibilityTimeout: '30' },
      }),
    );
    const again = await applyInfrastructure(stack.clients, {
      queues: { requestUrl: stack.infra.request.url, resultUrl: stack.infra.result.url },
      bucket: BUCKET,
      aws: { endpoint: stack.emulator.url, region: 'us-east-1' },
    });
    expect(again.request.url).toBe(stack.infra.request.url);
    expect(again.result.dlqArn).toBe(stack.infra.result.dlqArn);
    expect((await attributes(stack.infra.result.url)).VisibilityTimeout).toBe('300');
  });

  it('creates a bucket outside us-east-1 with its location constraint, once', async () => {
    await ensureBucket(stack.clients.s3, 'graphnode-eu-payloads', 'eu-west-1');
    await ensureBucket(stack.clients.s3, 'graphnode-eu-payloads', 'eu-west-1');
    const location = await stack.clients.s3.send(
      new GetBucketLocationCommand({ Bucket: 'graphnode-eu-payloads' }),
    );
    expect(location.LocationConstraint).toBe('eu-west-1');
  });
});
