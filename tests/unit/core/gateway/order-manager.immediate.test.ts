import { describe, expect, it } from 'vitest';
import { intents, MNQ, setup } from './order-manager-fixture';

const ACCOUNT = 7;

/**
 * `sendNow`, the enforcer's fast path: one request at once, with no intent written and no
 * read before it, and never retried. The caller's next read settles whatever it left unknown.
 */
describe('order manager: actions sent at once', () => {
  it('closes a position with one request: no read before it, no intent record', async () => {
    const { fake, manager, store } = setup();
    fake.setPosition(MNQ, 2);
    expect(await manager.sendNow(ACCOUNT, { kind: 'close', contractId: MNQ }, { lane: 'enforcement' })).toEqual({
      status: 'done',
    });
    expect(fake.calls.map((c) => `${c.method}:${c.ctx?.lane}`)).toEqual(['closePosition:enforcement']);
    expect(await intents(store)).toEqual([]);
  });

  it('returns a refusal as a failed outcome, and throws when the answer is lost (outcome unknown)', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 5, status: 3 });
    expect(await manager.sendNow(ACCOUNT, { kind: 'cancel', orderId: 5 })).toMatchObject({
      status: 'failed',
      retryable: false,
    });
    fake.setPosition(MNQ, 1);
    fake.fail('closePosition', 'apply-then-fail');
    await expect(manager.sendNow(ACCOUNT, { kind: 'close', contractId: MNQ })).rejects.toMatchObject({
      kind: 'outcome-unknown',
    });
    // Never retried here: one request, applied, its answer lost.
    expect(fake.count('closePosition')).toBe(1);
    expect(fake.position(MNQ)).toBe(0);
  });

  it('sends a partial close of exactly the size asked', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, -5);
    await manager.sendNow(ACCOUNT, { kind: 'reduce', contractId: MNQ, size: 2 });
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 2, openBefore: -5 }]);
  });

  it('waits for a reduction already working on the same position, so it never lands between its read and its send', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 3);
    const reducing = manager.reducePosition(ACCOUNT, MNQ, 1);
    // The reduction has read "3 open" and is about to send "close 1".
    while (fake.count('searchOpenPositions') === 0) await Promise.resolve();
    const closing = manager.sendNow(ACCOUNT, { kind: 'close', contractId: MNQ });
    await Promise.all([reducing, closing]);
    expect(fake.calls.map((c) => c.method)).toEqual(['searchOpenPositions', 'partialClosePosition', 'closePosition']);
    expect(fake.position(MNQ)).toBe(0);
  });
});
