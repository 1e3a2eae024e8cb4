import { describe, expect, it, vi } from 'vitest';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, MNQ, makeRig, T0 } from './harness';

/** What the enforcer journals and reports, monitor mode, and when it gives up (and when it must not). */

useFakeTimeAtT0();

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
