import { describe, expect, it, vi } from 'vitest';
import { OrderType } from '../../../../src/core/gateway/enums';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeRig, NEXT_RESET, T0 } from './harness';

useFakeTimeAtT0();

describe('enforcer: the API is down', () => {
  it('persists the lockout, waits with bounded backoff, fails loudly, then resumes when the API is back', async () => {
    const rig = makeRig({ readAttempts: 4, backoffMs: 100, retryFailedAfterMs: 5_000 });
    const { fake, enforcer, store, journal } = rig;
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.setDown(true);
    await enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
    // The lockout is on disk once submit resolves (its write ran alongside the first attempt).
    expect(Object.values(store.dump().lockouts ?? {})).toMatchObject([
      { accountId: 1, ruleId: 'daily-realized-loss', end: { type: 'at', at: NEXT_RESET } },
    ]);
    expect(rig.lockouts.isLocked(1, Date.now())).toBe(true);
    await drain(enforcer, 2_000);
    // Bounded: 4 read attempts (positions and orders together each time), 100 + 200 + 400 ms
    // apart, then a loud failure.
    expect(fake.readCount()).toBe(8);
    expect(enforcer.status(1)).toMatchObject({ state: 'failed', nextAttemptAt: expect.any(Number) });
    expect(journal.entries.filter((e) => e.kind === 'error')).toHaveLength(1);
    expect(fake.calls).toEqual([]);
    fake.setDown(false);
    await vi.advanceTimersByTimeAsync(5_000);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
  });

  it('waits at least the Retry-After of a 429 before reading again', async () => {
    const { fake, enforcer } = makeRig({ backoffMs: 10 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.inject('reads', 'rate-limited');
    await enforcer.submit(decision({ type: 'flatten' }));
    await vi.advanceTimersByTimeAsync(900);
    expect(fake.readCount()).toBe(2); // one attempt: positions and orders together
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
  });

  it('a new decision restarts a failed enforcement at once instead of waiting for the retry timer', async () => {
    const { fake, enforcer } = makeRig({ readAttempts: 2, backoffMs: 10, retryFailedAfterMs: 60_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.setDown(true);
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer, 1_000);
    expect(enforcer.status(1).state).toBe('failed');
    fake.setDown(false);
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer, 2_000);
    expect(fake.positions()).toEqual([]);
  });

  it('keeps retrying with growing delays while the API stays down, acting once when it is back', async () => {
    const { fake, enforcer, journal } = makeRig({ readAttempts: 2, backoffMs: 10, retryFailedAfterMs: 1_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.setDown(true);
    await enforcer.submit(decision({ type: 'flatten' }));
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 100);
    expect(journal.entries.filter((e) => e.kind === 'error').length).toBe(4);
    fake.setDown(false);
    await vi.advanceTimersByTimeAsync(8_000);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'closePosition')).toHaveLength(1);
  });
});

describe('enforcer: a restart mid-way', () => {
  it('resumes an unfinished flatten from the store without repeating or over-closing anything', async () => {
    const rig = makeRig();
    const { fake } = rig;
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.seedPosition({ contractId: ES, side: 'short', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 3, stopPrice: 90 });
    // The worker dies while the first close is in flight: applied at the exchange, never answered.
    fake.inject('closePosition', 'hang-after-apply');
    await rig.enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.positions().map((p) => p.contractId)).toEqual([ES]);
    rig.enforcer.dispose();

    const { enforcer, lockouts } = await rig.rebuild();
    expect(lockouts.isLocked(1, Date.now())).toBe(true);
    expect(await enforcer.resume()).toEqual([1]);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.workingOrders()).toEqual([]);
    expect(fake.calls.map((c) => [c.method, c.effect])).toEqual([
      ['cancelOrder', 'applied'],
      ['closePosition', 'applied'],
      ['closePosition', 'applied'],
    ]);
    expect(fake.overCloseAttempts).toBe(0);
    expect(rig.store.dump().intents).toEqual({});
  });

  it('resumes an unfinished reduce without reducing twice', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    rig.fake.inject('reducePosition', 'hang-after-apply');
    await rig.enforcer.submit(decision({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }));
    await vi.advanceTimersByTimeAsync(500);
    rig.enforcer.dispose();
    const { enforcer } = await rig.rebuild();
    await enforcer.resume();
    await drain(enforcer);
    expect(rig.fake.positions()).toMatchObject([{ size: 3 }]);
    expect(rig.fake.calls.filter((c) => c.method === 'reducePosition')).toHaveLength(1);
  });

  it('a stale read right after a close is not taken as "still open": no second close', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    // REST lags: the first read after the close still shows the position.
    const realRead = rig.fake.reads.searchOpenPositions;
    let reads = 0;
    let stale: Awaited<ReturnType<typeof realRead>> = [];
    rig.fake.reads.searchOpenPositions = async (...args) => {
      reads += 1;
      const now = await realRead(...args);
      if (reads === 1) stale = now;
      return reads === 2 ? stale : now;
    };
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    expect(rig.fake.calls.filter((c) => c.method === 'closePosition')).toHaveLength(1);
    expect(rig.enforcer.status(1).state).toBe('converged');
  });

  it('a position re-opened right after the close (new id, same size) is new exposure: closed in the next round, not waited out as a stale read', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    const realClose = rig.fake.actions.closePosition;
    let closes = 0;
    rig.fake.actions.closePosition = async (...args) => {
      const result = await realClose(...args);
      closes += 1;
      // The trader buys the same size again while the enforcer settles after its close.
      if (closes === 1) rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
      return result;
    };
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    const closeRounds = rig.journal.entries
      .filter((e) => e.kind === 'action' && (e.data as { step?: { type?: string } }).step?.type === 'close')
      .map((e) => (e.data as { round: number }).round);
    expect(closeRounds).toEqual([1, 2]);
    expect(rig.fake.positions()).toEqual([]);
    expect(rig.fake.overCloseAttempts).toBe(0);
  });

  it('drops an unfinished enforcement older than resumeMaxAgeMs instead of acting on a stale decision', async () => {
    const rig = makeRig({ resumeMaxAgeMs: 60_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(rig.enforcer, 5_000);
    rig.enforcer.dispose();
    rig.fake.setDown(false);
    vi.setSystemTime(T0 + 120_000);
    const { enforcer } = await rig.rebuild();
    expect(await enforcer.resume()).toEqual([]);
    await drain(enforcer);
    expect(rig.fake.positions()).toHaveLength(1);
    expect(rig.store.dump().intents).toEqual({});
    expect(rig.journal.entries.at(-1)?.message).toContain('Dropped a stale unfinished enforcement');
  });

  it('keeps an unfinished enforcement older than resumeMaxAgeMs while its account is still locked', async () => {
    const rig = makeRig({ resumeMaxAgeMs: 60_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
    await drain(rig.enforcer, 5_000);
    rig.enforcer.dispose();
    rig.fake.setDown(false);
    vi.setSystemTime(T0 + 120_000);
    const { enforcer } = await rig.rebuild();
    expect(await enforcer.resume()).toEqual([1]);
    await drain(enforcer);
    expect(rig.fake.positions()).toEqual([]);
    expect(rig.journal.entries.some((e) => e.message.startsWith('Resuming unfinished enforcement: flat'))).toBe(true);
  });

  it('skips a stored enforcement it cannot read and says so; the lockouts still apply', async () => {
    const rig = makeRig();
    await rig.store.put('intents', 'enforcement:7', { type: 'enforcement', accountId: 'seven' });
    await rig.store.put('intents', 'order-intent-xyz', { whatever: true });
    const { enforcer } = await rig.rebuild();
    expect(await enforcer.resume()).toEqual([]);
    expect(rig.journal.entries.filter((e) => e.kind === 'error')).toHaveLength(1);
  });
});

describe('enforcer: lockouts drive the desired state', () => {
  it('a lockout-only decision (cooldown) flattens the account and keeps it so', async () => {
    const { fake, enforcer, lockouts } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await enforcer.submit(
      decision(
        { type: 'none' },
        {
          ruleId: 'trade-frequency',
          lockout: { kind: 'cooldown', end: { type: 'at', at: T0 + 600_000 }, scope: { type: 'account' } },
        },
      ),
    );
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(lockouts.active(1, Date.now())).toMatchObject([{ kind: 'cooldown', ruleId: 'trade-frequency' }]);
  });

  it('a symbol lockout closes and cancels only that root', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 1 });
    const keep = fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 0, size: 1, limitPrice: 1 });
    await enforcer.submit(
      decision(
        { type: 'none' },
        {
          ruleId: 'symbol-blocks',
          lockout: {
            kind: 'lockout',
            end: { type: 'condition', condition: 'setting-changed' },
            scope: { type: 'symbol', root: 'ES' },
          },
        },
      ),
    );
    await drain(enforcer);
    expect(fake.positions().map((p) => p.contractId)).toEqual([MNQ]);
    expect(fake.workingOrders().map((o) => o.id)).toEqual([keep.id]);
  });
});
