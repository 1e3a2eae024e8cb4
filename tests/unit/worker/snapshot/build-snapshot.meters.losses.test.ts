import { describe, expect, it } from 'vitest';
import { accountState, MNQ, position, positionEvent, trade, tradeEvent } from '../../core/rules/fixtures';

import { at, ID, judgeAndShow, WARN_ALWAYS } from './judge-and-show';

/**
 * The popup's loss meters show the loss the rules judge: the day's realized loss, the day
 * below its high, the week — and never another day's figures as today's.
 */

describe('dailyRealizedLoss: the meter shows the loss the rule judges', () => {
  const rules = { dailyRealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 500 } };

  it('to the cent, fees counted', () => {
    const trades = [
      trade({ orderId: 1, profitAndLoss: -100.1, fees: 0.2 }),
      trade({ orderId: 2, profitAndLoss: -200.2, fees: 0.1 }),
    ];
    const s = judgeAndShow('dailyRealizedLoss', rules, accountState({ id: ID, trades }));
    expect(s.figures).toHaveLength(1);
    expect(s.meter?.value).toBe(-(s.figures[0]?.realizedPnl as number));
    expect(s.meter?.value).toBe(300.6);
  });

  it('does not show yesterday’s loss against today’s limit', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -450, creationTimestamp: at(90_000_000) })];
    const s = judgeAndShow('dailyRealizedLoss', rules, accountState({ id: ID, trades, tradingDay: '2026-11-24' }));
    expect(s.figures).toEqual([]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('trailingDailyLoss: the meter reads the settled day, as the rule judges it', () => {
  const rules = { trailingDailyLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 600 } };

  it('shows how far the day is below its high', () => {
    const account = accountState({
      id: ID,
      trades: [trade({ orderId: 1, profitAndLoss: 200, fees: 0 })],
      positions: [position(MNQ, 1, 21000)],
    });
    const first = judgeAndShow('trailingDailyLoss', rules, account, { prices: { [MNQ]: 21000 } });
    const s = judgeAndShow('trailingDailyLoss', rules, account, {
      prices: { [MNQ]: 20950 },
      memory: first.memory,
    });
    // High $200 (realized, open at entry); now $200 − $100 open = $100: $100 below the high.
    expect(s.figures[0]).toMatchObject({ dayPnl: 100, high: 200 });
    expect(s.meter).toMatchObject({ name: 'Below today’s high', value: 100, limit: 600 });
  });

  it('says unknown while a close is half-arrived (the trade in, the position not yet reduced)', () => {
    const open = position(MNQ, 2, 21000);
    const before = judgeAndShow('trailingDailyLoss', rules, accountState({ id: ID, positions: [open] }), {
      prices: { [MNQ]: 21100 },
      event: positionEvent(open),
    });
    const close = trade({ orderId: 9, profitAndLoss: 100, fees: 0 });
    const s = judgeAndShow('trailingDailyLoss', rules, accountState({ id: ID, trades: [close], positions: [open] }), {
      prices: { [MNQ]: 21100 },
      event: tradeEvent(close),
      memory: before.memory,
    });
    expect(s.figures).toEqual([]);
    expect(s.noted).toEqual([{ dayPnl: 'settling', contractId: MNQ }]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('the weekly limits: the meters show the week the rules judge', () => {
  it('weeklyLoss and weeklyTradeLimit', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -250, fees: 5 }), trade({ orderId: 2 })];
    const account = accountState({ id: ID, trades });
    const loss = judgeAndShow(
      'weeklyLoss',
      { weeklyLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 1500 } },
      account,
    );
    expect(loss.figures[0]).toMatchObject({ weekRealizedPnl: -255 });
    expect(loss.meter).toMatchObject({ name: 'Week’s loss', value: 255, limit: 1500 });
    const count = judgeAndShow(
      'weeklyTradeLimit',
      { weeklyTradeLimit: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 20 } },
      account,
    );
    expect(count.figures[0]).toMatchObject({ weekTrades: 2 });
    expect(count.meter).toMatchObject({ name: 'Trades this week', value: 2, limit: 20 });
  });
});
