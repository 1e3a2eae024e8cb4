import { describe, expect, it, vi } from 'vitest';
import { useFakeTimeAtT0 } from './fake-time';
import { decision, drain, MNQ, makeRig, T0 } from './harness';

/**
 * The enforcer across a worker's life: what a waking worker resumes (and what it journals),
 * the trading-day reset's journal entry, waiting for one account to be idle, and a stopped
 * enforcer that touches nothing.
 */

useFakeTimeAtT0();

/** A close of the 1 MNQ open at T0 that could not run (the API is down), left unfinished in the store. */
async function unfinishedClose(overrides: Parameters<typeof makeRig>[0] = {}) {
  const rig = makeRig({ readAttempts: 1, ...overrides });
  rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
  rig.fake.setDown(true);
  await rig.enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
  await drain(rig.enforcer, 1_000);
  rig.enforcer.dispose();
  rig.fake.setDown(false);
  expect(Object.keys(rig.store.dump().intents ?? {})).toEqual(['enforcement:1']);
  return rig;
}

describe('enforcer: a waking worker', () => {
  it('resumes an unfinished enforcement of an unlocked account that is younger than 30 minutes', async () => {
    const rig = await unfinishedClose({ resumeMaxAgeMs: undefined });
    vi.setSystemTime(T0 + 29 * 60_000);
    const { enforcer } = await rig.rebuild();
    expect(await enforcer.resume()).toEqual([1]);
    await drain(enforcer);
    expect(rig.fake.positions()).toEqual([]);
  });

  it('drops one older than 30 minutes by default', async () => {
    const rig = await unfinishedClose({ resumeMaxAgeMs: undefined });
    vi.setSystemTime(T0 + 31 * 60_000);
    const { enforcer } = await rig.rebuild();
    expect(await enforcer.resume()).toEqual([]);
    expect(rig.fake.positions()).toHaveLength(1);
  });

  it('journals what it resumes and since when', async () => {
    const rig = await unfinishedClose();
    vi.setSystemTime(T0 + 60_000);
    const { enforcer } = await rig.rebuild();
    await enforcer.resume();
    expect(rig.journal.entries.at(-1)).toMatchObject({
      at: T0 + 60_000,
      kind: 'enforcement',
      accountId: 1,
      message: `Resuming unfinished enforcement: no position in ${MNQ}`,
      data: { since: T0 },
    });
    await drain(enforcer);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged' });
  });

  it('resumes nothing without a store', async () => {
    const rig = makeRig({ store: undefined });
    expect(await rig.enforcer.resume()).toEqual([]);
    expect(rig.journal.entries).toEqual([]);
  });
});

describe('enforcer: the trading-day reset', () => {
  it('journals the narrowing as an enforcement entry with the day it starts, and names the reset as its trigger', async () => {
    const rig = makeRig({ readAttempts: 1, retryFailedAfterMs: 60_000 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    rig.fake.setDown(false);
    const dayStart = T0 + 5_000;
    vi.setSystemTime(dayStart);
    await rig.enforcer.rollover(dayStart, () => ({ contractIds: [MNQ], orderIds: [] }));
    await drain(rig.enforcer);
    const reset = rig.journal.entries.find((e) => e.message.startsWith('New trading day'));
    expect(reset).toMatchObject({ kind: 'enforcement', accountId: 1, data: { dayStart } });
    expect(rig.journal.entries.at(-1)).toMatchObject({
      kind: 'enforcement',
      message: `Converged: no position in ${MNQ}`,
      data: { triggers: ['max-contracts', 'trading-day reset'] },
    });
  });

  it('rolls nothing over once disposed', async () => {
    const rig = makeRig({ readAttempts: 1 });
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.setDown(true);
    await rig.enforcer.submit(decision({ type: 'flatten' }));
    await drain(rig.enforcer, 1_000);
    rig.enforcer.dispose();
    const journaled = rig.journal.entries.length;
    expect(await rig.enforcer.rollover(T0 + 5_000, () => ({ contractIds: [MNQ], orderIds: [] }))).toEqual([]);
    expect(rig.journal.entries).toHaveLength(journaled);
  });
});

describe('enforcer: waiting for an account', () => {
  it('waits for that account alone: another account still at work does not hold it up', async () => {
    const rig = makeRig();
    rig.fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    rig.fake.inject('closePosition', 'hang'); // account 1's close never answers
    void rig.enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await vi.advanceTimersByTimeAsync(0);
    rig.fake.setLatency(100);
    rig.enforcer.kick(2, 'position event');
    const idle: string[] = [];
    void rig.enforcer.whenIdle(2).then(() => idle.push('2'));
    void rig.enforcer.whenIdle().then(() => idle.push('all'));
    await vi.advanceTimersByTimeAsync(50);
    expect(idle).toEqual([]); // account 2 is still reading
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rig.enforcer.status(2).state).toBe('converged');
    expect(idle).toEqual(['2']);
    expect(rig.enforcer.status(1).state).toBe('enforcing');
    expect(rig.fake.positions().map((p) => p.contractId)).toEqual([MNQ]);
  });
});
