import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import type { GuardTuning } from '../../../src/core/guard/guard-deps';
import { defaultConfig, type GuardConfig } from '../../../src/core/rules/config/config-schema';
import {
  appliedCloses,
  type ChaosRig,
  duplicateTags,
  enforcingDailyLoss,
  MES,
  MNQ,
  restartGuard,
  rigPerTest,
  waitConnected,
  waitFlat,
  wastedCloses,
} from '../../chaos/guard/guard-chaos-kit';
import { pictureOf } from '../realtime/harness';
import { waitFor } from './guard-harness';

/**
 * The CME daily break (16:00–17:00 America/Chicago) through the composed guard: the
 * simulator follows the calendar (`marketHours: true`) and refuses every close with
 * errorCode 5 "Outside trading hours." while it is closed. The exchange and the guard share
 * one clock that the test moves (an hour passes in a line, no real wait); the alarms the
 * worker would get are called by hand (`onDeadline`, `watchdog`), as config-lock.test.ts does.
 */

const rigs = rigPerTest();

/** Daily loss $100 (lockout to the 17:00 reset) and a 2-hour cooldown for one order losing $100 or more. */
function breakConfig(): GuardConfig {
  const config = enforcingDailyLoss(100, defaultConfig());
  config.defaultProfile.rules.cooldownAfterLoss = {
    ...config.defaultProfile.rules.cooldownAfterLoss,
    mode: 'enforce',
    tiers: [{ loss: 100, minutes: 120 }],
  };
  return config;
}

/** A guard and a simulator on one movable clock, starting Tuesday 24 November 2026, 15:59 CST. */
async function startAtBreakEve(config: GuardConfig, tuning: GuardTuning = {}) {
  let offset = Date.parse('2026-11-24T15:59:00-06:00') - Date.now();
  const clock = { now: () => Date.now() + offset };
  const moveTo = (iso: string) => {
    offset = Date.parse(iso) - Date.now();
  };
  const rig = await rigs.start({ sim: { now: clock.now, marketHours: true }, harness: { clock, tuning }, config });
  return { r: rig, clock, moveTo, harnessOptions: { clock, tuning } };
}

/**
 * The trader holds 1 MES and loses $121.24 on an MNQ round turn just before the break; the
 * guard hears of it only once the break has begun at 16:00:05 (its hub messages are held).
 */
async function loseJustBeforeTheBreak(r: ChaosRig, moveTo: (iso: string) => void): Promise<void> {
  const { sim, harness, accountId } = r;
  sim.trader.placeOrder(accountId, { contractId: MES, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  await waitFor(() => harness.guard.view().state.accounts[String(accountId)]?.positions[MES], 'the MES position');
  const hold = sim.faults.add({
    target: { kind: 'hub', hub: 'user' },
    effect: { type: 'hold' },
    schedule: { type: 'always' },
  });
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  sim.market.setPrice(MNQ, 20_940);
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
  expect(sim.ledger.truth(accountId)).toMatchObject({ realizedPnl: -120, fees: 1.11, commissions: 0.75 });
  moveTo('2026-11-24T16:00:05-06:00');
  expect(sim.market.session()).toBe('break');
  sim.faults.remove(hold);
  sim.faults.release();
}

describe('the composed guard through the CME daily break', () => {
  it('fails loudly while the break refuses its flatten, keeps the lockout, backs off, and flattens once at the 17:00 CT reopen', async () => {
    const { r, clock, moveTo } = await startAtBreakEve(breakConfig());
    const { sim, harness, accountId } = r;
    const { guard } = harness;
    const enforcement = () => guard.view().enforcement(accountId);
    const errors = () =>
      harness.journal.entries.filter((e) => e.kind === 'error' && e.message.startsWith('Enforcement FAILED'));
    const mesOpen = () => sim.ledger.truth(accountId).positions.some((p) => p.contractId === MES);
    await loseJustBeforeTheBreak(r, moveTo);

    // The breach: both rules lock the account (one record, the later end: the cooldown's two
    // hours from the loss itself, just before 16:00, over the reset's 17:00), and the flatten
    // is refused round after round.
    await waitFor(() => enforcement().state === 'failed', 'the enforcement to fail', 10_000);
    const lockedBy = harness.journal.entries.filter((e) => e.kind === 'lockout').map((e) => e.ruleId);
    expect(lockedBy).toEqual(['dailyRealizedLoss', 'cooldownAfterLoss']);
    const [lockout] = guard.view().lockouts;
    expect(guard.view().lockouts).toHaveLength(1);
    expect(lockout).toMatchObject({ accountId, scope: { type: 'account' }, end: { type: 'at' } });
    const endsAt = lockout?.end.type === 'at' ? lockout.end.at : 0;
    // From the loss's own time, not from 16:00:05 when the guard heard of it.
    const lossAt = Math.max(
      ...Object.values(guard.view().state.accounts[String(accountId)]?.trades ?? {})
        .filter((t) => t.profitAndLoss !== null && t.profitAndLoss !== undefined)
        .map((t) => Date.parse(t.creationTimestamp)),
    );
    expect(lossAt).toBeLessThan(Date.parse('2026-11-24T16:00:00-06:00'));
    expect(endsAt).toBe(lossAt + 120 * 60_000);
    const failed = enforcement();
    expect(failed).toMatchObject({ state: 'failed', what: expect.stringContaining('flat') });
    expect(failed.state === 'failed' && failed.nextAttemptAt).toBeGreaterThan(clock.now());
    expect(errors()).toHaveLength(1);
    const refusedActions = harness.journal.entries.filter(
      (e) => e.kind === 'action' && e.message.includes('Outside trading hours'),
    );
    expect(refusedActions.length).toBeGreaterThanOrEqual(1);
    expect(mesOpen()).toBe(true);
    const firstRefusals = wastedCloses(sim, accountId);
    expect(firstRefusals.length).toBeGreaterThanOrEqual(1);
    expect(firstRefusals.every((c) => c.errorCode === 5 && c.contractId === MES)).toBe(true);

    // Half an hour later the watchdog's periodic re-check (every 30 s in the worker) leaves
    // the failed enforcement to its own retry timer (15 s doubling to 5 min, real time here):
    // no new burst of refused closes, the lockouts untouched.
    moveTo('2026-11-24T16:30:00-06:00');
    await guard.watchdog();
    await guard.whenIdle(accountId);
    expect(enforcement().state).toBe('failed');
    expect(errors()).toHaveLength(1);
    expect(wastedCloses(sim, accountId)).toHaveLength(firstRefusals.length);
    expect(guard.view().lockouts).toEqual([lockout]);
    expect(mesOpen()).toBe(true);
    expect(appliedCloses(sim, accountId)).toEqual([]);

    // 17:00 CT: the market reopens and the trading day resets (the reset alarm fires). The
    // lockout holds (to 18:00:05) and the flatten goes through at once, not at the retry timer.
    moveTo('2026-11-24T17:00:00.000-06:00');
    expect(sim.market.session()).toBe('open');
    await guard.onDeadline('reset');
    await waitFlat(sim, accountId, 3000);
    await guard.whenIdle(accountId);
    expect(enforcement()).toMatchObject({ state: 'converged' });
    expect(guard.view().lockouts).toEqual([lockout]);
    expect(harness.journal.entries.some((e) => e.kind === 'unlock')).toBe(false);

    // Exactly one close went through: the whole MES position, once; every other was refused.
    const applied = appliedCloses(sim, accountId);
    expect(applied.map((c) => [c.contractId, c.requestedSize, c.openSizeBefore])).toEqual([[MES, 'all', 1]]);
    expect(wastedCloses(sim, accountId).every((c) => c.errorCode === 5)).toBe(true);
    expect(sim.ledger.overCloses()).toEqual([]);
    expect(duplicateTags(sim, accountId)).toEqual([]);
    // Nothing else ever filled: the trader's three fills and the one close. The guard's picture
    // is of the new trading day (from 17:00): the close alone, flat, MES closed at its entry.
    const trades = sim.ledger.truth(accountId).trades;
    expect(trades).toHaveLength(4);
    const close = trades.at(-1);
    expect(close).toMatchObject({
      contractId: MES,
      side: OrderSide.Ask,
      profitAndLoss: 0,
      fees: 0.37,
      commissions: 0.25,
    });
    expect(pictureOf(guard.view().state, accountId)).toEqual({
      positions: [],
      openOrders: [],
      tradeIds: [close?.id],
      realizedPnl: 0,
      fees: 0.37,
      commissions: 0.25,
    });
  });
  it('closes at the 17:00 reopen only what the refused flatten was for, never what the trader opens in the new day', async () => {
    // Daily loss alone: its lockout ends at the 17:00 reset, the moment the market reopens. A
    // failed enforcement retries after 1 s here (15 s in the worker): a stale retry of the old
    // flatten would show within the wait below.
    const { r, moveTo } = await startAtBreakEve(enforcingDailyLoss(100, defaultConfig()), {
      retryFailedAfterMs: 1000,
    });
    const { sim, harness, accountId } = r;
    const { guard } = harness;
    const enforcement = () => guard.view().enforcement(accountId);
    const openContracts = () => sim.ledger.truth(accountId).positions.map((p) => p.contractId);
    await loseJustBeforeTheBreak(r, moveTo);
    await waitFor(() => enforcement().state === 'failed', 'the refused flatten to fail', 10_000);
    expect(openContracts()).toEqual([MES]);

    // 17:00: the reset ends the daily lockout and the market reopens; the alarm fires.
    moveTo('2026-11-24T17:00:00.000-06:00');
    await guard.onDeadline('reset');
    expect(guard.view().lockouts).toEqual([]);
    await waitFor(() => !openContracts().includes(MES), 'MES closed at the reopen', 3000);
    await guard.whenIdle(accountId);
    const rolled = harness.journal.entries.filter((e) => e.message.startsWith('New trading day with an unfinished'));
    expect(rolled).toHaveLength(1);
    expect(rolled[0]?.message).toContain(`no position in ${MES}`);

    // A minute into the new day, no lockout in force: the trader's new MNQ is theirs to keep,
    // through later re-checks and past the old enforcement's retry timer.
    moveTo('2026-11-24T17:01:00.000-06:00');
    sim.market.setPrice(MNQ, 21_000);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1, 'the new MNQ');
    await guard.watchdog();
    await guard.whenIdle(accountId);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past any retry of the old failed run
    await guard.whenIdle(accountId);
    expect(openContracts()).toEqual([MNQ]);
    expect(appliedCloses(sim, accountId).map((c) => c.contractId)).toEqual([MES]);
    expect(sim.ledger.overCloses()).toEqual([]);
  }, 30_000);

  it('still closes the breach’s position at the reopen when the worker restarted during the break', async () => {
    const { r, moveTo, harnessOptions } = await startAtBreakEve(enforcingDailyLoss(100, defaultConfig()), {
      retryFailedAfterMs: 1000,
    });
    const { sim, accountId } = r;
    const openContracts = () => sim.ledger.truth(accountId).positions.map((p) => p.contractId);
    await loseJustBeforeTheBreak(r, moveTo);
    await waitFor(
      () => r.harness.guard.view().enforcement(accountId).state === 'failed',
      'the refused flatten',
      10_000,
    );

    // 16:45: the browser restarts. The unfinished flatten is 45 minutes old (older than the 30
    // the worker resumes), but the account is still locked: it is kept, not dropped as stale.
    moveTo('2026-11-24T16:45:00-06:00');
    const restarted = await restartGuard(r, undefined, harnessOptions);
    await waitConnected(r);
    expect(restarted.journal.entries.some((e) => e.message.startsWith('Dropped a stale'))).toBe(false);
    expect(openContracts()).toEqual([MES]);

    moveTo('2026-11-24T17:00:00.000-06:00');
    await restarted.guard.onDeadline('reset');
    await waitFor(() => !openContracts().includes(MES), 'MES closed at the reopen', 5000);
    await restarted.guard.whenIdle(accountId);
    expect(appliedCloses(sim, accountId).map((c) => c.contractId)).toEqual([MES]);
    expect(sim.ledger.overCloses()).toEqual([]);
  }, 30_000);
});
