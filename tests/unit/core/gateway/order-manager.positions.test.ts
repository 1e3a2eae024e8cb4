import { describe, expect, it } from 'vitest';
import { ACCOUNT, MNQ, setup } from './order-manager-fixture';

describe('order manager: closing and reducing positions', () => {
  it('is a noop when already flat and sends no close', async () => {
    const { fake, manager } = setup();
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'noop', detail: 'already flat' });
    expect(fake.count('closePosition')).toBe(0);
  });

  it('re-reads positions after an ambiguous close and does not close again once flat', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 3);
    fake.fail('closePosition', 'apply-then-fail');
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'done', detail: 'flat' });
    expect(fake.count('closePosition')).toBe(1);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 'all', openBefore: 3 }]);
  });

  it('closes again after a lost close once the re-read shows the position still open', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, -2);
    fake.fail('closePosition', 'lost');
    expect((await manager.closePosition(ACCOUNT, MNQ)).status).toBe('done');
    expect(fake.count('closePosition')).toBe(2);
    expect(fake.position(MNQ)).toBe(0);
  });

  it('caps a reduction at the open size: reducing 2 open by 5 closes exactly 2, never reverses', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 2);
    expect((await manager.reducePosition(ACCOUNT, MNQ, 5)).status).toBe('done');
    expect(fake.position(MNQ)).toBe(0);
    expect(fake.count('partialClosePosition')).toBe(0);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 'all', openBefore: 2 }]);
  });

  it('reduces partially and does not repeat the partial close after apply-then-fail', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, -5);
    fake.fail('partialClosePosition', 'apply-then-fail');
    expect(await manager.reducePosition(ACCOUNT, MNQ, 2)).toEqual({ status: 'done', detail: 'open 3' });
    expect(fake.count('partialClosePosition')).toBe(1);
    expect(fake.position(MNQ)).toBe(-3);
  });

  it('is a noop when asked to reduce a flat position, and rejects a non-positive size', async () => {
    const { fake, manager } = setup();
    expect((await manager.reducePosition(ACCOUNT, MNQ, 1)).status).toBe('noop');
    expect(await manager.reducePosition(ACCOUNT, MNQ, 0)).toMatchObject({ status: 'failed', retryable: false });
    expect(fake.calls.filter((c) => c.method !== 'searchOpenPositions')).toEqual([]);
  });

  it('serializes concurrent reductions of one position so together they never close more than is open', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 3);
    const outcomes = await Promise.all([
      manager.reducePosition(ACCOUNT, MNQ, 2),
      manager.reducePosition(ACCOUNT, MNQ, 2),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    expect(fake.position(MNQ)).toBe(0);
    expect(fake.closes).toEqual([
      { contractId: MNQ, requested: 2, openBefore: 3 },
      { contractId: MNQ, requested: 'all', openBefore: 1 },
    ]);
  });

  it('leaves a position alone that changed side since the reduction was decided', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 4);
    fake.api.partialClosePosition = async () => {
      // The trader reverses while our request is lost on the way.
      fake.setPosition(MNQ, -4);
      throw new Error('socket hang up');
    };
    expect((await manager.reducePosition(ACCOUNT, MNQ, 1)).status).toBe('noop');
    expect(fake.position(MNQ)).toBe(-4);
  });
});
