import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { defaultConfig } from '../../../src/core/rules/config/config-schema';
import { enforcingDailyLoss, MNQ, rigPerTest, waitFlat, waitLocked } from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * One trading day for the account state and the rules, through the composed guard: the
 * simulator (the exchange, market hours on) runs a second ahead of the guard's clock, so a stop
 * that fills at the 17:00 CT reopen is stamped in the new day while the guard still shows
 * 16:59:59. Both clocks move together, as time passing would move them.
 */

const rigs = rigPerTest();

describe('a stop filled at the 17:00 CT reopen by an exchange clock a second ahead of the guard', () => {
  it('is enforced at once, with a lockout until the next day’s reset', async () => {
    let offset = Date.parse('2026-11-24T15:58:00-06:00') - Date.now();
    const exchange = { now: () => Date.now() + offset };
    const local = { now: () => exchange.now() - 1000 };
    const moveTo = (iso: string) => {
      offset = Date.parse(iso) - Date.now();
    };
    const rig = await rigs.start({
      sim: { now: exchange.now, marketHours: true },
      harness: { clock: local },
      config: enforcingDailyLoss(100, defaultConfig()),
    });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;

    // Before the break: long 1 MNQ at 21 000, a stop below it rests through the break.
    sim.market.setPrice(MNQ, 21_000);
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    sim.trader.placeOrder(accountId, {
      contractId: MNQ,
      type: OrderType.Stop,
      side: OrderSide.Ask,
      size: 1,
      stopPrice: 20_950,
    });
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1, 'the long MNQ');

    // The reopen: the market gaps down and the stop fills (−$200) at 17:00:00.2 on the
    // exchange's clock, 16:59:59.2 on the guard's.
    moveTo('2026-11-24T17:00:00.200-06:00');
    expect(sim.market.session()).toBe('open');
    sim.market.setPrice(MNQ, 20_900);
    await waitFlat(sim, accountId);
    expect(sim.ledger.truth(accountId).realizedPnl).toBe(-200);

    await waitLocked(rig, 5000);
    const lockout = guard.view().lockouts.find((l) => l.accountId === accountId);
    expect(lockout).toMatchObject({
      ruleId: 'dailyRealizedLoss',
      end: { type: 'at', at: Date.parse('2026-11-25T17:00:00-06:00') },
    });
    expect(guard.view().tradingDay.key).toBe('2026-11-25');
    expect(guard.view().state.accounts[String(accountId)]?.tradingDay).toBe('2026-11-25');
  }, 30_000);
});
