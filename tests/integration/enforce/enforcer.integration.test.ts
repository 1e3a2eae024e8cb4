import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderType, PositionType } from '../../../src/core/gateway/enums';
import {
  appliedCloses,
  cid,
  dayLockout,
  type EnforceStack,
  ordersPerTag,
  startEnforceStack,
  traderMarket,
} from './harness';

let s: EnforceStack;
let ES: string;
let NQ: string;
let MNQ: string;

beforeEach(async () => {
  s = await startEnforceStack();
  ES = cid(s.sim, 'EP');
  NQ = cid(s.sim, 'ENQ');
  MNQ = cid(s.sim, 'MNQ');
});
afterEach(async () => {
  s.enforcer.dispose();
  await s.stop();
});

const truth = () => s.sim.ledger.truth(s.accountId);
const restingStop = (contractId: string, side: 0 | 1, size: number, offsetTicks: number) => {
  const c = s.sim.contracts.find((x) => x.id === contractId);
  if (!c) throw new Error(contractId);
  return s.sim.trader.placeOrder(s.accountId, {
    contractId,
    type: OrderType.Stop,
    side,
    size,
    stopPrice: s.sim.market.price(contractId) + offsetTicks * c.tickSize,
  });
};

describe('enforcer against the simulator (REST client + order manager)', () => {
  it('flattens: cancels the working orders first, closes every position, and the ledger shows it flat', async () => {
    traderMarket(s.sim, s.accountId, ES, 0, 2);
    traderMarket(s.sim, s.accountId, MNQ, 1, 3);
    restingStop(ES, 1, 2, -40);
    s.sim.trader.placeOrder(s.accountId, {
      contractId: NQ,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: s.sim.market.price(NQ) - 100,
    });
    await s.enforcer.submit(s.decision({ type: 'flatten' }));
    await s.enforcer.whenIdle();
    expect(s.enforcer.status(s.accountId).state).toBe('converged');
    expect(truth().positions).toEqual([]);
    expect(truth().openOrders).toEqual([]);
    const mutations = s.sim.requests
      .list()
      .filter((r) => r.endpoint === '/api/Order/cancel' || r.endpoint === '/api/Position/closeContract')
      .map((r) => r.endpoint);
    expect(mutations).toEqual([
      '/api/Order/cancel',
      '/api/Order/cancel',
      '/api/Position/closeContract',
      '/api/Position/closeContract',
    ]);
    expect(s.sim.ledger.overCloses()).toEqual([]);
  });

  it('closes one position', async () => {
    traderMarket(s.sim, s.accountId, ES, 0, 1);
    traderMarket(s.sim, s.accountId, NQ, 0, 1);
    await s.enforcer.submit(s.decision({ type: 'close-position', contractId: NQ }));
    await s.enforcer.whenIdle();
    expect(truth().positions.map((p) => p.contractId)).toEqual([ES]);
  });

  it('reduces to the total limit from the newest exposure, never reversing', async () => {
    traderMarket(s.sim, s.accountId, ES, 0, 2);
    await new Promise((r) => setTimeout(r, 5));
    traderMarket(s.sim, s.accountId, NQ, 1, 3);
    await s.enforcer.submit(s.decision({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }));
    await s.enforcer.whenIdle();
    const sizes = Object.fromEntries(truth().positions.map((p) => [p.contractId, [p.type, p.size]]));
    expect(sizes).toEqual({ [ES]: [PositionType.Long, 2], [NQ]: [PositionType.Short, 1] });
    expect(appliedCloses(s.sim, s.accountId)).toEqual([{ contractId: NQ, size: 2 }]);
  });

  it('reduces one position to its size limit', async () => {
    traderMarket(s.sim, s.accountId, MNQ, 0, 7);
    await s.enforcer.submit(s.decision({ type: 'reduce-position', contractId: MNQ, maxSize: 2 }));
    await s.enforcer.whenIdle();
    expect(truth().positions).toMatchObject([{ contractId: MNQ, size: 2, type: PositionType.Long }]);
  });

  it('cancels one order', async () => {
    const a = restingStop(ES, 1, 1, -40);
    const b = restingStop(ES, 1, 1, -60);
    await s.enforcer.submit(s.decision({ type: 'cancel-order', orderId: a }));
    await s.enforcer.whenIdle();
    expect(truth().openOrders.map((o) => o.id)).toEqual([b]);
  });

  it('the lockout guard re-flattens a position the trader opens during a lockout', async () => {
    traderMarket(s.sim, s.accountId, ES, 0, 1);
    await s.enforcer.submit(s.decision({ type: 'flatten' }, { lockout: dayLockout }));
    await s.enforcer.whenIdle();
    expect(truth().positions).toEqual([]);
    traderMarket(s.sim, s.accountId, NQ, 0, 2);
    expect(s.guard.onAccountEvent(s.accountId, undefined, 'GatewayUserPosition')).toBe(true);
    await s.enforcer.whenIdle();
    expect(truth().positions).toEqual([]);
    expect(s.sim.ledger.overCloses()).toEqual([]);
  });

  it('places one protective stop (tradeManagement), tightens it, and never loosens it', async () => {
    traderMarket(s.sim, s.accountId, ES, 0, 2);
    const entry = truth().positions[0]?.averagePrice ?? 0;
    const protect = (stopPrice: number) =>
      s.decision({ type: 'protect-stop', contractId: ES, stopPrice, size: 2, side: 1 }, { ruleId: 'trade-management' });
    await s.enforcer.submit(protect(entry - 10));
    await s.enforcer.whenIdle();
    expect(truth().openOrders).toMatchObject([{ type: OrderType.Stop, side: 1, size: 2, stopPrice: entry - 10 }]);
    await s.enforcer.submit(protect(entry - 5));
    await s.enforcer.whenIdle();
    await s.enforcer.submit(protect(entry - 20));
    await s.enforcer.whenIdle();
    expect(truth().openOrders).toMatchObject([{ stopPrice: entry - 5 }]);
    expect(s.sim.requests.list('/api/Order/place')).toHaveLength(1);
    expect([...ordersPerTag(s.sim, s.accountId).values()]).toEqual([1]);
  });
});
