// The outage switch refuses every call of the store port while the database is "down" — the
// methods the worker reaches through event delivery as much as the ones it calls directly — and
// lets them through again once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseDownError, OutageSwitch } from '../../scenarios/store-decorators.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { openStore } from '../../src/infra/store/open-store.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore('sqlite::memory:');
});
afterAll(async () => {
  await store.close();
});

describe('OutageSwitch', () => {
  it('refuses every store call while down and counts them, then lets them through', async () => {
    const outage = new OutageSwitch();
    const wrapped = outage.wrap(store);
    outage.down = true;
    await expect(wrapped.getTask('task_u_01JDR0000000000000000000AB')).rejects.toThrow(
      DatabaseDownError,
    );
    await expect(wrapped.claimEvent('evt-1', 0, 1_000)).rejects.toThrow(/database down/);
    await expect(wrapped.releaseEvent('evt-1')).rejects.toThrow(DatabaseDownError);
    expect(outage.refused).toBe(3);
    outage.down = false;
    await expect(wrapped.getTask('task_u_01JDR0000000000000000000AB')).resolves.toBeNull();
    await expect(wrapped.ping()).resolves.toBeUndefined();
    expect(outage.refused).toBe(3);
  });
});
