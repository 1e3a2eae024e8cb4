import { describe, expect, it } from 'vitest';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import { isExitOf, planSteps, positionTargets } from '../../../../src/core/enforce/plan';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';

const ES = 'CON.F.US.EP.Z25';
const NQ = 'CON.F.US.ENQ.Z25';
const CL = 'CON.F.US.CLE.F26';
let nextId = 1;
const pos = (
  contractId: string,
  size: number,
  type: number = PositionType.Long,
  at = '2026-11-25T15:00:00Z',
): Position => ({
  id: nextId++,
  accountId: 1,
  contractId,
  creationTimestamp: at,
  type,
  size,
  averagePrice: 100,
});
const order = (contractId: string, side: number, size: number, extra: Partial<Order> = {}): Order => ({
  id: nextId++,
  accountId: 1,
  contractId,
  creationTimestamp: '2026-11-25T15:00:00Z',
  status: OrderStatus.Open,
  type: OrderType.Limit,
  side,
  size,
  ...extra,
});
const stopOrder = (contractId: string, side: number, size: number, stopPrice: number | undefined) =>
  order(contractId, side, size, { type: OrderType.Stop, ...(stopPrice === undefined ? {} : { stopPrice }) });
const want = (d: Partial<DesiredState>): DesiredState => ({ ...emptyDesired(), ...d });

describe('planning orders', () => {
  it('an exit is an order on the reducing side of that contract, no larger than the position', () => {
    const long = pos(ES, 2);
    expect(isExitOf(order(ES, OrderSide.Ask, 2), long)).toBe(true);
    expect(isExitOf(order(ES, OrderSide.Ask, 3), long)).toBe(false);
    expect(isExitOf(order(ES, OrderSide.Bid, 1), long)).toBe(false);
    expect(isExitOf(order(NQ, OrderSide.Ask, 1), long)).toBe(false);
  });

  it('cancels every working order in a blocked root, saying which', () => {
    const o = order(CL, OrderSide.Bid, 1);
    expect(
      planSteps(want({ blockedRoots: ['CL'] }), { positions: [], orders: [o, order(ES, OrderSide.Bid, 1)] }),
    ).toEqual([{ type: 'cancel', orderId: o.id, contractId: CL, why: 'symbol CL blocked' }]);
  });

  it('cancels an order asked for by id, once, even when asked twice over', () => {
    const o = order(ES, OrderSide.Bid, 1);
    expect(planSteps(want({ cancelOrderIds: [o.id, o.id] }), { positions: [], orders: [o] })).toEqual([
      { type: 'cancel', orderId: o.id, contractId: ES, why: 'cancel-order' },
    ]);
  });

  it('under a lockout that keeps positions, cancels every order that is no exit of a kept position', () => {
    const es = pos(ES, 2);
    const exit = order(ES, OrderSide.Ask, 2);
    const adds = order(ES, OrderSide.Bid, 1);
    const elsewhere = order(NQ, OrderSide.Ask, 1);
    const keptButClosed = order(CL, OrderSide.Ask, 1);
    const steps = planSteps(want({ keepOnly: { [ES]: 2, [CL]: 1 } }), {
      positions: [es],
      orders: [exit, adds, elsewhere, keptButClosed],
    });
    expect(steps).toEqual(
      [adds, elsewhere, keptButClosed].map((o) => ({
        type: 'cancel',
        orderId: o.id,
        contractId: o.contractId,
        why: 'locked: only exits of the positions left open',
      })),
    );
  });

  it('cancels the exit order of a position it closes: filled, it would open a new one', () => {
    const es = pos(ES, 2);
    const exit = order(ES, OrderSide.Ask, 2);
    expect(planSteps(want({ positionMax: { [ES]: 0 } }), { positions: [es], orders: [exit] })).toEqual([
      { type: 'cancel', orderId: exit.id, contractId: ES, why: 'position closed: its exit order would open a new one' },
      { type: 'close', contractId: ES, openSize: 2, why: 'over the limit' },
    ]);
  });

  it('shrinks an exit order larger than the reduced position, and leaves one that fits', () => {
    const es = pos(ES, 5);
    const big = order(ES, OrderSide.Ask, 4);
    const fits = order(ES, OrderSide.Ask, 2);
    const exact = order(ES, OrderSide.Ask, 3);
    expect(planSteps(want({ positionMax: { [ES]: 3 } }), { positions: [es], orders: [big, fits, exact] })).toEqual([
      {
        type: 'resize-order',
        orderId: big.id,
        contractId: ES,
        size: 3,
        why: 'exit order larger than the reduced position',
      },
      { type: 'reduce', contractId: ES, by: 2, openSize: 5, why: 'over the limit' },
    ]);
  });

  it('leaves orders of positions it does not reduce alone', () => {
    const es = pos(ES, 2);
    const exit = order(ES, OrderSide.Ask, 2);
    expect(planSteps(want({ positionMax: { [ES]: 2 } }), { positions: [es], orders: [exit] })).toEqual([]);
    expect(planSteps(want({ positionMax: { [NQ]: 0 } }), { positions: [es], orders: [exit] })).toEqual([]);
  });

  it('says why a position is closed: the flatten, its blocked symbol or its limit', () => {
    const es = pos(ES, 1);
    expect(planSteps(want({ flat: true }), { positions: [es], orders: [] })[0]).toMatchObject({ why: 'flatten' });
    expect(planSteps(want({ blockedRoots: ['ES'] }), { positions: [es], orders: [] })[0]).toMatchObject({
      why: 'symbol blocked',
    });
  });

  it('ignores a position record already closed to size 0', () => {
    expect(planSteps(want({ flat: true }), { positions: [pos(ES, 0)], orders: [] })).toEqual([]);
  });

  it('cancels an order once when the read lists it twice', () => {
    const o = order(ES, OrderSide.Bid, 1);
    expect(planSteps(want({ flat: true }), { positions: [], orders: [o, { ...o }] })).toEqual([
      { type: 'cancel', orderId: o.id, contractId: ES, why: 'flatten' },
    ]);
  });

  it('under a lockout that keeps positions, cancels the exit of a position it does not keep as “locked”', () => {
    const nq = pos(NQ, 1);
    const exit = order(NQ, OrderSide.Ask, 1);
    expect(planSteps(want({ keepOnly: { [ES]: 2 } }), { positions: [nq], orders: [exit] })).toEqual([
      { type: 'cancel', orderId: exit.id, contractId: NQ, why: 'locked: only exits of the positions left open' },
      { type: 'close', contractId: NQ, openSize: 1, why: 'over the limit' },
    ]);
  });

  it('does not also resize an exit order it cancels while reducing the position', () => {
    const es = pos(ES, 3);
    const stop = stopOrder(ES, OrderSide.Ask, 3, 90);
    expect(
      planSteps(want({ positionMax: { [ES]: 1 }, cancelOrderIds: [stop.id] }), { positions: [es], orders: [stop] }),
    ).toEqual([
      { type: 'cancel', orderId: stop.id, contractId: ES, why: 'cancel-order' },
      { type: 'reduce', contractId: ES, by: 2, openSize: 3, why: 'over the limit' },
    ]);
  });

  it('leaves the trader’s own exit order larger than a position it does not reduce', () => {
    const es = pos(ES, 2);
    const big = stopOrder(ES, OrderSide.Ask, 3, 90);
    const nq = pos(NQ, 1);
    expect(planSteps(want({ positionMax: { [NQ]: 0 } }), { positions: [es, nq], orders: [big] })).toEqual([
      { type: 'close', contractId: NQ, openSize: 1, why: 'over the limit' },
    ]);
  });

  it('leaves a suspected stale position alone for the round, its stop too', () => {
    const es = pos(ES, 2);
    const desired = want({
      positionMax: { [ES]: 1 },
      stops: { [ES]: { contractId: ES, stopPrice: 90, size: 2, side: 1 } },
    });
    expect(planSteps(desired, { positions: [es], orders: [] }, { suspect: new Set([ES]) })).toEqual([]);
  });
});

describe('planning stops', () => {
  const stopWanted = (size: number, stopPrice = 95, side: 0 | 1 = 1) =>
    want({ stops: { [ES]: { contractId: ES, stopPrice, size, side } } });

  it('places a stop for the size asked, or the whole position when no size is asked', () => {
    const es = pos(ES, 3);
    expect(planSteps(stopWanted(2), { positions: [es], orders: [] })).toEqual([
      { type: 'place-stop', contractId: ES, side: 1, size: 2, stopPrice: 95, positionId: es.id },
    ]);
    expect(planSteps(stopWanted(0), { positions: [es], orders: [] })).toMatchObject([{ size: 3 }]);
  });

  it('sizes it to the position’s new size when the position is reduced in the same round', () => {
    const es = pos(ES, 3);
    const desired = { ...stopWanted(3), positionMax: { [ES]: 1 } };
    expect(planSteps(desired, { positions: [es], orders: [] })).toEqual([
      { type: 'reduce', contractId: ES, by: 2, openSize: 3, why: 'over the limit' },
      { type: 'place-stop', contractId: ES, side: 1, size: 1, stopPrice: 95, positionId: es.id },
    ]);
  });

  it('places none for a position it closes, or whose side the stop no longer fits', () => {
    expect(planSteps({ ...stopWanted(1), positionMax: { [ES]: 0 } }, { positions: [pos(ES, 1)], orders: [] })).toEqual([
      { type: 'close', contractId: ES, openSize: 1, why: 'over the limit' },
    ]);
    expect(planSteps(stopWanted(1), { positions: [pos(ES, 1, PositionType.Short)], orders: [] })).toEqual([]);
    expect(planSteps(stopWanted(1), { positions: [], orders: [] })).toEqual([]);
  });

  it('counts only a stop of that contract on that side as the existing stop', () => {
    const es = pos(ES, 2);
    const others = [
      stopOrder(NQ, OrderSide.Ask, 2, 96),
      stopOrder(ES, OrderSide.Bid, 2, 96),
      order(ES, OrderSide.Ask, 2),
    ];
    expect(planSteps(stopWanted(2), { positions: [es], orders: others })).toMatchObject([{ type: 'place-stop' }]);
  });

  it('moves the tightest existing stop to the tighter price, at no more than its size', () => {
    const es = pos(ES, 2);
    const loose = stopOrder(ES, OrderSide.Ask, 2, 90);
    const tighter = stopOrder(ES, OrderSide.Ask, 1, 92);
    expect(planSteps(stopWanted(2), { positions: [es], orders: [loose, tighter] })).toEqual([
      { type: 'tighten-stop', orderId: tighter.id, contractId: ES, stopPrice: 95, size: 1, fromPrice: 92 },
    ]);
    expect(planSteps(stopWanted(2), { positions: [es], orders: [tighter, loose] })).toMatchObject([
      { orderId: tighter.id },
    ]);
  });

  it('leaves a stop already at or past the price wanted', () => {
    const es = pos(ES, 2);
    expect(planSteps(stopWanted(2), { positions: [es], orders: [stopOrder(ES, OrderSide.Ask, 2, 95)] })).toEqual([]);
    expect(planSteps(stopWanted(2), { positions: [es], orders: [stopOrder(ES, OrderSide.Ask, 2, 97)] })).toEqual([]);
  });

  it('for a short, tightens a buy stop downwards', () => {
    const short = pos(ES, 2, PositionType.Short);
    const existing = stopOrder(ES, OrderSide.Bid, 2, 110);
    expect(planSteps(stopWanted(2, 105, 0), { positions: [short], orders: [existing] })).toEqual([
      { type: 'tighten-stop', orderId: existing.id, contractId: ES, stopPrice: 105, size: 2, fromPrice: 110 },
    ]);
  });

  it('places a new stop when the old one is being cancelled in the same round', () => {
    const es = pos(ES, 2);
    const old = stopOrder(ES, OrderSide.Ask, 2, 90);
    const desired = { ...stopWanted(2), cancelOrderIds: [old.id] };
    expect(planSteps(desired, { positions: [es], orders: [old] })).toEqual([
      { type: 'cancel', orderId: old.id, contractId: ES, why: 'cancel-order' },
      { type: 'place-stop', contractId: ES, side: 1, size: 2, stopPrice: 95, positionId: es.id },
    ]);
  });
});

describe('position targets', () => {
  it('leaves each position as it is without any total limit', () => {
    const es = pos(ES, 3);
    expect(positionTargets(want({}), [es])).toEqual(new Map([[ES, 3]]));
  });

  it('keeps a position at the total limit exactly as it is', () => {
    const es = pos(ES, 3);
    expect(positionTargets(want({ maxTotals: [{ maxContracts: 3, counting: 'contracts' }] }), [es])).toEqual(
      new Map([[ES, 3]]),
    );
  });

  it('takes from the later lot of a position, continuing from what a first limit took', () => {
    const es = pos(ES, 4);
    const lots = () => [
      { size: 2, price: 100, at: 1 },
      { size: 2, price: 101, at: 2 },
    ];
    const desired = want({
      maxTotals: [
        { maxContracts: 3, counting: 'contracts' },
        { maxContracts: 1, counting: 'contracts' },
      ],
    });
    expect(positionTargets(desired, [es], { lots })).toEqual(new Map([[ES, 1]]));
  });
});
