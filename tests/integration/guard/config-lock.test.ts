import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { createTradingDayClock } from '../../../src/core/state/trading-day';
import {
  appliedCloses,
  type ChaosRig,
  enforcingDailyLoss,
  MNQ,
  restartGuard,
  rigPerTest,
  traderLosesPastLimit,
  waitConnected,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

const rigs = rigPerTest();

const rulesOf = (r: ChaosRig) => r.harness.guard.view().config.defaultProfile.rules;

describe('the commitment lock through the composed guard', () => {
  it('applies a tightening at once, holds a loosening until 17:00 Chicago, then unlocks the daily-loss lockout and promotes it', async () => {
    // The exchange and the guard share one clock, a minute before today's reset; the test
    // moves it past the reset by hand (the alarm would fire `onDeadline('reset')`).
    const reset = createTradingDayClock().nextReset(Date.now());
    let offset = reset - 60_000 - Date.now();
    const clock = { now: () => Date.now() + offset };
    const rig = await rigs.start({ sim: { now: clock.now }, harness: { clock }, config: enforcingDailyLoss(500) });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;
    const dayBefore = guard.view().tradingDay.key;

    // −$100.74 realized (1 MNQ, 50 points, fees): inside the $500 limit; then 1 open.
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    sim.market.setPrice(MNQ, 20_950);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1, 'the open 1');
    await guard.whenIdle(accountId);
    expect(guard.view().lockouts).toEqual([]);

    // Tightening: in force now.
    const tightened = await guard.saveConfig(enforcingDailyLoss(100));
    expect(tightened).toMatchObject({ ok: true, pending: null });
    expect(rulesOf(rig).dailyRealizedLoss.limit).toBe(100);
    // Loosening: held back until the reset; the tight limit stays in force.
    const loosened = await guard.saveConfig(enforcingDailyLoss(1000));
    expect(loosened.ok && loosened.pending?.effectiveAt).toBe(reset);
    expect(rulesOf(rig).dailyRealizedLoss.limit).toBe(100);
    expect(guard.view().pending?.config.defaultProfile.rules.dailyRealizedLoss.limit).toBe(1000);

    // The next trade (a scratch, fees only) takes the day to −$102.22: past the tight limit.
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await guard.whenIdle(accountId);
    const lockout = guard.view().lockouts.find((l) => l.accountId === accountId);
    expect(lockout?.end).toMatchObject({ type: 'at', at: reset });

    // 17:00 Chicago passes: the alarm fires, then the watchdog runs.
    offset += 75_000;
    await guard.onDeadline('reset');
    await guard.watchdog();
    expect(guard.view().lockouts).toEqual([]);
    expect(harness.journal.entries.some((e) => e.kind === 'unlock' && e.accountId === accountId)).toBe(true);
    expect(guard.view().pending).toBeNull();
    expect(rulesOf(rig).dailyRealizedLoss.limit).toBe(1000);
    expect(guard.view().tradingDay.key).not.toBe(dayBefore);

    // A new day, unlocked: the trader's position stays open.
    const closesBefore = appliedCloses(sim, accountId).length;
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1, 'the new position');
    await new Promise((r) => setTimeout(r, 1000));
    await guard.whenIdle(accountId);
    expect(sim.ledger.truth(accountId).positions).toHaveLength(1);
    expect(appliedCloses(sim, accountId)).toHaveLength(closesBefore);
  });

  it('applies a cut daily limit at once: at −$400 with the limit cut from $500 to $300, it flattens and locks without waiting for a fill', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(500) });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;
    traderLosesPastLimit(sim, accountId);
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1, 'the open 1');
    await guard.whenIdle(accountId);
    expect(guard.view().lockouts).toEqual([]);

    const saved = await guard.saveConfig(enforcingDailyLoss(300));
    expect(saved).toMatchObject({ ok: true, pending: null });
    // No fill, no quote: the save itself re-judges every account (2 s is far more than it takes).
    await waitLocked(rig, 2000);
    expect(guard.view().lockouts.filter((l) => l.accountId === accountId)).toMatchObject([
      { ruleId: 'dailyRealizedLoss', scope: { type: 'account' } },
    ]);
    await waitFlat(sim, accountId);
  });

  it('Lock me out through the composed guard: flattens at once, closes what the trader opens, and outlives an import and a restart', async () => {
    const rig = await rigs.start();
    const { sim, accountId } = rig;
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
    await waitFor(() => rig.harness.guard.view().state.accounts[String(accountId)]?.positions[MNQ], 'the position');
    const request = { target: { type: 'account' as const, accountId }, until: { type: 'end-of-day' as const } };
    const plan = rig.harness.guard.previewLockMeOut(request);
    if (!plan.ok) throw new Error(plan.message);
    expect(await rig.harness.guard.lockMeOut(request, plan.endsAt)).toMatchObject({ ok: true });
    await waitFlat(sim, accountId);

    // An import that loosens everything changes no lockout.
    const loose = structuredClone(rig.harness.guard.view().config);
    loose.defaultProfile.rules.dailyRealizedLoss.mode = 'off';
    expect((await rig.harness.guard.saveConfig(loose)).ok).toBe(true);
    // A restarted worker still holds it, and closes what the trader opens.
    const next = await restartGuard(rig);
    expect(next.guard.view().lockouts.filter((l) => l.accountId === accountId)).toMatchObject([
      { ruleId: 'lockMeOut', end: { type: 'at', at: plan.endsAt } },
    ]);
    await waitConnected(rig);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFlat(sim, accountId);
  });

  it('judges a saved setting at once against the account as it is, without waiting for the next event', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(500) });
    const { harness, accountId } = rig;
    const { guard } = harness;
    await guard.whenIdle(accountId);
    expect(guard.view().lockouts).toEqual([]);
    const config = enforcingDailyLoss(500);
    config.defaultProfile.rules.symbolBlocks = {
      ...config.defaultProfile.rules.symbolBlocks,
      mode: 'enforce',
      roots: ['ES'],
    };
    expect((await guard.saveConfig(config)).ok).toBe(true);
    // No order, fill or quote follows: the symbol is locked (so the page can cover it) all the same.
    await waitFor(
      () => guard.view().lockouts.some((l) => l.accountId === accountId && l.scope.type === 'symbol'),
      'the ES symbol lockout',
    );
  });
});
