import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { SimOrderRequest, Simulator, SimulatorOptions } from '../../../simulator/types';
import { OrderStatus, OrderType, PositionType } from '../../../src/core/gateway/enums';

const ES = 'CON.F.US.EP.Z26';
const MNQ = 'CON.F.US.MNQ.Z26';
const CL = 'CON.F.US.CLE.F27';
let sim: Simulator;
let acct = 0;

afterEach(async () => {
  await sim?.stop();
});

async function start(opts: SimulatorOptions = {}) {
  sim = await startSimulator({ priceTickMs: 0, ...opts });
  acct = sim.demo.accountIds[0] ?? 0;
}

const order = (contractId: string, side: 0 | 1, size: number, extra: Partial<SimOrderRequest> = {}) =>
  sim.trader.placeOrder(acct, { contractId, type: OrderType.Market, side, size, ...extra });
const statusOf = (id: number) => sim.ledger.truth(acct).orders.find((o) => o.id === id)?.status;
const position = (contractId: string) => sim.ledger.truth(acct).positions.find((p) => p.contractId === contractId);

describe('P&L, fees and balance', () => {
  it('realizes ticks × tick value on a long ES round turn and charges fees and commissions per side per contract', async () => {
    await start();
    sim.market.setPrice(ES, 6850);
    order(ES, 0, 1);
    sim.market.setPrice(ES, 6852.5);
    order(ES, 1, 1);
    const t = sim.ledger.truth(acct);
    expect(t.trades.map((x) => x.profitAndLoss)).toEqual([null, 125]);
    expect(t.trades.map((x) => x.fees)).toEqual([1.4, 1.4]);
    expect(t.trades.map((x) => x.commissions)).toEqual([0.25, 0.25]);
    expect(t.realizedPnl).toBe(125);
    expect(t.account.balance).toBe(50_000 + 125 - 2.8 - 0.5);
    expect(t.positions).toEqual([]);
  });

  it('realizes a short CL profit when price falls', async () => {
    await start();
    sim.market.setPrice(CL, 62.4);
    order(CL, 1, 2);
    expect(position(CL)).toMatchObject({ type: PositionType.Short, size: 2, averagePrice: 62.4 });
    sim.market.setPrice(CL, 62.3);
    order(CL, 0, 2);
    expect(sim.ledger.truth(acct).realizedPnl).toBe(200); // 10 ticks × $10 × 2
  });

  it('averages an added position and leaves opening fills without P&L', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    order(MNQ, 0, 1);
    sim.market.setPrice(MNQ, 25_001);
    order(MNQ, 0, 1);
    expect(position(MNQ)).toMatchObject({ size: 2, averagePrice: 25_000.5 });
    expect(sim.ledger.truth(acct).trades.every((t) => t.profitAndLoss === null)).toBe(true);
  });

  it('reverses in one fill: closes the long (size 0) and opens a new short with the rest', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    order(MNQ, 0, 2);
    const firstId = position(MNQ)?.id;
    sim.market.setPrice(MNQ, 24_990);
    order(MNQ, 1, 5);
    const trades = sim.ledger.truth(acct).trades;
    expect(trades.at(-1)).toMatchObject({ size: 5, profitAndLoss: -40 }); // −40 ticks × 0.5 × 2
    const updates = sim.ledger
      .entries({ accountId: acct, type: 'position' })
      .map((e) => e.type === 'position' && e.position);
    expect(updates.map((p) => p && [p.id === firstId, p.size, p.type])).toEqual([
      [true, 2, PositionType.Long],
      [true, 0, PositionType.Long],
      [false, 3, PositionType.Short],
    ]);
    expect(position(MNQ)).toMatchObject({ size: 3, type: PositionType.Short, averagePrice: 24_990 });
  });

  it('replays the truth as it was at an earlier time', async () => {
    let t = Date.UTC(2026, 10, 25, 15);
    await start({ now: () => t });
    sim.market.setPrice(MNQ, 25_000);
    order(MNQ, 0, 1);
    const opened = t;
    t += 60_000;
    order(MNQ, 1, 1);
    expect(sim.ledger.truth(acct, opened).positions).toHaveLength(1);
    expect(sim.ledger.truth(acct).positions).toHaveLength(0);
  });
});

describe('resting orders on the price path', () => {
  it('fills a marketable limit at the touch and rests a passive one until the price reaches it', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    const marketable = order(MNQ, 0, 1, { type: OrderType.Limit, limitPrice: 25_010 });
    expect(sim.ledger.truth(acct).trades.at(-1)?.price).toBe(25_000);
    expect(statusOf(marketable)).toBe(OrderStatus.Filled);
    const passive = order(MNQ, 0, 1, { type: OrderType.Limit, limitPrice: 24_990 });
    sim.market.setPrice(MNQ, 24_995);
    expect(statusOf(passive)).toBe(OrderStatus.Open);
    sim.market.setPrice(MNQ, 24_985);
    expect(statusOf(passive)).toBe(OrderStatus.Filled);
    expect(sim.ledger.truth(acct).trades.at(-1)?.price).toBe(24_990);
  });

  it('triggers a sell stop when the last price reaches it and fills at the touch (a gap slips)', async () => {
    await start();
    sim.market.setPrice(ES, 6850);
    order(ES, 0, 1);
    const stop = order(ES, 1, 1, { type: OrderType.Stop, stopPrice: 6845 });
    sim.market.setPrice(ES, 6846);
    expect(statusOf(stop)).toBe(OrderStatus.Open);
    sim.market.setPrice(ES, 6843);
    expect(statusOf(stop)).toBe(OrderStatus.Filled);
    expect(sim.ledger.truth(acct).trades.at(-1)).toMatchObject({ price: 6843, profitAndLoss: -350 });
  });

  it('turns a stop-limit into a limit once triggered and fills only at the limit or better', async () => {
    await start();
    sim.market.setPrice(ES, 6850);
    const id = order(ES, 0, 1, { type: OrderType.StopLimit, stopPrice: 6855, limitPrice: 6856 });
    sim.market.setPrice(ES, 6858); // triggers, but 6858 is above the limit
    expect(statusOf(id)).toBe(OrderStatus.Open);
    sim.market.setPrice(ES, 6856);
    expect(statusOf(id)).toBe(OrderStatus.Filled);
    expect(sim.ledger.truth(acct).trades.at(-1)?.price).toBe(6856);
  });

  it('trails a sell trailing stop behind the high and fills when price comes back by the trail', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    order(MNQ, 0, 1);
    const id = order(MNQ, 1, 1, { type: OrderType.TrailingStop, trailPrice: 5 });
    sim.market.setPrice(MNQ, 25_010);
    expect(sim.ledger.truth(acct).orders.find((o) => o.id === id)?.stopPrice).toBe(25_005);
    sim.market.setPrice(MNQ, 25_006);
    expect(statusOf(id)).toBe(OrderStatus.Open);
    sim.market.setPrice(MNQ, 25_005);
    expect(statusOf(id)).toBe(OrderStatus.Filled);
    expect(sim.ledger.truth(acct).realizedPnl).toBe(10); // 20 ticks × 0.5
  });

  it('lets the trader widen a stop: it then triggers at the new price, not the old one', async () => {
    await start();
    sim.market.setPrice(ES, 6850);
    order(ES, 0, 1);
    const stop = order(ES, 1, 1, { type: OrderType.Stop, stopPrice: 6845 });
    sim.trader.modifyOrder(acct, stop, { stopPrice: 6840 });
    sim.market.setPrice(ES, 6844);
    expect(statusOf(stop)).toBe(OrderStatus.Open);
    sim.market.setPrice(ES, 6840);
    expect(statusOf(stop)).toBe(OrderStatus.Filled);
    const versions = sim.ledger.entries({ type: 'order' }).filter((e) => e.type === 'order' && e.order.id === stop);
    expect(versions.map((e) => e.type === 'order' && e.via)).toEqual(['trader', 'trader', 'engine']);
    expect(() => sim.trader.modifyOrder(acct, stop, { stopPrice: 6830 })).toThrow(/not working/);
  });

  it('plays a scripted path one step at a time', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    const id = order(MNQ, 0, 1, { type: OrderType.Limit, limitPrice: 24_998 });
    sim.market.script(MNQ, [24_999, 24_998, 25_003]);
    sim.market.step();
    expect(statusOf(id)).toBe(OrderStatus.Open);
    sim.market.step();
    expect(statusOf(id)).toBe(OrderStatus.Filled);
    sim.market.step();
    expect(sim.market.price(MNQ)).toBe(25_003);
  });
});

describe('brackets', () => {
  it('keeps children Suspended until the parent fills, then opens them at ticks from the fill; OCO on fill', async () => {
    await start();
    sim.market.setPrice(ES, 6850);
    const parent = order(ES, 0, 2, {
      type: OrderType.Limit,
      limitPrice: 6848,
      stopLossBracket: { ticks: -8, type: OrderType.Stop },
      takeProfitBracket: { ticks: 16, type: OrderType.Limit },
    });
    const children = () => sim.ledger.truth(acct).orders.filter((o) => o.id !== parent);
    expect(children().map((o) => o.status)).toEqual([OrderStatus.Suspended, OrderStatus.Suspended]);
    sim.market.setPrice(ES, 6848);
    const [sl, tp] = children();
    expect(sl).toMatchObject({ status: OrderStatus.Open, type: OrderType.Stop, side: 1, size: 2, stopPrice: 6846 });
    expect(tp).toMatchObject({ status: OrderStatus.Open, type: OrderType.Limit, side: 1, size: 2, limitPrice: 6852 });
    sim.market.setPrice(ES, 6852);
    expect(children().map((o) => o.status)).toEqual([OrderStatus.Cancelled, OrderStatus.Filled]);
    expect(sim.ledger.truth(acct).realizedPnl).toBe(400); // 16 ticks × 12.5 × 2
    expect(sim.ledger.truth(acct).openOrders).toEqual([]);
  });

  it('cancels Suspended children with an unfilled parent, and keeps them when the position is closed', async () => {
    await start();
    sim.market.setPrice(MNQ, 25_000);
    const parent = order(MNQ, 0, 1, {
      type: OrderType.Limit,
      limitPrice: 24_000,
      stopLossBracket: { ticks: 10, type: 4 },
    });
    sim.trader.cancelOrder(acct, parent);
    expect(sim.ledger.truth(acct).openOrders).toEqual([]);
    order(MNQ, 0, 1, { stopLossBracket: { ticks: 10, type: 4 } });
    sim.trader.closePosition(acct, MNQ);
    const open = sim.ledger.truth(acct).openOrders;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ type: 4, status: OrderStatus.Open, stopPrice: 24_997.5 });
  });
});

describe('partial fills with a finite book', () => {
  it('walks the book with a market order, bookDepth contracts per tick', async () => {
    await start({ bookDepth: 2 });
    sim.market.setPrice(MNQ, 25_000);
    const id = order(MNQ, 0, 5);
    expect(sim.ledger.truth(acct).trades.map((t) => [t.size, t.price])).toEqual([
      [2, 25_000],
      [2, 25_000.25],
      [1, 25_000.5],
    ]);
    const versions = sim.ledger.entries({ type: 'order' }).filter((e) => e.type === 'order' && e.order.id === id);
    expect(versions.map((e) => e.type === 'order' && [e.order.status, e.order.fillVolume])).toEqual([
      [OrderStatus.Open, 0],
      [OrderStatus.Open, 2],
      [OrderStatus.Open, 4],
      [OrderStatus.Filled, 5],
    ]);
    expect(position(MNQ)).toMatchObject({ size: 5, averagePrice: 25_000.2 });
  });

  it('fills a resting limit a bookDepth at a time', async () => {
    await start({ bookDepth: 2 });
    sim.market.setPrice(MNQ, 25_000);
    const id = order(MNQ, 1, 3, { type: OrderType.Limit, limitPrice: 25_005 });
    sim.market.setPrice(MNQ, 25_005);
    expect(sim.ledger.truth(acct).orders.find((o) => o.id === id)).toMatchObject({
      status: OrderStatus.Open,
      fillVolume: 2,
    });
    sim.market.setPrice(MNQ, 25_006);
    expect(statusOf(id)).toBe(OrderStatus.Filled);
  });
});

describe('the random walk', () => {
  it('is deterministic under a seed and moves only watched or held contracts', async () => {
    const walk = async (seed: number) => {
      await start({ seed });
      order(MNQ, 0, 1);
      const path: number[] = [];
      for (let i = 0; i < 20; i++) {
        sim.market.step();
        path.push(sim.market.price(MNQ));
      }
      const esStill = sim.market.price(ES);
      await sim.stop();
      return { path, esStill };
    };
    const a = await walk(7);
    const b = await walk(7);
    const c = await walk(8);
    expect(a.path).toEqual(b.path);
    expect(a.path).not.toEqual(c.path);
    expect(new Set(a.path).size).toBeGreaterThan(3);
    expect(a.esStill).toBe(6850);
  });
});
