import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderType } from '../../../../src/core/gateway/enums';
import { CL, dayLockout, decision, drain, ES, MNQ, makeRig, NQ, T0 } from './harness';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('enforcer: each action converges', () => {
  it('flattens: cancels every working order, closes every position, and verifies through REST', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.seedPosition({ contractId: ES, side: 'short', size: 1 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 3, stopPrice: 90 });
    fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.workingOrders()).toEqual([]);
    expect(fake.applied().map((c) => c.method)).toEqual([
      'cancelOrder',
      'cancelOrder',
      'closePosition',
      'closePosition',
    ]);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged', actions: 4 });
  });

  it('cancels every working order BEFORE it closes any position, so no stop fills after the close', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 1, size: 2, limitPrice: 120 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    const methods = fake.calls.map((c) => c.method);
    const firstClose = methods.indexOf('closePosition');
    expect(firstClose).toBeGreaterThan(methods.lastIndexOf('cancelOrder'));
  });

  it('cancels an order that appears after the close, found by the verifying read', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const original = fake.actions.closePosition;
    let once = true;
    fake.actions.closePosition = async (...args) => {
      const r = await original(...args);
      if (once) {
        once = false; // a suspended bracket child that searchOpen did not list surfaces now
        fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 1, stopPrice: 90 });
      }
      return r;
    };
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(fake.workingOrders()).toEqual([]);
    expect(fake.positions()).toEqual([]);
  });

  it('closes one position and leaves the others', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.positions().map((p) => p.contractId)).toEqual([ES]);
  });

  it('cancels the exit orders of a position it closes, so they cannot open a reverse position later', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    const entry = fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.workingOrders().map((o) => o.id)).toEqual([entry.id]);
  });

  it('reduces one position to its size limit', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'short', size: 6 });
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 2 }));
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: MNQ, size: 2, type: 2 }]);
    expect(fake.applied('reducePosition')).toHaveLength(1);
    expect(fake.applied('reducePosition')[0]?.args).toEqual([1, MNQ, 4]);
  });

  it('shrinks an exit order larger than the reduced position before reducing it', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    const stop = fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 5, stopPrice: 90 });
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ id: stop.id, size: 3 }]);
    expect(fake.calls.map((c) => c.method)).toEqual(['modifyOrder', 'reducePosition']);
  });

  it('cancels one order', async () => {
    const { fake, enforcer } = makeRig();
    const a = fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 0, size: 1, limitPrice: 10 });
    const b = fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 0, size: 1, limitPrice: 11 });
    await enforcer.submit(decision({ type: 'cancel-order', orderId: a.id }));
    await drain(enforcer);
    expect(fake.workingOrders().map((o) => o.id)).toEqual([b.id]);
  });
});

describe('enforcer: reduce to the total limit', () => {
  it('long 5, limit 3: reduces 2 of the NEWEST exposure', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: NQ, side: 'long', size: 3, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([
      [ES, 2],
      [NQ, 1],
    ]);
    expect(fake.applied().map((c) => c.args)).toEqual([[1, NQ, 2]]);
  });

  it('closes (never reverses) a newest position smaller than the excess, then takes the rest from the next', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 4, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: NQ, side: 'short', size: 1, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: ES, size: 2, type: 1 }]);
    expect(fake.applied().map((c) => [c.method, ...c.args])).toEqual([
      ['reducePosition', 1, ES, 2],
      ['closePosition', 1, NQ],
    ]);
    expect(fake.overCloseAttempts).toBe(0);
  });

  it('counts micros as 0.1 in mini-equivalents', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 25, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 3, counting: 'mini' }));
    await drain(enforcer);
    // 1 + 2.5 = 3.5 minis: 5 micros go.
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([
      [ES, 1],
      [MNQ, 20],
    ]);
  });

  it('prefers the guard-observed opening time when it is given', async () => {
    const { fake, enforcer } = makeRig({ openedAt: (_a, c) => (c === ES ? T0 : T0 - 3_600_000) });
    fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: CL, side: 'long', size: 2, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions().map((p) => p.contractId)).toEqual([CL]);
  });
});

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

describe('enforcer: monitor mode', () => {
  it('journals "would have flattened" and never acts, nor locks', async () => {
    const { fake, enforcer, journal, lockouts } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    await enforcer.submit(decision({ type: 'flatten' }, { monitorOnly: true, lockout: dayLockout }));
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
    expect(fake.readCount()).toBe(0);
    expect(lockouts.all()).toEqual([]);
    expect(journal.entries.map((e) => e.message)).toEqual([
      expect.stringContaining('Monitor only: would have flatten the account and locked'),
    ]);
    expect(enforcer.status(1)).toEqual({ state: 'idle' });
  });
});

describe('enforcer: journal and status', () => {
  it('journals the decision with its figures and trigger, each action with its outcome, and the convergence', async () => {
    const { fake, enforcer, journal } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    await enforcer.submit(
      decision({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }),
      'position 42 update',
    );
    await drain(enforcer);
    const kinds = journal.entries.map((e) => e.kind);
    expect(kinds).toEqual(['decision', 'action', 'enforcement']);
    expect(journal.entries[0]?.data).toMatchObject({
      figures: { openContracts: 5, limit: 3 },
      trigger: 'position 42 update',
    });
    expect(journal.entries[1]?.message).toContain('reduce CON.F.US.MNQ.Z25 by 2 of 5');
    expect(journal.entries[1]?.data).toMatchObject({ result: { status: 'done' } });
  });

  it('reports enforcing while it works, with what it is driving towards', async () => {
    const { fake, enforcer } = makeRig();
    fake.setLatency(100);
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const seen: string[] = [];
    enforcer.onStatus((_a, s) => seen.push(s.state));
    await enforcer.submit(decision({ type: 'flatten' }));
    expect(enforcer.status(1)).toMatchObject({ state: 'enforcing', what: 'flat, no working orders', since: T0 });
    await drain(enforcer);
    expect(seen.at(-1)).toBe('converged');
  });

  it('fails LOUDLY when it cannot converge within maxRounds, and tries again later', async () => {
    const { fake, enforcer, journal } = makeRig({ maxRounds: 3, retryFailedAfterMs: 10_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.inject('closePosition', 'failed', 4);
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    const status = enforcer.status(1);
    expect(status.state).toBe('failed');
    expect(status.state === 'failed' && status.reason).toContain('not converged after 3 rounds');
    expect(journal.entries.some((e) => e.kind === 'error' && e.message.includes('Enforcement FAILED'))).toBe(true);
    expect(fake.positions()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
  });
});

describe('enforcer: a trader who keeps opening', () => {
  it('keeps closing what the trader re-opens during one run, however many times, instead of giving up', async () => {
    const { fake, enforcer } = makeRig({ maxRounds: 3, retryFailedAfterMs: 60_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const original = fake.actions.closePosition;
    let reopens = 8;
    fake.actions.closePosition = async (...args) => {
      const r = await original(...args);
      if (reopens > 0) {
        reopens -= 1;
        // The trader buys again right after each close; the lockout guard kicks the enforcer.
        fake.traderFill(MNQ, 0, 2);
        enforcer.kick(1, 'position update');
      }
      return r;
    };
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(reopens).toBe(0);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
    expect(fake.applied('closePosition')).toHaveLength(9);
  });
});
