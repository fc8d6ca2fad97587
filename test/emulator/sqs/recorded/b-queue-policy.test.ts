// Recorded: the queue's access policy — set and read back whole, cleared by an empty string, and
// the policy AddPermission / RemovePermission write (2008-10-17, one statement per label).
import { expect, it } from 'vitest';
import { ACCOUNT, arnOf, attributesOf } from './b-support.ts';
import { recordedSuite } from './support.ts';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Id: 'test-policy',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sqs:SendMessage',
      Resource: '*',
    },
  ],
});

recordedSuite('queue policy', ({ sqs, create }) => {
  const policyOf = async (url: string, names = ['Policy']) => {
    const { Policy } = await attributesOf(sqs(), url, names);
    return Policy === undefined ? undefined : JSON.parse(Policy);
  };

  it('keeps a policy set by SetQueueAttributes, read by All or by name', async () => {
    const url = await create('policed');
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: POLICY } });
    expect((await policyOf(url, ['All'])).Statement[0].Action).toBe('sqs:SendMessage');
    expect((await policyOf(url)).Statement[0].Action).toBe('sqs:SendMessage');
  });

  it('takes an empty policy as none, and clears a policy by it', async () => {
    const url = await create('cleared');
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: '' } });
    expect(await attributesOf(sqs(), url)).not.toHaveProperty('Policy');
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: POLICY } });
    expect((await attributesOf(sqs(), url)).Policy).toContain('sqs:SendMessage');
    await sqs().call('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: '' } });
    expect(await attributesOf(sqs(), url)).not.toHaveProperty('Policy');
  });

  it('writes permissions as labelled statements and refuses a reused or unknown label', async () => {
    const url = await create('shared');
    const arn = arnOf('shared');
    const statement = (Sid: string, AWS: string | string[]) => ({
      Sid,
      Effect: 'Allow',
      Principal: { AWS },
      Action: 'SQS:ReceiveMessage',
      Resource: arn,
    });
    const policy = (...Statement: unknown[]) => ({
      Version: '2008-10-17',
      Id: `${arn}/SQSDefaultPolicy`,
      Statement,
    });
    const root = (account: string) => `arn:aws:iam::${account}:root`;
    const add = (Label: string, AWSAccountIds: string[]) =>
      sqs().call('AddPermission', {
        QueueUrl: url,
        AWSAccountIds,
        Actions: ['ReceiveMessage'],
        Label,
      });
    const remove = (Label: string) => sqs().call('RemovePermission', { QueueUrl: url, Label });

    await add('crossaccountpermission', [ACCOUNT, '668614515564']);
    expect(await policyOf(url)).toEqual(
      policy(statement('crossaccountpermission', [root(ACCOUNT), root('668614515564')])),
    );
    await remove('crossaccountpermission');
    expect(await attributesOf(sqs(), url, ['Policy'])).toEqual({});

    await add('crossaccountpermission', [ACCOUNT]);
    expect(await policyOf(url)).toEqual(policy(statement('crossaccountpermission', root(ACCOUNT))));
    expect(
      await sqs().fail('AddPermission', {
        QueueUrl: url,
        AWSAccountIds: ['668614515564'],
        Actions: ['ReceiveMessage'],
        Label: 'crossaccountpermission',
      }),
    ).toMatchObject({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        'Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.',
    });
    await add('crossaccountpermission2', [ACCOUNT]);
    expect(await policyOf(url)).toEqual(
      policy(
        statement('crossaccountpermission', root(ACCOUNT)),
        statement('crossaccountpermission2', root(ACCOUNT)),
      ),
    );
    await remove('crossaccountpermission');
    expect(await policyOf(url)).toEqual(
      policy(statement('crossaccountpermission2', root(ACCOUNT))),
    );
    await remove('crossaccountpermission2');
    expect(await attributesOf(sqs(), url, ['Policy'])).toEqual({});
    expect(
      await sqs().fail('RemovePermission', { QueueUrl: url, Label: 'crossaccountpermission2' }),
    ).toMatchObject({
      code: 'InvalidParameterValue',
      status: 400,
      message:
        "Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label.",
    });
  });
});
