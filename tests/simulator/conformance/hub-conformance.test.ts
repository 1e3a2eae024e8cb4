import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RS } from '../../../simulator/hubs/signalr-protocol';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderStatus } from '../../../src/core/gateway/enums';
import {
  AccountSchema,
  OrderSchema,
  PositionSchema,
  QuoteSchema,
  TradeSchema,
} from '../../../src/core/gateway/schemas';
import { hub, login, MARKET_EVENTS, record, USER_EVENTS, waitUntil } from '../test-kit';
import {
  ACCOUNT_FIELDS,
  expectFields,
  ORDER_FIELDS,
  POSITION_FIELDS,
  QUOTE_FIELDS,
  TIMESTAMP,
  TRADE_FIELDS,
} from './shapes';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
const conns: HubConnection[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop().catch(() => {});
  for (const s of sockets.splice(0)) s.terminate();
  await sim?.stop();
});

/** A raw WebSocket speaking the hub protocol, to see exactly what goes over the wire. */
async function rawHub(url: string, opts: { query?: string; header?: string }) {
  const ws = new WebSocket(url.replace('http', 'ws') + (opts.query ?? ''), {
    headers: opts.header ? { authorization: opts.header } : {},
  });
  sockets.push(ws);
  const records: Array<Record<string, unknown>> = [];
  let rawText = '';
  ws.on('message', (d) => {
    rawText += d.toString();
    for (const r of d.toString().split(RS)) if (r) records.push(JSON.parse(r));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  ws.send(`{"protocol":"json","version":1}${RS}`);
  await waitUntil(() => records.length > 0);
  return { ws, records, raw: () => rawText };
}

describe('SignalR protocol on the wire', () => {
  it('answers the handshake with {}, completes every invocation, pings, and closes with type 7', async () => {
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 50 });
    const token = await login(sim);
    const { ws, records, raw } = await rawHub(sim.userHubUrl, { query: `?access_token=${encodeURIComponent(token)}` });
    expect(raw().startsWith(`{}${RS}`)).toBe(true);
    const acct = sim.demo.accountIds[0];
    ws.send(`${JSON.stringify({ type: 1, invocationId: '1', target: 'SubscribeOrders', arguments: [acct] })}${RS}`);
    ws.send(`${JSON.stringify({ type: 1, invocationId: '2', target: 'UnsubscribeOrders', arguments: [acct] })}${RS}`);
    ws.send(`${JSON.stringify({ type: 1, invocationId: '3', target: 'NoSuchMethod', arguments: [] })}${RS}`);
    ws.send(`${JSON.stringify({ type: 1, invocationId: '4', target: 'SubscribeOrders', arguments: [1] })}${RS}`);
    ws.send(`${JSON.stringify({ type: 1, target: 'SubscribeAccounts', arguments: [] })}${RS}`);
    await waitUntil(() => records.filter((r) => r.type === 3).length === 4 && records.some((r) => r.type === 6));
    const completions = records.filter((r) => r.type === 3);
    expect(completions.map((c) => [c.invocationId, 'error' in c])).toEqual([
      ['1', false],
      ['2', false],
      ['3', true],
      ['4', true],
    ]);
    expect(completions[0]).toEqual({ type: 3, invocationId: '1', result: null });
    sim.faults.dropSockets({ graceful: true, error: 'bye' });
    await waitUntil(() => records.some((r) => r.type === 7));
    expect(records.find((r) => r.type === 7)).toEqual({ type: 7, error: 'bye', allowReconnect: true });
  });

  it('accepts the token as an Authorization header (Node client) and rejects a bad one at upgrade with 401', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const token = await login(sim);
    const { records } = await rawHub(sim.marketHubUrl, { header: `Bearer ${token}` });
    expect(records[0]).toEqual({});
    await expect(rawHub(sim.marketHubUrl, { header: 'Bearer nope' })).rejects.toThrow('HTTP 401');
    await expect(rawHub(sim.userHubUrl, {})).rejects.toThrow('HTTP 401');
  });
});

describe('user hub events (real @microsoft/signalr client)', () => {
  it('sends documented shapes for order, trade, position and account, and size 0 on close', async () => {
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 100 });
    const token = await login(sim);
    const acct = sim.demo.accountIds[1] ?? 0;
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    const rec = record(conn, USER_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeAccounts');
    for (const m of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) await conn.invoke(m, acct);
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 1, size: 3 });
    sim.market.setPrice(MNQ, 24_990);
    sim.trader.closePosition(acct, MNQ);
    await rec.waitFor((e) => e.filter((x) => x.target === 'GatewayUserAccount').length === 2);
    for (const [args] of rec.of('GatewayUserOrder').map((a) => [a[0]])) {
      OrderSchema.parse(args);
      expectFields(args, ORDER_FIELDS);
      expect(String((args as { creationTimestamp: string }).creationTimestamp)).toMatch(TIMESTAMP);
    }
    for (const [t] of rec.of('GatewayUserTrade')) {
      TradeSchema.parse(t);
      expectFields(t, TRADE_FIELDS);
    }
    for (const [p] of rec.of('GatewayUserPosition')) {
      PositionSchema.parse(p);
      expectFields(p, POSITION_FIELDS);
    }
    for (const [a] of rec.of('GatewayUserAccount')) {
      AccountSchema.parse(a);
      expectFields(a, ACCOUNT_FIELDS);
    }
    expect(rec.of('GatewayUserPosition').map((a) => (a[0] as { size: number }).size)).toEqual([3, 0]);
    expect(rec.of('GatewayUserTrade').map((a) => (a[0] as { profitAndLoss: number | null }).profitAndLoss)).toEqual([
      null,
      60,
    ]);
    expect(rec.of('GatewayUserOrder').map((a) => (a[0] as { status: number }).status)).toEqual([
      OrderStatus.Open,
      OrderStatus.Filled,
      OrderStatus.Open,
      OrderStatus.Filled,
    ]);
    const balances = rec.of('GatewayUserAccount').map((a) => (a[0] as { balance: number }).balance);
    // fees 3 × 0.37 and commissions 3 × 0.25 per side, +20 ticks × 0.5 × 3
    expect(balances).toEqual([149_998.14, 150_056.28]);
  });

  it('sends nothing after Unsubscribe and nothing for another user', async () => {
    sim = await startSimulator({
      priceTickMs: 0,
      users: [
        { userName: 'a', apiKey: 'ka', accounts: [{ id: 1, name: 'A', balance: 50_000 }] },
        { userName: 'b', apiKey: 'kb', accounts: [{ id: 2, name: 'B', balance: 50_000 }] },
      ],
    });
    expect(sim.demo).toMatchObject({ userName: 'a', accountIds: [1] });
    const tokenA = await login(sim);
    const conn = hub(sim.userHubUrl, () => tokenA);
    conns.push(conn);
    const rec = record(conn, USER_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeTrades', 1);
    await expect(conn.invoke('SubscribeTrades', 2)).rejects.toThrow(/Unauthorized/);
    sim.trader.placeOrder(2, { contractId: MNQ, type: 2, side: 0, size: 1 });
    sim.trader.placeOrder(1, { contractId: MNQ, type: 2, side: 0, size: 1 });
    await rec.waitFor((e) => e.length === 1);
    await conn.invoke('UnsubscribeTrades', 1);
    sim.trader.placeOrder(1, { contractId: MNQ, type: 2, side: 0, size: 1 });
    await new Promise((r) => setTimeout(r, 30));
    expect(rec.events).toHaveLength(1);
    expect(sim.hubs.connections('user')[0]).toMatchObject({ userName: 'a', subscriptions: [] });
  });
});

describe('market hub events (real @microsoft/signalr client)', () => {
  it('sends GatewayQuote(contractId, quote) with the documented fields, and stops after unsubscribe', async () => {
    sim = await startSimulator({ priceTickMs: 20 });
    const token = await login(sim);
    const conn = hub(sim.marketHubUrl, () => token);
    conns.push(conn);
    const rec = record(conn, MARKET_EVENTS);
    await conn.start();
    await conn.invoke('SubscribeContractQuotes', MNQ);
    await rec.waitFor((e) => e.length >= 3); // the random walk moves a watched contract
    for (const [id, q] of rec.of('GatewayQuote')) {
      expect(id).toBe(MNQ);
      QuoteSchema.parse(q);
      expectFields(q, QUOTE_FIELDS);
      expect(String((q as { timestamp: string }).timestamp)).toMatch(TIMESTAMP);
    }
    await expect(conn.invoke('SubscribeContractQuotes', 'CON.F.US.NOPE.Z26')).rejects.toThrow();
    await conn.invoke('UnsubscribeContractQuotes', MNQ);
    const n = rec.events.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(rec.events.length).toBe(n);
  });
});
