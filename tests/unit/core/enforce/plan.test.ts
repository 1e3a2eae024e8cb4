import { describe, expect, it } from 'vitest';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import { planSteps, positionTargets } from '../../../../src/core/enforce/plan';
import { OrderStatus, OrderType, PositionType } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';

const pos = (id: number, contractId: string, size: number, at: string, type: number = PositionType.Long): Position => ({
  id,
  accountId: 1,
  contractId,
  creationTimestamp: at,
  type,
  size,
  averagePrice: 100,
});
const order = (id: number, contractId: string, side: number, size: number, extra: Partial<Order> = {}): Order => ({
  id,
  accountId: 1,
  contractId,
  creationTimestamp: '2026-11-25T15:00:00Z',
  status: OrderStatus.Open,
  type: OrderType.Limit,
  side,
  size,
  ...extra,
});
const want = (d: Partial<DesiredState>): DesiredState => ({ ...emptyDesired(), ...d });
const A = 'CON.F.US.EP.Z25';
const B = 'CON.F.US.ENQ.Z25';
const M = 'CON.F.US.MNQ.Z25';

describe('planner', () => {
  it('is empty when the account already is at the desired state (repeating is harmless)', () => {
    expect(planSteps(want({ flat: true }), { positions: [], orders: [] })).toEqual([]);
    expect(
      planSteps(want({ maxTotals: [{ maxContracts: 3, counting: 'contracts' }] }), {
        positions: [pos(1, A, 3, '2026-11-25T14:00:00Z')],
        orders: [],
      }),
    ).toEqual([]);
  });

  it('orders steps: cancels, then closes', () => {
    const steps = planSteps(want({ flat: true }), {
      positions: [pos(1, A, 1, '2026-11-25T14:00:00Z')],
      orders: [order(9, A, 1, 1)],
    });
    expect(steps.map((s) => s.type)).toEqual(['cancel', 'close']);
  });

  it('ignores orders that are no longer working', () => {
    const steps = planSteps(want({ flat: true }), {
      positions: [],
      orders: [
        order(9, A, 1, 1, { status: OrderStatus.Filled }),
        order(10, A, 1, 1, { status: OrderStatus.Cancelled }),
      ],
    });
    expect(steps).toEqual([]);
  });

  it('takes from the newest first and never below zero, never reversing', () => {
    const targets = positionTargets(want({ maxTotals: [{ maxContracts: 1, counting: 'contracts' }] }), [
      pos(1, A, 2, '2026-11-25T14:00:00Z'),
      pos(2, B, 1, '2026-11-25T14:30:00Z', PositionType.Short),
    ]);
    expect(Object.fromEntries(targets)).toEqual({ [A]: 1, [B]: 0 });
  });

  it('cuts the contracts just added: ES scaled 2 → 4 after NQ 2 was opened loses the 2 it added, NQ stays', () => {
    const t = (hh: string) => Date.parse(`2026-11-25T${hh}:00Z`);
    const lots: Record<string, { size: number; at: number }[]> = {
      [A]: [
        { size: 2, at: t('14:00') },
        { size: 2, at: t('14:40') },
      ],
      [B]: [{ size: 2, at: t('14:30') }],
    };
    const targets = positionTargets(
      want({ maxTotals: [{ maxContracts: 4, counting: 'contracts' }] }),
      [pos(1, A, 4, '2026-11-25T14:00:00Z'), pos(2, B, 2, '2026-11-25T14:30:00Z')],
      { lots: (c) => lots[c] },
    );
    expect(Object.fromEntries(targets)).toEqual({ [A]: 2, [B]: 2 });
  });

  it('takes the newest lots across positions, and treats contracts it has no lot for as the newest', () => {
    const t = (hh: string) => Date.parse(`2026-11-25T${hh}:00Z`);
    const lots: Record<string, { size: number; at: number }[]> = {
      // ES: 2 at 14:00, then +1 at 14:50; the REST read shows 4: one more than the guard saw.
      [A]: [
        { size: 2, at: t('14:00') },
        { size: 1, at: t('14:50') },
      ],
      [B]: [{ size: 2, at: t('14:30') }],
    };
    const targets = positionTargets(
      want({ maxTotals: [{ maxContracts: 2, counting: 'contracts' }] }),
      [pos(1, A, 4, '2026-11-25T14:00:00Z'), pos(2, B, 2, '2026-11-25T14:30:00Z')],
      { lots: (c) => lots[c] },
    );
    // Cut 4: the unseen 1 and the 14:50 lot of ES, then both NQ (14:30).
    expect(Object.fromEntries(targets)).toEqual({ [A]: 2, [B]: 0 });
  });

  it('rounds micro cuts up to whole contracts in mini-equivalents', () => {
    const targets = positionTargets(want({ maxTotals: [{ maxContracts: 1, counting: 'mini' }] }), [
      pos(1, M, 13, '2026-11-25T14:00:00Z'),
    ]);
    expect(targets.get(M)).toBe(10);
  });

  it('applies the smaller of two limits merged on one contract', () => {
    const steps = planSteps(
      want({ positionMax: { [A]: 2 }, maxTotals: [{ maxContracts: 1, counting: 'contracts' }] }),
      {
        positions: [pos(1, A, 4, '2026-11-25T14:00:00Z')],
        orders: [],
      },
    );
    expect(steps).toMatchObject([{ type: 'reduce', contractId: A, by: 3, openSize: 4 }]);
  });

  it('leaves a same-side entry order alone when reducing (it does not reverse the position)', () => {
    const steps = planSteps(want({ positionMax: { [A]: 1 } }), {
      positions: [pos(1, A, 3, '2026-11-25T14:00:00Z')],
      orders: [order(9, A, 0, 5)],
    });
    expect(steps.map((s) => s.type)).toEqual(['reduce']);
  });

  it('does not touch an unpriced trailing stop (it cannot tell whether a move would loosen it)', () => {
    const steps = planSteps(want({ stops: { [A]: { contractId: A, stopPrice: 99, size: 1, side: 1 } } }), {
      positions: [pos(1, A, 1, '2026-11-25T14:00:00Z')],
      orders: [order(9, A, 1, 1, { type: OrderType.TrailingStop, stopPrice: null, trailPrice: 4 })],
    });
    expect(steps).toEqual([]);
  });

  it('matches blocked roots through the alias table (EP is ES)', () => {
    const steps = planSteps(want({ blockedRoots: ['ES'] }), {
      positions: [pos(1, A, 1, '2026-11-25T14:00:00Z'), pos(2, M, 1, '2026-11-25T14:00:00Z')],
      orders: [],
    });
    expect(steps).toMatchObject([{ type: 'close', contractId: A }]);
  });
});
