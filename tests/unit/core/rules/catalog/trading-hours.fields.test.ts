import { describe, expect, it } from 'vitest';
import {
  tradingHoursEntry as rule,
  type TradingHoursSettings,
} from '../../../../../src/core/rules/catalog/trading-hours';

/** tradingHours' settings beyond the window: the time zone it is checked against, and how other changes are named. */

type Input = Partial<TradingHoursSettings>;
const settings = (s: Input) => rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.tradingHours';

describe('tradingHours settings', () => {
  it('takes a time zone the browser knows, and refuses another with a word on what to do', () => {
    expect(settings({ timeZone: 'Europe/London' }).timeZone).toBe('Europe/London');
    const r = rule.settingsSchema.safeParse({ timeZone: 'Mars/Olympus_Mons' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['pick a time zone from the list']);
  });

  it('names a change of another field by that field, not by the window’s start', () => {
    const merged = rule.merge(settings({}), settings({ holidays: ['2026-12-24'] }), PATH);
    expect(merged.changes).toEqual([{ path: `${PATH}.holidays`, from: [], to: ['2026-12-24'], kind: 'tighten' }]);
  });

  it('gives a symbol whose own hours are still waiting to be added no hours of its own meanwhile', () => {
    const merged = rule.merge(
      settings({}),
      settings({ symbolOverrides: { CL: { start: '08:00', end: '13:30' } } }),
      PATH,
    );
    expect(Object.keys(merged.value.symbolOverrides)).toEqual([]);
  });
});
