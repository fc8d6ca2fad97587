// Recorded: regions — a queue name is per region: each region's queue has its own URL, lists and
// resolves only in its own region, and the default region's URL names no region.
import { afterEach, expect, it } from 'vitest';
import { type SqsCaller, sqsCaller } from '../../support/sqs-clients.ts';
import { recordedSuite } from './support.ts';

recordedSuite('regions', ({ protocol, emulatorUrl }) => {
  const clients: SqsCaller[] = [];
  const client = (region: string) => {
    const caller = sqsCaller(protocol, emulatorUrl(), region);
    clients.push(caller);
    return caller;
  };
  afterEach(() => {
    for (const caller of clients.splice(0)) caller.destroy();
  });
  const twoRegions = async () => {
    const east = client('us-east-1');
    const central = client('eu-central-1');
    const eastUrl: string = (await east.call('CreateQueue', { QueueName: 'regional' })).QueueUrl;
    const centralUrl: string = (await central.call('CreateQueue', { QueueName: 'regional' }))
      .QueueUrl;
    return { east, central, eastUrl, centralUrl };
  };
  const listed = async (caller: SqsCaller): Promise<string[]> =>
    (await caller.call('ListQueues', {})).QueueUrls ?? [];

  it('lists each region’s queue in that region only; a non-default region names itself', async () => {
    const { east, central, eastUrl, centralUrl } = await twoRegions();
    expect(centralUrl).toContain('eu-central-1');
    expect(eastUrl).not.toContain('eu-central-1');
    expect(await listed(east)).toEqual([eastUrl]);
    expect(await listed(central)).toEqual([centralUrl]);
  });

  it('leaves the default region out of its queue URLs', async () => {
    const { eastUrl, centralUrl } = await twoRegions();
    expect(eastUrl).not.toContain('us-east-1');
    expect(centralUrl).not.toContain('us-east-1');
    expect(centralUrl).toContain('eu-central-1');
  });

  it('resolves one name to each region’s own URL', async () => {
    const { east, central, eastUrl, centralUrl } = await twoRegions();
    expect(eastUrl).not.toBe(centralUrl);
    expect((await east.call('GetQueueUrl', { QueueName: 'regional' })).QueueUrl).toBe(eastUrl);
    expect((await central.call('GetQueueUrl', { QueueName: 'regional' })).QueueUrl).toBe(
      centralUrl,
    );
  });
});
