import { describe, expect, it, vi } from 'vitest';
import type { EnforcementStatus } from '../../../../src/core/enforce/enforcement-status';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeRig, T0 } from './harness';

/**
 * Each account's convergence loop (account-loop.ts), seen through the enforcer that starts it:
 * the status the views show, what it journals, its retry after a failure, and how it stops.
 */

useFakeTimeAtT0();

/** Every status the enforcer reports for account 1, in order. */
function statusLog(rig: ReturnType<typeof makeRig>): EnforcementStatus[] {
  const seen: EnforcementStatus[] = [];
  rig.enforcer.onStatus((accountId, status) => {
    if (accountId === 1) seen.push(status);
  });
  return seen;
}

const entries = (rig: ReturnType<typeof makeRig>, kind: string) => rig.journal.entries.filter((e) => e.kind === kind);

describe('account loop: the status the views show', () => {
  it('reports the start, each round it is in, and the convergence with the actions it took', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const seen = statusLog(rig);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    const what = 'flat, no working orders';
    expect(seen).toEqual([
      { state: 'enforcing', since: T0, what, round: 0 },
      { state: 'enforcing', since: T0, what, round: 1 },
      { state: 'enforcing', since: T0, what, round: 2 },
      { state: 'converged', at: T0 + 200, what, actions: 1 },
    ]);
  });

  it('calls a run that a lockout kick started a lockout check, since the kick', async () => {
    const rig = makeRig();
    const seen = statusLog(rig);
    vi.setSystemTime(T0 + 5_000);
    rig.enforcer.kick(1, 'position event');
    expect(rig.enforcer.status(1)).toEqual({ state: 'enforcing', since: T0 + 5_000, what: 'lockout check', round: 0 });
    await drain(rig.enforcer);
    expect(seen.at(-1)).toMatchObject({ state: 'converged', what: 'nothing to enforce', actions: 0 });
  });

  it('keeps the start time of a failed enforcement when its retry runs it again', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 10_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    expect(rig.enforcer.status(1)).toMatchObject({ state: 'failed', since: T0 });
    rig.fake.setDown(false);
    const seen = statusLog(rig);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen[0]).toMatchObject({ state: 'enforcing', since: T0, round: 0 });
    await drain(rig.enforcer);
    expect(rig.enforcer.status(1).state).toBe('converged');
  });

  it('stops telling a listener once it has unsubscribed', async () => {
    const rig = makeRig();
    const heard: string[] = [];
    const unsubscribe = rig.enforcer.onStatus((_accountId, status) => heard.push(status.state));
    unsubscribe();
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    expect(rig.enforcer.status(1).state).toBe('converged');
    expect(heard).toEqual([]);
  });
});

describe('account loop: the journal', () => {
  it('journals a convergence with what it reached, its actions, rounds and the triggers that set it going', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await rig.enforcer.submit(decision({ type: 'flatten' }), 'position 42 update');
    await drain(rig.enforcer);
    expect(entries(rig, 'enforcement')).toMatchObject([
      {
        accountId: 1,
        message: 'Converged: flat, no working orders',
        data: { actions: 1, rounds: 2, triggers: ['max-contracts: position 42 update'] },
      },
    ]);
  });

  it('names a decision with no trigger by its rule alone', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await rig.enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss' }));
    await drain(rig.enforcer);
    expect(entries(rig, 'enforcement')[0]?.data).toMatchObject({ triggers: ['daily-realized-loss'] });
  });

  it('journals a decision that found the account already where it should be: converged, no action', async () => {
    const rig = makeRig();
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    expect(rig.fake.calls).toEqual([]);
    expect(entries(rig, 'enforcement')).toMatchObject([
      { message: 'Converged: flat, no working orders', data: { actions: 0, rounds: 1 } },
    ]);
  });

  it('journals nothing for a lockout check that found nothing to do', async () => {
    const rig = makeRig();
    rig.enforcer.kick(1, 'periodic re-check');
    await drain(rig.enforcer);
    expect(rig.enforcer.status(1).state).toBe('converged');
    expect(rig.journal.entries).toEqual([]);
  });

  it('journals the recovery of a failed lockout check, even when nothing was left to do', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 10_000 });
    rig.fake.setDown(true);
    rig.enforcer.kick(1, 'periodic re-check');
    await drain(rig.enforcer, 1_000);
    expect(rig.enforcer.status(1).state).toBe('failed');
    rig.fake.setDown(false);
    await vi.advanceTimersByTimeAsync(10_000);
    await drain(rig.enforcer);
    expect(entries(rig, 'enforcement')).toMatchObject([
      { message: 'Converged: nothing to enforce', data: { actions: 0, triggers: ['periodic re-check'] } },
    ]);
  });

  it('journals a failure with what it was driving towards, the actions, the failure count and the next attempt', async () => {
    const rig = makeRig({ maxRounds: 1, retryFailedAfterMs: 10_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.inject('closePosition', 'failed', 4);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    const failedAt = T0 + 200; // one round: the refused close, then the settle
    const status = rig.enforcer.status(1);
    expect(status).toMatchObject({
      state: 'failed',
      since: T0,
      what: 'flat, no working orders',
      nextAttemptAt: failedAt + 10_000,
    });
    expect(entries(rig, 'error')).toMatchObject([
      {
        message: expect.stringMatching(/^Enforcement FAILED \(flat, no working orders\): not converged after 1 rounds/),
        data: { actions: 1, failures: 1, nextAttemptAt: failedAt + 10_000 },
      },
    ]);
  });
});

describe('account loop: retries', () => {
  it('doubles the wait after each failure in a row, up to the longest wait', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 1_000, maxRetryDelayMs: 3_000 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 3_000 + 3_000);
    const waits = entries(rig, 'error').map((e) => (e.data as { nextAttemptAt: number }).nextAttemptAt - e.at);
    expect(waits).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  it('drops the retry of a failed enforcement that a new decision restarted: nothing runs when it would have', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 60_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    expect(rig.enforcer.status(1).state).toBe('failed');
    rig.fake.setDown(false);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    const converged = rig.enforcer.status(1);
    expect(converged.state).toBe('converged');
    const reads = rig.fake.readCount();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rig.fake.readCount()).toBe(reads);
    expect(rig.enforcer.status(1)).toEqual(converged);
  });

  it('runs one more round for a kick that arrives as the run converges', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    let reopened = false;
    rig.enforcer.onStatus((_accountId, status) => {
      if (status.state !== 'converged' || reopened) return;
      reopened = true;
      // The trader buys again in the instant the run converges; the lockout guard kicks.
      rig.fake.traderFill(ES, 0, 1);
      rig.enforcer.kick(1, 'position event');
    });
    await rig.enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }));
    await drain(rig.enforcer);
    expect(reopened).toBe(true);
    expect(rig.fake.positions()).toEqual([]);
    expect(rig.enforcer.status(1).state).toBe('converged');
  });

  it('journals a crash of the loop; the next start takes the enforcement over, from its first start time', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const active = rig.lockouts.active.bind(rig.lockouts);
    rig.lockouts.active = () => {
      rig.lockouts.active = active;
      throw new Error('lockout book unreadable');
    };
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer);
    expect(entries(rig, 'error')).toMatchObject([
      { accountId: 1, message: 'Enforcement crashed', data: { error: 'lockout book unreadable' } },
    ]);
    expect(rig.fake.positions()).toHaveLength(1);
    vi.setSystemTime(T0 + 5_000);
    rig.enforcer.kick(1, 'periodic re-check');
    expect(rig.enforcer.status(1)).toMatchObject({ state: 'enforcing', since: T0, what: 'flat, no working orders' });
    await drain(rig.enforcer);
    expect(rig.fake.positions()).toEqual([]);
  });
});

describe('account loop: timing', () => {
  it('lets REST settle for settleMs after acting before it reads again', async () => {
    const rig = makeRig({ settleMs: 1_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    void rig.enforcer.submit(decision({ type: 'flatten' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(rig.fake.applied('closePosition')).toHaveLength(1);
    const afterClose = rig.fake.readCount();
    await vi.advanceTimersByTimeAsync(999);
    expect(rig.fake.readCount()).toBe(afterClose);
    await vi.advanceTimersByTimeAsync(1);
    expect(rig.fake.readCount()).toBe(afterClose + 2);
  });

  it('settles for 300 ms when no settle time is given', async () => {
    const rig = makeRig({ settleMs: undefined });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    void rig.enforcer.submit(decision({ type: 'flatten' }));
    await vi.advanceTimersByTimeAsync(0);
    const afterClose = rig.fake.readCount();
    await vi.advanceTimersByTimeAsync(299);
    expect(rig.fake.readCount()).toBe(afterClose);
    await vi.advanceTimersByTimeAsync(1);
    expect(rig.fake.readCount()).toBe(afterClose + 2);
  });
});

describe('account loop: stopping', () => {
  it('stops a run at its next step when disposed: no further action, no failure journaled, no retry', async () => {
    const rig = makeRig({ retryFailedAfterMs: 1_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    rig.fake.setLatency(100);
    void rig.enforcer.submit(decision({ type: 'flatten' }));
    // The read (100 ms), then the first close is in flight.
    await vi.advanceTimersByTimeAsync(150);
    rig.enforcer.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rig.fake.applied('closePosition')).toHaveLength(1);
    expect(entries(rig, 'error')).toEqual([]);
    expect(rig.enforcer.status(1).state).toBe('enforcing');
  });

  it('leaves no retry timer behind when disposed', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 60_000 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    expect(rig.enforcer.status(1).state).toBe('failed');
    expect(vi.getTimerCount()).toBe(1);
    rig.enforcer.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes no decision and no kick once disposed', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.enforcer.dispose();
    await rig.enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }));
    rig.enforcer.kick(1, 'position event');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rig.fake.calls).toEqual([]);
    expect(rig.fake.readCount()).toBe(0);
    expect(rig.journal.entries).toEqual([]);
    expect(rig.lockouts.all()).toEqual([]);
    expect(rig.enforcer.status(1)).toEqual({ state: 'idle' });
  });
});
