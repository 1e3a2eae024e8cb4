import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../../src/core/gateway/enums';
import { tradeManagementRule as rule } from '../../../../../src/core/rules/evaluation/trade-management';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, ES, enforcements, orderEvent, position, quoteEvent, runRule, stopFor } from '../fixtures';

const breakeven = { breakevenAfterTicks: 8, breakevenOffsetTicks: 1, trailAfterTicks: null };
const trailing = { breakevenAfterTicks: null, trailAfterTicks: 16, trailDistanceTicks: 8 };

describe('tradeManagement', () => {
  it.each([
    { price: 5001.75, stop: null },
    { price: 5002, stop: 5000.25 },
    { price: 5003, stop: 5000.25 },
  ])('breakeven after 8 ticks (+1 tick): long 1 ES @ 5000, quote $price → stop $stop', ({ price, stop }) => {
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, price),
      prices: { [ES]: price },
      settings: breakeven,
    });
    const e = enforcements(r.decisions);
    if (stop === null) expect(e).toHaveLength(0);
    else expect(e[0]?.action).toEqual({ type: 'protect-stop', contractId: ES, stopPrice: stop, size: 1, side: 1 });
  });

  it('mirrors for a short: breakeven stop above the entry, bought back', () => {
    const p = position(ES, -2, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, 4997),
      prices: { [ES]: 4997 },
      settings: breakeven,
    });
    expect(enforcements(r.decisions)[0]?.action).toEqual({
      type: 'protect-stop',
      contractId: ES,
      stopPrice: 4999.75,
      size: 2,
      side: 0,
    });
  });

  it('never loosens an existing stop, but tightens a looser one', () => {
    const p = position(ES, 1, 5000);
    const tight = runRule(rule, {
      account: accountState({ positions: [p], orders: [stopFor(p, 5000.5)] }),
      event: quoteEvent(ES, 5002),
      prices: { [ES]: 5002 },
      settings: breakeven,
    });
    expect(tight.decisions).toHaveLength(0);
    const loose = stopFor(p, 4990);
    const r = runRule(rule, {
      account: accountState({ positions: [p], orders: [loose] }),
      event: quoteEvent(ES, 5002),
      prices: { [ES]: 5002 },
      settings: breakeven,
    });
    expect(enforcements(r.decisions)[0]?.figures).toMatchObject({
      existingStop: 4990,
      existingStopOrderId: loose.id,
      stopPrice: 5000.25,
    });
  });

  it('trails Z ticks behind the best price and does not step back when the price falls', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p] });
    let memory: RuleMemory | undefined;
    const stops: number[] = [];
    for (const price of [5003, 5004, 5005, 5003.5, 5004.75, 5005.25]) {
      const r = runRule(rule, {
        account,
        event: quoteEvent(ES, price),
        prices: { [ES]: price },
        settings: trailing,
        memory,
      });
      memory = r.memory;
      for (const d of enforcements(r.decisions)) if (d.action.type === 'protect-stop') stops.push(d.action.stopPrice);
    }
    expect(stops).toEqual([5002, 5003, 5003.25]);
    expect(memory?.managed[ES]?.best).toBe(5005.25);
  });

  it('keeps the breakeven stop wanted after the price falls back, and asks again when an order event shows it missing', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p] });
    const reached = runRule(rule, {
      account,
      event: quoteEvent(ES, 5002),
      prices: { [ES]: 5002 },
      settings: breakeven,
    });
    expect(enforcements(reached.decisions)).toHaveLength(1);
    // Quotes do not repeat the same request…
    const back = runRule(rule, {
      account,
      event: quoteEvent(ES, 5001),
      prices: { [ES]: 5001 },
      settings: breakeven,
      memory: reached.memory,
    });
    expect(back.decisions).toHaveLength(0);
    // …but an order event (the stop was cancelled, or never placed) looks at the stops afresh.
    const cancelled = runRule(rule, {
      account,
      event: orderEvent(stopFor(p, 5000.25, { status: OrderStatus.Cancelled })),
      prices: { [ES]: 5001 },
      settings: breakeven,
      memory: back.memory,
    });
    expect(enforcements(cancelled.decisions)[0]?.action).toMatchObject({ type: 'protect-stop', stopPrice: 5000.25 });
    // With the stop in place, nothing is asked.
    const placed = runRule(rule, {
      account: accountState({ positions: [p], orders: [stopFor(p, 5000.25)] }),
      event: orderEvent(stopFor(p, 5000.25)),
      prices: { [ES]: 5001 },
      settings: breakeven,
      memory: back.memory,
    });
    expect(placed.decisions).toHaveLength(0);
  });

  it('stores nothing while no protection is armed (quotes cost no memory writes)', () => {
    const p = position(ES, 1, 5000);
    const m = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, 5001),
      prices: { [ES]: 5001 },
      settings: breakeven,
    });
    expect(m.memory.managed).toEqual({});
  });

  it('forgets the best price when the position reverses (new side)', () => {
    const long = position(ES, 1, 5000);
    const r1 = runRule(rule, {
      account: accountState({ positions: [long] }),
      event: quoteEvent(ES, 5010),
      prices: { [ES]: 5010 },
      settings: trailing,
    });
    const short = position(ES, -1, 5010);
    const r2 = runRule(rule, {
      account: accountState({ positions: [short] }),
      event: quoteEvent(ES, 5009),
      prices: { [ES]: 5009 },
      settings: trailing,
      memory: r1.memory,
    });
    expect(r1.memory.managed[ES]).toMatchObject({ type: 1, best: 5010 });
    expect(r2.memory.managed[ES]).toBeUndefined();
    expect(r2.decisions).toHaveLength(0);
  });
});
