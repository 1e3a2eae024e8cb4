import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { realizedPnl } from '../../../src/core/state/selectors';
import {
  appliedCloses,
  type ChaosRig,
  enforcingDailyLoss,
  MNQ,
  rigPerTest,
  settledPicture,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * Voided trades end to end: the simulator voids a trade (faults.voidTrade: `voided: true`
 * on Trade/search and GatewayUserTrade, its P&L and fees out of the balance) and the
 * composed guard must take it out of the day's realized P&L — the daily-loss rule's figure —
 * exactly once, whichever way the void reaches it (hub, duplicated hub event, the stale
 * pre-void version arriving late, or REST reconciliation after a hub outage).
 *
 * Figures: MNQ is $2 a point; per side per contract fees $0.37 and commissions $0.25 ($0.62),
 * both counted (default).
 */

const rigs = rigPerTest();

/** Buys 1 MNQ at 21 000 and sells it `points` lower; returns the closing trade's id. */
function losingRoundTurn(sim: Simulator, accountId: number, points: number): number {
  sim.market.setPrice(MNQ, 21_000);
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  sim.market.setPrice(MNQ, 21_000 - points);
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
  const closing = sim.ledger.truth(accountId).trades.at(-1);
  if (!closing || closing.profitAndLoss === null) throw new Error('expected a closing trade');
  return closing.id;
}

/** The daily-loss rule's figure: the selector the rule reads, on the guard's own state. */
function guardRealized(r: ChaosRig): number | undefined {
  const account = r.harness.guard.view().state.accounts[String(r.accountId)];
  return account ? Math.round(realizedPnl(account, { countFees: true }) * 100) / 100 : undefined;
}

const hasTrade = (r: ChaosRig, tradeId: number, voided: boolean) =>
  r.harness.guard.view().state.accounts[String(r.accountId)]?.trades[String(tradeId)]?.voided === voided;

function dailyLossWarnings(r: ChaosRig) {
  return r.harness.journal.entries
    .filter((e) => e.kind === 'warning' && e.ruleId === 'dailyRealizedLoss' && e.accountId === r.accountId)
    .map((e) => {
      const data = e.data as { level: number; figures: { realizedPnl: number } };
      return { level: data.level, realizedPnl: data.figures.realizedPnl };
    });
}

/** Places and cancels a far limit order, waiting until the guard saw both: every earlier hub message was handled. */
async function hubBarrier(r: ChaosRig): Promise<void> {
  const { sim, accountId, harness } = r;
  const id = sim.trader.placeOrder(accountId, {
    contractId: MNQ,
    type: OrderType.Limit,
    side: OrderSide.Bid,
    size: 1,
    limitPrice: 15_000,
  });
  await waitFor(() => harness.guard.view().state.accounts[String(accountId)]?.orders[String(id)], 'the barrier order');
  sim.trader.cancelOrder(accountId, id);
  await waitFor(
    () => !harness.guard.view().state.accounts[String(accountId)]?.orders[String(id)],
    'the barrier order cancelled',
  );
}

describe('voided trades through the composed guard', () => {
  it('takes a voided losing trade’s P&L and fees out of the day’s realized P&L and the daily-loss figure', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;

    // −$60 and 2 × $0.62: −61.24, past the 50 % warning of the $100 limit.
    const closeId = losingRoundTurn(sim, accountId, 30);
    await waitFor(() => guardRealized(r) === -61.24, 'the loss of −61.24');
    await harness.guard.whenIdle(accountId);
    expect(dailyLossWarnings(r)).toEqual([{ level: 0.5, realizedPnl: -61.24 }]);

    sim.faults.voidTrade(accountId, closeId);
    // Down by the trade's P&L (60) and its costs (0.62): only the opening half-turn's are left.
    await waitFor(() => guardRealized(r) === -0.62, 'the void to take −60.62 off the day');
    const account = harness.guard.view().state.accounts[String(accountId)];
    expect(account?.grossRealizedPnl).toBe(0);
    expect(account?.fees).toBe(0.37);
    expect(account?.commissions).toBe(0.25);
    expect(account?.account.balance).toBe(50_000 - 0.62);

    // A second loss of −$81.24 takes the day to −81.86 (80 % warning). Had the void been
    // ignored the day would stand at −142.48: flatten and lockout.
    losingRoundTurn(sim, accountId, 40);
    await waitFor(() => guardRealized(r) === -81.86, 'the second loss');
    await harness.guard.whenIdle(accountId);
    expect(dailyLossWarnings(r)).toEqual([
      { level: 0.5, realizedPnl: -61.24 },
      { level: 0.8, realizedPnl: -81.86 },
    ]);
    expect(harness.guard.view().lockouts).toEqual([]);
    expect(appliedCloses(sim, accountId)).toHaveLength(0);
    expect(sim.ledger.truth(accountId)).toMatchObject({ realizedPnl: -80, fees: 1.11, commissions: 0.75 });
    const { picture, truth } = await settledPicture(r);
    expect(picture).toEqual(truth);
  });

  it('never counts a void twice: a duplicated hub event and a REST re-read of the voided trade change nothing', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;
    const closeId = losingRoundTurn(sim, accountId, 30);
    await waitFor(() => guardRealized(r) === -61.24, 'the loss');

    const dup = sim.faults.add({
      target: { kind: 'hub', hub: 'user', event: 'GatewayUserTrade' },
      effect: { type: 'duplicate' },
      schedule: { type: 'always' },
    });
    sim.faults.voidTrade(accountId, closeId);
    await waitFor(() => hasTrade(r, closeId, true), 'the voided trade');
    await hubBarrier(r); // the duplicate, sent right behind the first, has been handled too
    expect(sim.faults.fired()[dup]).toBe(1);
    expect(guardRealized(r)).toBe(-0.62);

    // REST says the same again: a reconcile re-reads the voided trade.
    await harness.guard.reconcile('test: replay the void through REST');
    expect(guardRealized(r)).toBe(-0.62);
    expect(harness.journal.entries.filter((e) => e.kind === 'missed-event')).toEqual([]);
    const { picture, truth } = await settledPicture(r);
    expect(picture).toEqual(truth);
    expect(truth).toMatchObject({ realizedPnl: 0, fees: 0.37, commissions: 0.25 });
  });

  it('ignores the pre-void version of a trade that arrives after the void (out of order)', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;
    // The closing fill's trade event is held back; the void's event overtakes it.
    sim.market.setPrice(MNQ, 21_000);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => guardRealized(r) === -0.62, 'the opening fee and commission');
    sim.faults.add({
      target: { kind: 'hub', hub: 'user', event: 'GatewayUserTrade' },
      effect: { type: 'hold' },
      schedule: { type: 'once' },
    });
    sim.market.setPrice(MNQ, 20_970);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
    const closeId = sim.ledger.truth(accountId).trades.at(-1)?.id ?? 0;
    sim.faults.voidTrade(accountId, closeId);
    await waitFor(() => hasTrade(r, closeId, true), 'the voided version first');
    expect(guardRealized(r)).toBe(-0.62);

    sim.faults.release(); // now the original, unvoided closing trade (−60) arrives
    await hubBarrier(r);
    expect(hasTrade(r, closeId, true)).toBe(true);
    expect(guardRealized(r)).toBe(-0.62);
    expect(dailyLossWarnings(r)).toEqual([]);
    await harness.guard.whenIdle(accountId);
    const { picture, truth } = await settledPicture(r);
    expect(picture).toEqual(truth);
  });

  it('reaches the same figures when the void happened while the user hub was down (reconciled through REST)', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;
    const closeId = losingRoundTurn(sim, accountId, 30);
    await waitFor(() => guardRealized(r) === -61.24, 'the loss');

    sim.faults.closeHubs();
    await waitFor(() => harness.guard.view().health.user.status !== 'connected', 'the user hub down');
    sim.faults.voidTrade(accountId, closeId);
    expect(sim.hubs.connections('user')).toEqual([]); // no hub event can carry it

    sim.faults.openHubs();
    await waitFor(() => harness.guard.view().health.user.status === 'connected', 'the user hub back', 10_000);
    await waitFor(() => guardRealized(r) === -0.62, 'the void reconciled through REST');
    expect(hasTrade(r, closeId, true)).toBe(true);
    expect(harness.journal.entries.some((e) => e.kind === 'missed-event' && e.data?.tradeId === closeId)).toBe(true);
    await harness.guard.whenIdle(accountId);
    expect(harness.guard.view().lockouts).toEqual([]);
    const { picture, truth } = await settledPicture(r);
    expect(picture).toEqual(truth);
    expect(truth).toMatchObject({ realizedPnl: 0, fees: 0.37, commissions: 0.25 });
  });

  it('locks while the user hub is still down when a voided winning trade takes the day past the limit', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;
    // +$60 then −$120, costs 4 × $0.62: −62.48, no breach yet.
    const winId = losingRoundTurn(sim, accountId, -30);
    losingRoundTurn(sim, accountId, 60);
    await waitFor(() => guardRealized(r) === -62.48, 'the day at −62.48');
    await harness.guard.whenIdle(accountId);
    expect(harness.guard.view().lockouts).toEqual([]);

    sim.faults.closeHubs();
    await waitFor(() => harness.guard.view().health.user.status !== 'connected', 'the user hub down');
    // Voiding the win moves only the balance (no position changes): the REST poller must
    // still read the trades and see the day at −121.86, past the limit.
    sim.faults.voidTrade(accountId, winId);
    await waitLocked(r);
    expect(harness.guard.view().health.user.status).not.toBe('connected');
    expect(guardRealized(r)).toBe(-121.86);
    expect(hasTrade(r, winId, true)).toBe(true);
  });

  it('keeps a lockout the voided trade caused until the next reset, and still closes what the trader opens', async () => {
    const r = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId, harness } = r;
    // −$120 and costs: −121.24, past the $100 limit. Flat already: the lockout is the action.
    const closeId = losingRoundTurn(sim, accountId, 60);
    await waitLocked(r);
    await harness.guard.whenIdle(accountId);
    const [lockout] = harness.guard.view().lockouts;
    expect(lockout).toMatchObject({ accountId, ruleId: 'dailyRealizedLoss' });
    expect(lockout?.end).toMatchObject({ type: 'at', at: harness.guard.view().tradingDay.nextReset });

    sim.faults.voidTrade(accountId, closeId);
    await waitFor(() => guardRealized(r) === -0.62, 'the void');
    // The day no longer breaches, yet the lockout is a commitment: it stays as it was.
    await harness.guard.watchdog();
    await harness.guard.whenIdle(accountId);
    expect(harness.guard.view().lockouts).toEqual([lockout]);
    expect(harness.journal.entries.some((e) => e.kind === 'unlock')).toBe(false);

    // And it is enforced: what the trader opens is closed, once.
    sim.market.setPrice(MNQ, 21_000);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFlat(sim, accountId);
    await harness.guard.whenIdle(accountId);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    expect(sim.ledger.overCloses()).toEqual([]);
    expect(harness.guard.view().lockouts).toEqual([lockout]);
  });
});
