import { describe, expect, it } from 'vitest';
import {
  tradeManagementEntry as rule,
  type TradeManagementSettings,
} from '../../../../../src/core/rules/catalog/trade-management';

type Settings = Partial<TradeManagementSettings>;

describe('tradeManagement summary', () => {
  const summary = (s: Settings) =>
    rule.summary?.(rule.settingsSchema.parse({ mode: 'enforce', ...s }), { reset: '17:00 CT' });

  it('says what it does in one sentence', () => {
    expect(summary({ breakevenAfterTicks: 8, breakevenOffsetTicks: 1, trailAfterTicks: null })).toBe(
      'Stop to breakeven + 1 tick after 8 ticks of profit; never loosens a stop',
    );
    expect(
      summary({ breakevenAfterTicks: 8, breakevenOffsetTicks: 0, trailAfterTicks: 16, trailDistanceTicks: 1 }),
    ).toBe('Stop to breakeven after 8 ticks of profit; trail it 1 tick behind after 16 ticks; never loosens a stop');
    expect(summary({ breakevenAfterTicks: null, trailAfterTicks: 1, trailDistanceTicks: 8 })).toBe(
      'Trail it 8 ticks behind after 1 tick; never loosens a stop',
    );
    expect(summary({ breakevenAfterTicks: null, trailAfterTicks: null })).toBe('Nothing set');
  });
});
