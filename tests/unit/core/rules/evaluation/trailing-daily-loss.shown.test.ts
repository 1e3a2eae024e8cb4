import { describe, expect, it } from 'vitest';
import { trailingDailyLossRule as rule } from '../../../../../src/core/rules/evaluation/trailing-daily-loss';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, enforcements, MNQ, position, quoteEvent, runRule, trade, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of the trailing daily loss: its meter and its words. */

const peakAt = (peak: number, day = DAY.key) => ({ ...emptyRuleMemory(DAY.key), trail: { day, peak } });
const realized = (pnl: number) => accountState({ trades: [trade({ orderId: 1, profitAndLoss: pnl })] });

describe('trailing daily loss: its meter', () => {
  it('shows how far the day’s P&L is below today’s high, against the limit', () => {
    expect(meterOf(rule, { account: realized(150), settings: { limit: 300 }, memory: peakAt(400) })).toEqual({
      name: 'Below today’s high',
      value: 250,
      limit: 300,
      unit: 'USD',
    });
  });

  it('counts from 0 when the day’s high is another day’s, and shows unknown while the P&L is', () => {
    expect(
      meterOf(rule, { account: realized(-50), settings: { limit: 300 }, memory: peakAt(400, '2026-11-24') })?.value,
    ).toBe(50);
    const open = accountState({ positions: [position(MNQ, 1, 100)] });
    expect(meterOf(rule, { account: open, settings: { limit: 300 } })?.value).toBeNull();
  });
});

describe('trailing daily loss: what it says', () => {
  it('warns with the day’s P&L, how far below the high it is, and the limit', () => {
    const r = runRule(rule, { account: realized(150), settings: { limit: 300 }, memory: peakAt(400) });
    expect(warnings(r.decisions)).toMatchObject([
      { message: 'Day P&L 150 is 250 below today’s high 400 (trailing limit 300)' },
    ]);
  });

  it('says how far the day’s P&L fell below the high', () => {
    const r = runRule(rule, { account: realized(50), settings: { limit: 300 }, memory: peakAt(400) });
    expect(enforcements(r.decisions)[0]?.reason).toBe(
      'Day P&L 50 fell 350 below today’s high 400: trailing daily loss limit 300',
    );
  });

  it('starts the day’s high afresh on a new day, from the P&L now', () => {
    const r = runRule(rule, { account: realized(100), settings: { limit: 300 }, memory: peakAt(900, '2026-11-24') });
    expect(r.decisions).toEqual([]);
    expect(r.memory.trail).toEqual({ day: DAY.key, peak: 100 });
  });

  it('only flattens, with no lockout, when set not to lock, and flattens again whatever is re-opened below the level', () => {
    const settings = { limit: 300, lock: false };
    const open = (ids: string[]) =>
      accountState({
        positions: ids.map((c) => position(c, 1, 100)),
        trades: [trade({ orderId: 1, profitAndLoss: 50 })],
      });
    const first = runRule(rule, {
      account: open([MNQ]),
      event: quoteEvent(MNQ, 100),
      prices: { [MNQ]: 100 },
      settings,
      memory: peakAt(400),
    });
    expect(enforcements(first.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
    expect(enforcements(first.decisions)[0]?.lockout).toBeUndefined();
    const same = runRule(rule, {
      account: open([MNQ]),
      event: quoteEvent(MNQ, 100),
      prices: { [MNQ]: 100 },
      settings,
      memory: first.memory,
    });
    expect(same.decisions).toEqual([]);
  });
});
