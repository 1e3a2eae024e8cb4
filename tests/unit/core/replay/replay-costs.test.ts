import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../src/core/gateway/schemas';
import { splitFills } from '../../../../src/core/replay/fill-segments';
import type { GuardConfig } from '../../../../src/core/rules/config/config-schema';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';
import { reduce } from '../../../../src/core/state/reducer';
import { realizedPnl } from '../../../../src/core/state/selectors';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { account, breachAtThirdTrade, configWith, ct, dayOf, days, MNQ, replay, trade } from './history-kit';

/**
 * Live trades carry `commissions` beside `fees` (0.25 per contract and side on MNQ). The replay
 * counts a day's P&L by the live guard's own realized-P&L rule (the same function): fees and
 * commissions, each as the config counts them (`countFees`, `countCommissions`).
 */

const D = '2026-11-18';
const COMMISSION = 0.25;

/** The trade as the live gateway sends it: commissions per contract and side beside the fees. */
function withCommissions(trades: Trade[]): Trade[] {
  return trades.map((t) => ({ ...t, commissions: Math.round(COMMISSION * t.size * 100) / 100 }));
}

/** What the live guard says the day made: its reducer and its realized-P&L selector on the same fills. */
function liveGuardDay(trades: Trade[], config: GuardConfig): number {
  const clock = createTradingDayClock(config.tradingDay);
  const ctx = { tradingDay: clock, now: ct(D, '16:00') };
  let state = createEmptyGuardState(ct(D, '08:00'));
  state = reduce(
    state,
    { kind: 'account', source: 'reconcile', receivedAt: ct(D, '08:00'), account: account() },
    ctx,
  ).state;
  for (const t of trades)
    state = reduce(state, { kind: 'trade', source: 'reconcile', receivedAt: ct(D, '16:00'), trade: t }, ctx).state;
  const a = state.accounts[String(account().id)];
  if (!a) throw new Error('no account');
  return Math.round(realizedPnl(a, config) * 100) / 100;
}

describe('replay: the costs the live guard counts', () => {
  // Long 5 MNQ 20000 → 20010: +100 gross, fees 10 × 0.37 = 3.70, commissions 10 × 0.25 = 2.50.
  const roundTurn = () =>
    withCommissions([trade(ct(D, '09:00'), 'buy', 5, 20000, null), trade(ct(D, '09:10'), 'sell', 5, 20010, 100)]);

  it('counts commissions with the fees, by default, as the live guard does', () => {
    const config = configWith({});
    const trades = roundTurn();
    const d = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(d.actualPnl).toBe(93.8);
    expect(d.replayedPnl).toBe(93.8);
    expect(d.actualPnl).toBe(liveGuardDay(trades, config));
  });

  it('leaves them out when the config does not count them, as the live guard does', () => {
    const config = configWith({}, { countCommissions: false });
    const trades = roundTurn();
    const d = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(d.actualPnl).toBe(96.3);
    expect(d.actualPnl).toBe(liveGuardDay(trades, config));
    const noFees = configWith({}, { countFees: false });
    expect(dayOf(replay(trades, noFees, days(D, D, noFees)), D).actualPnl).toBe(liveGuardDay(trades, noFees));
  });

  it('breaches a daily limit that only the commissions take the day past, at the same fill as live', () => {
    // breachAtThirdTrade: after three round turns −511.10 net of fees; 15 contracts' commissions
    // × 2 sides × 0.25 = 7.50 more: −518.60. A $515 limit breaches there only with commissions.
    const trades = withCommissions(breachAtThirdTrade());
    const counted = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 515 } });
    const d = dayOf(replay(trades, counted, days(D, '2026-11-19', counted)), D);
    expect(d.fired[0]).toMatchObject({ ruleId: 'dailyRealizedLoss', at: ct(D, '10:20') });
    expect(d.replayedPnl).toBe(-518.6);
    const ignored = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 515 } }, { countCommissions: false });
    const late = dayOf(replay(trades, ignored, days(D, '2026-11-19', ignored)), D);
    expect(late.fired[0]).toMatchObject({ ruleId: 'dailyRealizedLoss', at: ct(D, '13:15') });
  });

  it('charges a close the guard would have made the commissions of the trader’s own fills', () => {
    // Buy 5 with a 3-contract limit: the guard closes 2 at 20000 (gross 0; fees 0.74 and commissions
    // 0.50 at the trader's own rates). The sell of 5 closes the 3 left: +60, 3/5 of its costs.
    const config = configWith({ maxContracts: { mode: 'enforce', limit: 3, counting: 'contracts' } });
    const trades = withCommissions([
      trade(ct(D, '09:00'), 'buy', 5, 20000, null),
      trade(ct(D, '09:30'), 'sell', 5, 20010, 100),
    ]);
    const d = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(d.closes[0]).toMatchObject({ size: 2, price: 20000, pnl: -1.24 });
    // −(1.85 + 1.25) opening costs, −1.24 the guard's close, +60 − 3/5 × (1.85 + 1.25) = 58.14
    expect(d.replayedPnl).toBe(53.8);
  });

  it('shares a reversal’s commissions between its two parts by size, never counting them twice', () => {
    const [sell] = withCommissions([trade(ct(D, '09:10'), 'sell', 3, 20010, 20)]);
    const [buy] = withCommissions([trade(ct(D, '09:00'), 'buy', 1, 20000, null)]);
    if (!sell || !buy) throw new Error('trades');
    const { parts } = splitFills([buy, sell]);
    expect(parts.map((p) => [p.role, p.qty, p.commissions])).toEqual([
      ['open', 1, 0.25],
      ['close', -1, 0.25],
      ['open', -2, 0.5],
    ]);
    expect(parts[1]?.trade.contractId).toBe(MNQ);
  });
});
