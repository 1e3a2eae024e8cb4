import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { hub, login, MARKET_EVENTS, post, record, USER_EVENTS } from './test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
const conns: HubConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop().catch(() => {});
  await sim?.stop();
});

describe('simulator end to end', () => {
  it('logs the demo user in and lists its two accounts', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const token = await login(sim);
    const r = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
    expect(r.status).toBe(200);
    expect(r.json?.success).toBe(true);
    const accounts = r.json?.accounts as Array<{ id: number; balance: number; canTrade: boolean }>;
    expect(accounts.map((a) => a.balance)).toEqual([50_000, 150_000]);
    expect(accounts.map((a) => a.id)).toEqual(sim.demo.accountIds);
  });

  it('dates every REST answer by its own clock (which tests move and skew), not the host’s', async () => {
    const exchangeNow = Date.parse('2026-11-24T22:59:58.600Z');
    sim = await startSimulator({ priceTickMs: 0, now: () => exchangeNow });
    for (const r of [
      await post(sim, '/api/Status/ping', {}),
      await post(sim, '/api/Auth/loginKey', { userName: sim.demo.userName, apiKey: sim.demo.apiKey }),
      await post(sim, '/api/Account/search', {}, 'not-a-token'),
    ]) {
      expect(r.headers.get('date')).toBe('Tue, 24 Nov 2026 22:59:58 GMT');
    }
  });

  it('pushes order, trade, position and account in exchange order to the real SignalR client', async () => {
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200 });
    const token = await login(sim);
    const acct = sim.demo.accountIds[0] ?? 0;
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    const rec = record(conn, USER_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeAccounts');
    await conn.invoke('SubscribeOrders', acct);
    await conn.invoke('SubscribePositions', acct);
    await conn.invoke('SubscribeTrades', acct);
    sim.market.setPrice(MNQ, 25_000);
    const orderId = sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 2 });
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayUserAccount'));
    expect(rec.events.map((e) => e.target)).toEqual([
      'GatewayUserOrder',
      'GatewayUserOrder',
      'GatewayUserTrade',
      'GatewayUserPosition',
      'GatewayUserAccount',
    ]);
    const trade = rec.of('GatewayUserTrade')[0]?.[0] as Record<string, unknown>;
    expect(trade).toMatchObject({ orderId, price: 25_000, size: 2, profitAndLoss: null, fees: 0.74, commissions: 0.5 });
    sim.market.setPrice(MNQ, 25_010);
    sim.trader.closePosition(acct, MNQ);
    await rec.waitFor((e) => e.filter((x) => x.target === 'GatewayUserAccount').length === 2);
    const positions = rec.of('GatewayUserPosition').map((a) => a[0] as { size: number });
    expect(positions.map((p) => p.size)).toEqual([2, 0]);
    // 10 points = 40 ticks × $0.50 × 2 = $40; fees 4 × 0.37, commissions 4 × 0.25 (per contract and side)
    const truth = sim.ledger.truth(acct);
    expect(truth.realizedPnl).toBe(40);
    expect(truth.fees).toBe(1.48);
    expect(truth.commissions).toBe(1);
    // The platform's balance moves by P&L minus fees minus commissions.
    expect(truth.account.balance).toBe(50_000 + 40 - 1.48 - 1);
    expect(truth.positions).toEqual([]);
  });

  it('streams quotes, trades and depth for a subscribed contract on the market hub', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const token = await login(sim);
    const conn = hub(sim.marketHubUrl, () => token);
    conns.push(conn);
    const rec = record(conn, MARKET_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeContractQuotes', MNQ);
    await conn.invoke('SubscribeContractTrades', MNQ);
    await conn.invoke('SubscribeContractMarketDepth', MNQ);
    await rec.waitFor((e) => e.length >= 1); // the current quote right after subscribing
    sim.market.setPrice(MNQ, 25_001.25);
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayDepth'));
    const last = rec.of('GatewayQuote').at(-1);
    expect(last?.[0]).toBe(MNQ);
    expect(last?.[1]).toMatchObject({ symbol: 'F.US.MNQ', lastPrice: 25_001.25, bestBid: 25_001.25 });
    expect(rec.of('GatewayTrade')[0]?.[0]).toBe(MNQ);
  });

  it('refuses a hub connection with a bad token', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const conn = hub(sim.userHubUrl, () => 'not-a-token');
    conns.push(conn);
    await expect(conn.start()).rejects.toThrow();
  });
});
