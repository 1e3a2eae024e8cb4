import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../src/core/gateway/enums';
import {
  AccountSchema,
  BarSchema,
  ContractSchema,
  EnvelopeSchema,
  OrderSchema,
  PositionSchema,
  TradeSchema,
} from '../../../src/core/gateway/schemas';
import { login, post } from '../test-kit';
import {
  ACCOUNT_FIELDS,
  CONTRACT_FIELDS,
  ENVELOPE_FIELDS,
  expectFields,
  expectTimestamps,
  ORDER_FIELDS,
  POSITION_FIELDS,
  TIMESTAMP,
  TRADE_FIELDS,
} from './shapes';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
let token = '';
let acct = 0;
const since = { startTimestamp: '2000-01-01T00:00:00Z' };

beforeAll(async () => {
  sim = await startSimulator({ priceTickMs: 0 });
  token = await login(sim);
  acct = sim.demo.accountIds[0] ?? 0;
  sim.market.setPrice(MNQ, 25_000);
});
afterAll(async () => {
  await sim.stop();
});

const call = (path: string, body: unknown, t: string | null = token) => post(sim, path, body, t);
function envelope(json: Record<string, unknown> | null, payload: string[]): Record<string, unknown> {
  expect(EnvelopeSchema.parse(json)).toBeTruthy();
  expectFields(json, [...ENVELOPE_FIELDS, ...payload]);
  return json ?? {};
}

describe('REST conformance: shapes', () => {
  it('Auth/loginKey answers {token, success, errorCode, errorMessage}', async () => {
    const r = await call('/api/Auth/loginKey', { userName: 'demo', apiKey: sim.demo.apiKey }, null);
    const j = envelope(r.json, ['token']);
    expect(j).toMatchObject({ success: true, errorCode: 0, errorMessage: null });
    expect(String(j.token).split('.')).toHaveLength(3);
  });

  it('Auth/validate returns a fresh token', async () => {
    const r = await call('/api/Auth/validate', {});
    const j = envelope(r.json, ['newToken']);
    expect(typeof j.newToken).toBe('string');
    expect((await call('/api/Account/search', { onlyActiveAccounts: true }, String(j.newToken))).status).toBe(200);
  });

  it('Account/search lists Account shapes', async () => {
    const j = envelope((await call('/api/Account/search', { onlyActiveAccounts: true })).json, ['accounts']);
    const accounts = j.accounts as unknown[];
    expect(accounts).toHaveLength(2);
    for (const a of accounts) {
      AccountSchema.parse(a);
      expectFields(a, ACCOUNT_FIELDS);
    }
  });

  it('Contract/search, searchById and available list Contract shapes with real tick sizes', async () => {
    const s = envelope((await call('/api/Contract/search', { searchText: 'MNQ', live: false })).json, ['contracts']);
    const contracts = s.contracts as Array<Record<string, unknown>>;
    expect(contracts.map((c) => c.id)).toContain(MNQ);
    for (const c of contracts) {
      ContractSchema.parse(c);
      expectFields(c, CONTRACT_FIELDS);
    }
    const byId = envelope((await call('/api/Contract/searchById', { contractId: 'CON.F.US.EP.Z26' })).json, [
      'contract',
    ]);
    expect(byId.contract).toMatchObject({
      name: 'ESZ6',
      tickSize: 0.25,
      tickValue: 12.5,
      symbolId: 'F.US.EP',
      activeContract: true,
    });
    const all = envelope((await call('/api/Contract/available', { live: false })).json, ['contracts']);
    const ticks = Object.fromEntries(
      (all.contracts as Array<{ name: string; tickSize: number; tickValue: number }>).map((c) => [
        c.name,
        [c.tickSize, c.tickValue],
      ]),
    );
    expect(ticks).toMatchObject({
      ESZ6: [0.25, 12.5],
      MESZ6: [0.25, 1.25],
      NQZ6: [0.25, 5],
      MNQZ6: [0.25, 0.5],
      RTYZ6: [0.1, 5],
      M2KZ6: [0.1, 0.5],
      YMZ6: [1, 5],
      MYMZ6: [1, 0.5],
      CLF7: [0.01, 10],
      MCLF7: [0.01, 1],
      GCG7: [0.1, 10],
      MGCG7: [0.1, 1],
    });
    const search20 = envelope((await call('/api/Contract/search', { searchText: '', live: false })).json, [
      'contracts',
    ]);
    expect((search20.contracts as unknown[]).length).toBeLessThanOrEqual(20);
  });

  it('Order/place → Order/search, searchOpen, searchById; Position/searchOpen; Trade/search', async () => {
    const placed = envelope(
      (
        await call('/api/Order/place', {
          accountId: acct,
          contractId: MNQ,
          type: OrderType.Market,
          side: OrderSide.Bid,
          size: 2,
          customTag: 'conf-1',
        })
      ).json,
      ['orderId'],
    );
    const orderId = placed.orderId as number;
    const resting = envelope(
      (
        await call('/api/Order/place', {
          accountId: acct,
          contractId: MNQ,
          type: OrderType.Limit,
          side: OrderSide.Ask,
          size: 1,
          limitPrice: 25_100,
          stopLossBracket: null,
        })
      ).json,
      ['orderId'],
    );
    const orders = envelope((await call('/api/Order/search', { accountId: acct, ...since })).json, ['orders'])
      .orders as Array<Record<string, unknown>>;
    expect(orders.length).toBeGreaterThanOrEqual(2);
    for (const o of orders) {
      OrderSchema.parse(o);
      expectFields(o, ORDER_FIELDS);
      expectTimestamps(o, ['creationTimestamp', 'updateTimestamp']);
    }
    expect(orders.find((o) => o.id === orderId)).toMatchObject({
      status: OrderStatus.Filled,
      fillVolume: 2,
      filledPrice: 25_000,
      customTag: 'conf-1',
      symbolId: 'F.US.MNQ',
    });
    const open = envelope((await call('/api/Order/searchOpen', { accountId: acct })).json, ['orders']).orders as Array<{
      id: number;
      status: number;
    }>;
    expect(open.map((o) => [o.id, o.status])).toEqual([[resting.orderId, OrderStatus.Open]]);
    const byId = envelope((await call('/api/Order/searchById', { accountId: acct, orderId })).json, [
      'order',
      'orders',
    ]);
    expect((byId.order as { id: number }).id).toBe(orderId);
    const positions = envelope((await call('/api/Position/searchOpen', { accountId: acct })).json, ['positions'])
      .positions as unknown[];
    expect(positions).toHaveLength(1);
    PositionSchema.parse(positions[0]);
    expectFields(positions[0], POSITION_FIELDS);
    expect(positions[0]).toMatchObject({ contractId: MNQ, type: PositionType.Long, size: 2, averagePrice: 25_000 });
    const trades = envelope((await call('/api/Trade/search', { accountId: acct, ...since })).json, ['trades'])
      .trades as Array<Record<string, unknown>>;
    for (const t of trades) {
      TradeSchema.parse(t);
      expectFields(t, TRADE_FIELDS);
      expect(String(t.creationTimestamp)).toMatch(TIMESTAMP);
    }
    expect(trades[0]).toMatchObject({ orderId, profitAndLoss: null, voided: false, side: 0, size: 2 });
    const later = envelope(
      (await call('/api/Trade/search', { accountId: acct, startTimestamp: '2999-01-01T00:00:00Z' })).json,
      ['trades'],
    );
    expect(later.trades).toEqual([]);
  });

  it('Order/modify and Order/cancel answer the bare envelope', async () => {
    const id = (
      await call('/api/Order/place', {
        accountId: acct,
        contractId: MNQ,
        type: 1,
        side: 0,
        size: 1,
        limitPrice: 24_000,
      })
    ).json?.orderId;
    envelope((await call('/api/Order/modify', { accountId: acct, orderId: id, limitPrice: 24_100 })).json, []);
    expect(sim.ledger.truth(acct).orders.find((o) => o.id === id)?.limitPrice).toBe(24_100);
    envelope((await call('/api/Order/cancel', { accountId: acct, orderId: id })).json, []);
    expect(sim.ledger.truth(acct).orders.find((o) => o.id === id)?.status).toBe(OrderStatus.Cancelled);
  });

  it('History/retrieveBars answers {t,o,h,l,c,v} bars, newest first', async () => {
    sim.market.setPrice(MNQ, 25_001);
    sim.market.setPrice(MNQ, 24_999);
    const r = await call('/api/History/retrieveBars', {
      contractId: MNQ,
      live: false,
      startTime: '2000-01-01T00:00:00Z',
      endTime: '2999-01-01T00:00:00Z',
      unit: 4,
      unitNumber: 1,
      limit: 10,
      includePartialBar: true,
    });
    const bars = envelope(r.json, ['bars']).bars as Array<Record<string, unknown>>;
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) {
      BarSchema.parse(b);
      expectFields(b, ['t', 'o', 'h', 'l', 'c', 'v']);
      expect(String(b.t)).toMatch(TIMESTAMP);
    }
    expect(bars[0]).toMatchObject({ c: 24_999 });
    expect(Number(bars[0]?.h)).toBeGreaterThanOrEqual(25_001);
  });

  it('Status/ping answers pong without a token', async () => {
    const r = await call('/api/Status/ping', {}, null);
    expect(r.status).toBe(200);
    expect(r.text).toBe('pong');
  });
});
