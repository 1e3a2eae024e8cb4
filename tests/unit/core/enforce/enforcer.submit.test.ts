import { describe, expect, it, vi } from 'vitest';
import type { EnforcementStatus } from '../../../../src/core/enforce/enforcement-status';
import type { Sighting } from '../../../../src/core/enforce/fast-path';
import type { FakeAccount } from './fake-account';
import { useFakeTimeAtT0 } from './fake-time';
import { CL, dayLockout, decision, drain, ES, MNQ, makeRig, T0 } from './harness';

/**
 * What a submitted decision sets going: which decisions act at all, the start time the views
 * show, one loop per account, and the fast path's use of the enforcer's options (freshness,
 * opening times, lots, the decision's own lockout).
 */

useFakeTimeAtT0();

function seen(fake: FakeAccount, extra: Partial<Sighting> = {}): Sighting {
  return { positions: fake.positions(), orders: fake.workingOrders(), source: 'hub', receivedAt: Date.now(), ...extra };
}

const immediate = (fake: FakeAccount) => fake.calls.filter((c) => c.immediate).map((c) => [c.method, ...c.args]);

describe('enforcer: what a decision starts', () => {
  it('ignores a warning: nothing is journaled, read or done', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await rig.enforcer.submit({
      kind: 'warning',
      ruleId: 'max-contracts',
      accountId: 1,
      fraction: 0.8,
      level: 0.8,
      message: '80 % of the limit',
      figures: {},
    });
    await drain(rig.enforcer);
    expect(rig.journal.entries).toEqual([]);
    expect(rig.fake.readCount()).toBe(0);
    expect(rig.enforcer.status(1)).toEqual({ state: 'idle' });
  });

  it('runs one loop for a decision with a lockout, not a second one for the lockout it adds', async () => {
    const rig = makeRig();
    // The lockout's write lands after the check of the (flat) account has converged.
    const putMany = rig.store.putMany.bind(rig.store);
    rig.store.putMany = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return putMany(...args);
    };
    const starts: EnforcementStatus[] = [];
    rig.enforcer.onStatus((_a, s) => {
      if (s.state === 'enforcing' && s.round === 0) starts.push(s);
    });
    const submitted = rig.enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }));
    await vi.advanceTimersByTimeAsync(1_000);
    await submitted;
    await drain(rig.enforcer);
    expect(starts).toHaveLength(1);
    expect(rig.fake.readCount()).toBe(2); // one read: positions and orders
  });

  it('calls the run of a lockout-only decision a lockout check, and journals no convergence when nothing was done', async () => {
    const rig = makeRig();
    const statuses: EnforcementStatus[] = [];
    rig.enforcer.onStatus((_a, s) => statuses.push(s));
    const cooldown = {
      kind: 'cooldown' as const,
      end: { type: 'at' as const, at: T0 + 600_000 },
      scope: dayLockout.scope,
    };
    await rig.enforcer.submit(decision({ type: 'none' }, { ruleId: 'trade-frequency', lockout: cooldown }));
    await drain(rig.enforcer);
    expect(statuses[0]).toMatchObject({ state: 'enforcing', what: 'lockout check', round: 0 });
    expect(rig.enforcer.status(1).state).toBe('converged');
    expect(rig.journal.entries.map((e) => e.kind)).toEqual(['decision', 'lockout']);
  });

  it('shows a new decision after a failed enforcement as enforcing since the new decision', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 60_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    expect(rig.enforcer.status(1)).toMatchObject({ state: 'failed', since: T0 });
    rig.fake.setDown(false);
    vi.setSystemTime(T0 + 5_000);
    await rig.enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    expect(rig.enforcer.status(1)).toMatchObject({ state: 'enforcing', since: T0 + 5_000 });
    await drain(rig.enforcer);
    expect(rig.fake.positions()).toEqual([]);
  });

  it('keeps the start time of a running enforcement that a later decision joins', async () => {
    const rig = makeRig();
    rig.fake.setLatency(100);
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    const statuses: EnforcementStatus[] = [];
    rig.enforcer.onStatus((_a, s) => statuses.push(s));
    void rig.enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await vi.advanceTimersByTimeAsync(150);
    void rig.enforcer.submit(decision({ type: 'close-position', contractId: ES }));
    await drain(rig.enforcer);
    expect(rig.fake.positions()).toEqual([]);
    expect(new Set(statuses.map((s) => (s.state === 'enforcing' ? s.since : T0)))).toEqual(new Set([T0]));
  });
});

describe('enforcer fast path: the options it acts with', () => {
  it('sizes a reduction from a position update as old as the freshness it is given', async () => {
    const rig = makeRig({ freshMs: 1_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    const sighting = seen(rig.fake, { positionEventFor: MNQ, receivedAt: Date.now() - 600 });
    void rig.enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }), 't', sighting);
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate(rig.fake)).toEqual([['reducePosition', 1, MNQ, 2]]);
    await drain(rig.enforcer);
    expect(rig.fake.positions()).toMatchObject([{ contractId: MNQ, size: 3 }]);
  });

  it('closes the newest exposure at once by the opening time the guard observed', async () => {
    const rig = makeRig({ openedAt: (_a, c) => (c === ES ? T0 : T0 - 3_600_000) });
    rig.fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    rig.fake.seedPosition({ contractId: CL, side: 'long', size: 2, openedAt: T0 - 1_000 });
    const d = decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' });
    void rig.enforcer.submit(d, 't', seen(rig.fake));
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate(rig.fake)).toEqual([['closePosition', 1, ES]]);
    await drain(rig.enforcer);
    expect(rig.fake.positions().map((p) => p.contractId)).toEqual([CL]);
  });

  it('closes the newest exposure at once by the lots the guard saw added', async () => {
    const rig = makeRig({ lots: (_a, c) => (c === ES ? [{ size: 2, at: T0 - 1_000 }] : undefined) });
    rig.fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    rig.fake.seedPosition({ contractId: CL, side: 'long', size: 2, openedAt: T0 - 30_000 });
    const d = decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' });
    void rig.enforcer.submit(d, 't', seen(rig.fake));
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate(rig.fake)).toEqual([['closePosition', 1, ES]]);
    await drain(rig.enforcer);
    expect(rig.fake.positions().map((p) => p.contractId)).toEqual([CL]);
  });

  it("acts at once on the decision's own lockout, before it is stored", async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    void rig.enforcer.submit(decision({ type: 'none' }, { lockout: dayLockout }), 't', seen(rig.fake));
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate(rig.fake)).toEqual([['closePosition', 1, MNQ]]);
    expect(rig.fake.readCount()).toBe(0);
    await drain(rig.enforcer);
    expect(rig.fake.positions()).toEqual([]);
  });

  it('leaves at once the positions a keep-positions lockout keeps, and closes the rest', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    const keepMnq = { ...dayLockout, keep: { [MNQ]: 1 } };
    void rig.enforcer.submit(decision({ type: 'none' }, { lockout: keepMnq }), 't', seen(rig.fake));
    await vi.advanceTimersByTimeAsync(0);
    expect(immediate(rig.fake)).toEqual([['closePosition', 1, ES]]);
    await drain(rig.enforcer);
    expect(rig.fake.positions().map((p) => p.contractId)).toEqual([MNQ]);
  });
});
