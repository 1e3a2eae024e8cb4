import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { hub, login, post, record, USER_EVENTS } from '../test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
let acct = 0;
const conns: HubConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop().catch(() => {});
  await sim?.stop();
});

/** Buy 2 MNQ at 25 000, sell 2 at 24 990: −$40 on the closing trade, $0.74 fees and $0.50 commissions on each. */
async function losingRoundTurn(): Promise<{ openId: number; closeId: number }> {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200 });
  acct = sim.demo.accountIds[0] ?? 0;
  sim.market.setPrice(MNQ, 25_000);
  sim.trader.placeOrder(acct, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
  sim.market.setPrice(MNQ, 24_990);
  sim.trader.placeOrder(acct, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 2 });
  const [open, close] = sim.ledger.truth(acct).trades;
  if (!open || !close) throw new Error('expected two trades');
  return { openId: open.id, closeId: close.id };
}

describe('voiding a trade (faults.voidTrade)', () => {
  it('marks the trade voided in Trade/search and the ledger, and gives its P&L, fees and commissions back to the balance', async () => {
    const { openId, closeId } = await losingRoundTurn();
    const before = sim.ledger.truth(acct);
    expect(before.realizedPnl).toBe(-40);
    expect(before.fees).toBe(1.48);
    expect(before.commissions).toBe(1);
    expect(before.account.balance).toBe(50_000 - 40 - 1.48 - 1);
    const voidedAt = sim.ledger.entries().at(-1)?.seq ?? 0;

    const voided = sim.faults.voidTrade(acct, closeId);
    expect(voided).toMatchObject({
      id: closeId,
      voided: true,
      profitAndLoss: -40,
      fees: 0.74,
      commissions: 0.5,
      size: 2,
    });

    const after = sim.ledger.truth(acct);
    expect(after.trades.map((t) => [t.id, t.voided])).toEqual([
      [openId, false],
      [closeId, true],
    ]);
    expect(after.realizedPnl).toBe(0);
    expect(after.fees).toBe(0.74);
    expect(after.commissions).toBe(0.5);
    expect(after.account.balance).toBe(50_000 - 0.74 - 0.5);
    expect(after.positions).toEqual([]);
    // The ledger keeps the history: the trade and then the balance, after what was there.
    expect(sim.ledger.entries({ accountId: acct, sinceSeq: voidedAt }).map((e) => e.type)).toEqual([
      'trade',
      'balance',
    ]);

    const token = await login(sim);
    const search = await post(
      sim,
      '/api/Trade/search',
      { accountId: acct, startTimestamp: '2000-01-01T00:00:00Z' },
      token,
    );
    const trades = search.json?.trades as Array<{ id: number; voided: boolean; profitAndLoss: number | null }>;
    expect(trades.map((t) => [t.id, t.voided, t.profitAndLoss])).toEqual([
      [openId, false, null],
      [closeId, true, -40],
    ]);
    const accounts = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
    expect((accounts.json?.accounts as Array<{ id: number; balance: number }> | undefined)?.[0]).toMatchObject({
      id: acct,
      balance: 49_998.76,
    });
  });

  it('sends GatewayUserTrade with the same id and voided: true, then GatewayUserAccount with the new balance', async () => {
    const { closeId } = await losingRoundTurn();
    const token = await login(sim);
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    const rec = record(conn, USER_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeAccounts');
    await conn.invoke('SubscribeTrades', acct);
    await conn.invoke('SubscribePositions', acct);

    sim.faults.voidTrade(acct, closeId);
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayUserAccount'));
    expect(rec.events.map((e) => e.target)).toEqual(['GatewayUserTrade', 'GatewayUserAccount']);
    expect(rec.of('GatewayUserTrade')[0]?.[0]).toMatchObject({ id: closeId, voided: true, profitAndLoss: -40 });
    expect(rec.of('GatewayUserAccount')[0]?.[0]).toMatchObject({ id: acct, balance: 49_998.76 });
  });

  it('voids a half-turn (opening) trade: only its fees and commissions come back, the position stays open', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    acct = sim.demo.accountIds[0] ?? 0;
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    const [open] = sim.ledger.truth(acct).trades;
    sim.faults.voidTrade(acct, open?.id ?? 0);
    const t = sim.ledger.truth(acct);
    expect(t.account.balance).toBe(50_000);
    expect(t.fees).toBe(0);
    expect(t.commissions).toBe(0);
    expect(t.positions).toMatchObject([{ contractId: MNQ, size: 1 }]);
  });

  it('keeps the truth as it was before the void for an earlier time', async () => {
    let clock = Date.parse('2026-11-24T15:00:00Z');
    sim = await startSimulator({ priceTickMs: 0, now: () => clock });
    acct = sim.demo.accountIds[0] ?? 0;
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    sim.market.setPrice(MNQ, 24_990);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
    const closeId = sim.ledger.truth(acct).trades[1]?.id ?? 0;
    const beforeVoid = clock;
    clock += 60_000;
    sim.faults.voidTrade(acct, closeId);
    expect(sim.ledger.truth(acct, beforeVoid)).toMatchObject({ realizedPnl: -20, fees: 0.74, commissions: 0.5 });
    expect(sim.ledger.truth(acct, beforeVoid).trades[1]?.voided).toBe(false);
    expect(sim.ledger.truth(acct)).toMatchObject({ realizedPnl: 0, fees: 0.37, commissions: 0.25 });
  });

  it('refuses an unknown account, an unknown trade, another account’s trade and a second void, changing nothing', async () => {
    const { closeId } = await losingRoundTurn();
    const other = sim.demo.accountIds[1] ?? 0;
    sim.faults.voidTrade(acct, closeId);
    const seq = sim.ledger.entries().length;
    expect(() => sim.faults.voidTrade(1, closeId)).toThrow(/\(1\).*Account 1 not found/);
    expect(() => sim.faults.voidTrade(acct, 42)).toThrow(/\(2\).*Trade 42 not found/);
    expect(() => sim.faults.voidTrade(other, closeId)).toThrow(/\(2\).*not found/);
    expect(() => sim.faults.voidTrade(acct, closeId)).toThrow(/\(2\).*already voided/);
    expect(sim.ledger.entries()).toHaveLength(seq);
    expect(sim.ledger.truth(acct).account.balance).toBe(49_998.76);
  });
});
