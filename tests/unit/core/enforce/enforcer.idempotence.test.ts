import { describe, expect, it, vi } from 'vitest';
import { OrderType } from '../../../../src/core/gateway/enums';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeRig } from './harness';

useFakeTimeAtT0();

describe('enforcer: idempotent and merged', () => {
  it('turns two breaches in the same event into ONE flatten', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 3, stopPrice: 90 });
    await Promise.all([
      enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout })),
      enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'unrealized-loss', lockout: dayLockout })),
      enforcer.submit(decision({ type: 'reduce-total', maxContracts: 1, counting: 'contracts' })),
    ]);
    await drain(enforcer);
    expect(fake.calls.map((c) => c.method)).toEqual(['cancelOrder', 'closePosition']);
  });

  it('merges a decision that arrives while an enforcement runs into its next round', async () => {
    const { fake, enforcer } = makeRig();
    fake.setLatency(100);
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await vi.advanceTimersByTimeAsync(150); // the first read is in flight
    await enforcer.submit(decision({ type: 'flatten' }));
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.calls.map((c) => [c.method, c.args[1]])).toEqual([
      ['closePosition', MNQ],
      ['closePosition', ES],
    ]);
  });

  it('a repeated decision after convergence costs reads but zero actions', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    const before = fake.calls.length;
    for (let i = 0; i < 3; i++) {
      await enforcer.submit(decision({ type: 'flatten' }));
      await drain(enforcer);
    }
    expect(fake.calls.length).toBe(before);
    expect(enforcer.status(1).state).toBe('converged');
  });

  it('after an outcome-unknown close (applied, answer lost) it re-reads and does not close again', async () => {
    const { fake, enforcer, journal } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.inject('closePosition', 'unknown-after-apply');
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'closePosition')).toHaveLength(1);
    expect(journal.entries.some((e) => e.kind === 'action' && e.message.includes('unknown'))).toBe(true);
  });

  it('after an outcome-unknown reduce it never reduces twice (no over-close)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    fake.inject('reducePosition', 'unknown-after-apply');
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }));
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ size: 3 }]);
    expect(fake.calls.filter((c) => c.method === 'reducePosition')).toHaveLength(1);
    expect(fake.overCloseAttempts).toBe(0);
  });

  it('retries an action that failed without effect on the next round', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.inject('closePosition', 'transient');
    fake.inject('closePosition', 'failed');
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
  });
});
