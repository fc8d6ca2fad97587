// Recorded: queue attributes and names — server-side encryption settings (KMS or SQS-managed,
// never both), and queue names AWS refuses.
import { expect, it } from 'vitest';
import { attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

const SSE = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];

recordedSuite('queue attributes', ({ sqs, create }) => {
  it('reads back KMS encryption settings, and SQS-managed encryption alone', async () => {
    const kms = await create('kms');
    await sqs().call('SetQueueAttributes', {
      QueueUrl: kms,
      Attributes: {
        KmsMasterKeyId: 'testKeyId',
        KmsDataKeyReusePeriodSeconds: '6000',
        SqsManagedSseEnabled: 'false',
      },
    });
    expect(await attributesOf(sqs(), kms, SSE)).toEqual({
      KmsMasterKeyId: 'testKeyId',
      KmsDataKeyReusePeriodSeconds: '6000',
      SqsManagedSseEnabled: 'false',
    });
    const managed = await create('managed');
    await sqs().call('SetQueueAttributes', {
      QueueUrl: managed,
      Attributes: { SqsManagedSseEnabled: 'true' },
    });
    expect(await attributesOf(sqs(), managed, SSE)).toEqual({ SqsManagedSseEnabled: 'true' });
  });

  it('refuses KMS and SQS-managed encryption together', async () => {
    const url = await create('both');
    expect(
      await sqs().fail('SetQueueAttributes', {
        QueueUrl: url,
        Attributes: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' },
      }),
    ).toMatchObject({
      code: 'InvalidAttributeName',
      message:
        'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    });
  });

  it('refuses a queue name with slashes', async () => {
    expect((await sqs().fail('CreateQueue', { QueueName: 'queue/abc/' })).code).toBe(
      'InvalidParameterValue',
    );
  });
});
