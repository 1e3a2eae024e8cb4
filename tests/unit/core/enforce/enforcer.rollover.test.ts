import { describe, expect, it, vi } from 'vitest';
import { useFakeTimeAtT0 } from './fake-time';
import { decision, drain, ES, MNQ, makeRig, T0 } from './harness';

useFakeTimeAtT0();

/** A flatten of the 1 MNQ open at T0 that fails (the API is down) and waits for a retry a minute away. */
async function failedFlatten() {
  const rig = makeRig({ readAttempts: 2, backoffMs: 10, retryFailedAfterMs: 60_000 });
  rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
  rig.fake.setDown(true);
  await rig.enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss' }));
  await drain(rig.enforcer, 1_000);
  expect(rig.enforcer.status(1).state).toBe('failed');
  return rig;
}

describe('enforcer: the trading-day reset', () => {
  it('narrows an unfinished flatten to what was open at the reset and runs it at once', async () => {
    const { fake, enforcer, journal } = await failedFlatten();
    fake.setDown(false);
    const dayStart = T0 + 5_000;
    vi.setSystemTime(dayStart);
    // In the new day the trader opens ES before the enforcer gets to run.
    fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
    expect(await enforcer.rollover(dayStart, () => ({ contractIds: [MNQ], orderIds: [] }))).toEqual([1]);
    await drain(enforcer, 2_000); // far less than the failed run's 60 s retry
    expect(fake.positions().map((p) => p.contractId)).toEqual([ES]);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged' });
    const entry = journal.entries.find((e) => e.message.startsWith('New trading day with an unfinished'));
    expect(entry?.message).toContain('(flat, no working orders)');
    expect(entry?.message).toContain(`(no position in ${MNQ})`);
  });

  it('rolls an enforcement over once: later ticks of the same day leave it alone', async () => {
    const { fake, enforcer } = await failedFlatten();
    const dayStart = T0 + 5_000;
    vi.setSystemTime(dayStart);
    expect(await enforcer.rollover(dayStart, () => ({ contractIds: [MNQ], orderIds: [] }))).toEqual([1]);
    await drain(enforcer, 1_000);
    fake.setDown(false);
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    expect(await enforcer.rollover(dayStart, () => ({ contractIds: [MNQ, ES], orderIds: [] }))).toEqual([]);
    await vi.advanceTimersByTimeAsync(130_000); // the retries of the narrowed run
    await drain(enforcer, 2_000);
    expect(fake.positions().map((p) => p.contractId)).toEqual([ES]);
  });

  it('leaves enforcements begun in the new day, and finished ones, untouched', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(await enforcer.rollover(T0 + 60_000, () => ({ contractIds: [], orderIds: [] }))).toEqual([]);
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    vi.setSystemTime(T0 + 120_000);
    await enforcer.submit(decision({ type: 'flatten' }));
    expect(await enforcer.rollover(T0 + 60_000, () => ({ contractIds: [], orderIds: [] }))).toEqual([]);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
  });
});

describe('enforcer: periodic re-checks and a failed enforcement', () => {
  it('lets a periodic re-check wait for the retry timer when the gateway refused every action', async () => {
    const { fake, enforcer } = makeRig({ maxRounds: 2, retryFailedAfterMs: 60_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.inject('closePosition', 'refused', 3);
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer, 2_000);
    expect(enforcer.status(1).state).toBe('failed');
    const attempts = fake.calls.length;
    enforcer.kick(1, 'lockout guard: timer', { respectBackoff: true });
    await drain(enforcer, 1_000);
    expect(fake.calls).toHaveLength(attempts);
    expect(enforcer.status(1).state).toBe('failed');
    // Any other kick (an event showing exposure) tries at once.
    enforcer.kick(1, 'lockout guard: position event');
    await drain(enforcer, 2_000);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
  });

  it('retries at once on a periodic re-check after an outage (not a refusal)', async () => {
    const { fake, enforcer } = await failedFlatten();
    fake.setDown(false);
    enforcer.kick(1, 'lockout guard: timer', { respectBackoff: true });
    await drain(enforcer, 2_000);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
  });
});
