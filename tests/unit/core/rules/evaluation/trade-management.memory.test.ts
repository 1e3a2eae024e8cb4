import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../../src/core/gateway/schemas';
import type { TradeManagementSettings } from '../../../../../src/core/rules/catalog/trade-management';
import { tradeManagementRule as rule } from '../../../../../src/core/rules/evaluation/trade-management';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  accountState,
  ES,
  enforcements,
  orderEvent,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  stopFor,
} from '../fixtures';

/** tradeManagement: what it remembers of a position between events (best price, breakeven reached). */

type Settings = Partial<TradeManagementSettings>;

/** One event at `price`, carrying the memory along; the decision's action and figures, if any. */
function step(
  settings: Settings,
  p: Position,
  price: number,
  memory: RuleMemory | undefined,
  opts: { orders?: Order[]; event?: DomainEvent } = {},
) {
  const r = runRule(rule, {
    account: accountState({ positions: [p], orders: opts.orders ?? [] }),
    event: opts.event ?? quoteEvent(ES, price),
    prices: { [ES]: price },
    settings,
    ...(memory ? { memory } : {}),
  });
  return { memory: r.memory, decision: enforcements(r.decisions)[0] };
}

describe('tradeManagement: what it remembers', () => {
  it('remembers the best price seen while breakeven holds the stop, and reports it when it asks again', () => {
    // The trail (20 ticks behind) sits below breakeven, so the stop wanted stays at breakeven.
    const wide: Settings = {
      breakevenAfterTicks: 8,
      breakevenOffsetTicks: 1,
      trailAfterTicks: 8,
      trailDistanceTicks: 20,
    };
    const p = position(ES, 1, 5000);
    let s = step(wide, p, 5002, undefined);
    expect(s.decision?.action).toMatchObject({ stopPrice: 5000.25 });
    s = step(wide, p, 5004, s.memory);
    s = step(wide, p, 5003, s.memory);
    expect(s.decision).toBeUndefined();
    const cancelled = stopFor(p, 5000.25, { status: OrderStatus.Cancelled });
    const again = step(wide, p, 5003, s.memory, { event: orderEvent(cancelled) });
    expect(again.decision?.figures).toMatchObject({ best: 5004, stopPrice: 5000.25 });
  });

  it('keeps trailing from the best price seen when an event about the same position comes in', () => {
    const trailOnly: Settings = { breakevenAfterTicks: null, trailAfterTicks: 16, trailDistanceTicks: 8 };
    const p = position(ES, 1, 5000);
    const armed = step(trailOnly, p, 5010, undefined);
    expect(armed.decision?.action).toMatchObject({ stopPrice: 5008 });
    const fell = step(trailOnly, p, 5006, armed.memory, { event: positionEvent(p) });
    expect(fell.decision?.action).toMatchObject({ type: 'protect-stop', stopPrice: 5008 });
  });

  it('keeps breakeven once reached while trailing, and asks for the new breakeven after the trader averages up', () => {
    const settings: Settings = {
      breakevenAfterTicks: 8,
      breakevenOffsetTicks: 1,
      trailAfterTicks: 4,
      trailDistanceTicks: 2,
    };
    const p = position(ES, 1, 5000);
    // +6 ticks: trailing arms (stop 2 ticks behind the best), breakeven not yet.
    const trailing = step(settings, p, 5001.5, undefined);
    expect(trailing.decision?.action).toMatchObject({ stopPrice: 5001 });
    // One more contract at 4999: entry 4999.50, the same price is now +8 ticks, breakeven is
    // reached, and the trail's stop (tighter) stays as it is.
    const down = { ...p, size: 2, averagePrice: 4999.5 };
    const reached = step(settings, down, 5001.5, trailing.memory, { orders: [stopFor(down, 5001)] });
    expect(reached.decision).toBeUndefined();
    // Two more at 5002.50: entry 5001, +2 ticks, short of the trail; breakeven still holds.
    const up = { ...p, size: 4, averagePrice: 5001 };
    const after = step(settings, up, 5001.5, reached.memory, { orders: [stopFor(up, 5001)] });
    expect(after.decision?.action).toMatchObject({ type: 'protect-stop', stopPrice: 5001.25 });
  });
});
