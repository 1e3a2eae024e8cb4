import { describe, expect, it } from 'vitest';
import { money } from '../../../../src/core/rules/measures/money';
import { accountState, MNQ, position, trade } from '../../core/rules/fixtures';

import { ID, judgeAndShow, WARN_ALWAYS } from './judge-and-show';

/**
 * The popup's open-P&L meters show what the rules judge, and unknown where a rule judges
 * nothing (an unknown price) rather than a number the rule does not stand behind.
 */

describe('the open-P&L rules: the meter shows what the rule judges, unknown when it cannot', () => {
  it('unrealizedLoss: the account’s open loss against its total', () => {
    const s = judgeAndShow(
      'unrealizedLoss',
      { unrealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, perPosition: null, total: 800 } },
      accountState({ id: ID, positions: [position(MNQ, 2, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    // 2 MNQ long from 21000, last 20900: 400 ticks × $0.50 × 2 = −$400.
    expect(s.figures[0]).toMatchObject({ unrealizedPnl: -400, limit: 800 });
    expect(s.meter).toMatchObject({ name: 'Open loss', value: 400, limit: 800 });
  });

  it('unrealizedLoss: the worst position against the per-position limit when no total is set', () => {
    const s = judgeAndShow(
      'unrealizedLoss',
      { unrealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, perPosition: 300, total: null } },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    expect(s.figures[0]).toMatchObject({ unrealizedPnl: -200, limit: 300 });
    expect(s.meter).toMatchObject({ name: 'Open loss, worst position', value: 200, limit: 300 });
  });

  it('unrealizedProfitTarget: unknown without a price, as the rule notes', () => {
    const s = judgeAndShow(
      'unrealizedProfitTarget',
      { unrealizedProfitTarget: { mode: 'enforce', warnAt: WARN_ALWAYS, total: 1000 } },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
    );
    expect(s.noted).toEqual([{ unrealizedPnl: 'unknown', contractId: MNQ }]);
    expect(s.meter).toMatchObject({ value: null, limit: 1000 });
  });

  it('dailyNetLoss: realized and open P&L against the firm’s limit less the buffer', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -300, fees: 2 })];
    const s = judgeAndShow(
      'dailyNetLoss',
      { dailyNetLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, firmLimit: 1000, buffer: 100 } },
      accountState({ id: ID, trades, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    // −$300 realized, $2 fees, −$200 open.
    expect(s.figures[0]).toMatchObject({ netPnl: -502, limit: 900 });
    expect(s.meter).toMatchObject({ name: 'Net loss today', value: 502, limit: 900 });
  });

  it('trailingDrawdown: how far equity is below the end-of-day high, against the distance to the guard', () => {
    const s = judgeAndShow(
      'trailingDrawdown',
      {
        trailingDrawdown: {
          mode: 'enforce',
          warnAt: WARN_ALWAYS,
          startingBalance: 50_000,
          maxLoss: 2000,
          buffer: 200,
          highEodSeed: 50_500,
        },
      },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    const f = s.figures[0] as { equity: number; guardLevel: number; highEod: number };
    // Balance $50,000, open −$200: equity $49,800; level min(50,500 − 2,000, 50,000) + 200 = $48,700.
    expect(f).toMatchObject({ equity: 49_800, guardLevel: 48_700, highEod: 50_500 });
    expect(s.meter).toMatchObject({
      name: 'Below the end-of-day high',
      value: money(f.highEod - f.equity),
      limit: money(f.highEod - f.guardLevel),
    });
  });
});
