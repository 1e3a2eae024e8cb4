import { describe, expect, it } from 'vitest';
import {
  tradingHoursEntry as rule,
  type TradingHoursSettings,
} from '../../../../../src/core/rules/catalog/trading-hours';

type Input = Partial<TradingHoursSettings>;
const settings = (s: Input) => rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.tradingHours';

function change(old: Input, next: Input) {
  const a = settings(old);
  const b = settings(next);
  const merged = rule.merge(a, b, PATH);
  return { now: merged.value, changes: merged.changes, compare: rule.compare(a, b) };
}

describe('tradingHours under the commitment lock', () => {
  it('narrows the window at once and names the change by its start', () => {
    const r = change({ start: '08:30', end: '15:10' }, { start: '09:00', end: '15:00' });
    expect(r.now).toMatchObject({ start: '09:00', end: '15:00' });
    expect(r.changes).toEqual([
      {
        path: `${PATH}.start`,
        from: { start: '08:30', end: '15:10' },
        to: { start: '09:00', end: '15:00' },
        kind: 'tighten',
      },
    ]);
    expect(r.compare).toBe('tighten');
  });

  it('waits to widen it, keeping the old window meanwhile', () => {
    const r = change({ start: '08:30', end: '15:10' }, { start: '08:00', end: '15:10' });
    expect(r.now).toMatchObject({ start: '08:30', end: '15:10' });
    expect(r.changes.map((c) => [c.path, c.kind])).toEqual([[`${PATH}.start`, 'loosen']]);
    expect(r.compare).toBe('loosen');
  });

  it('sees an unchanged window as no change', () => {
    expect(change({ start: '08:30', end: '15:10' }, { start: '08:30', end: '15:10' })).toMatchObject({
      changes: [],
      compare: 'same',
    });
  });

  describe('a symbol’s own hours', () => {
    const CL = (start: string, end: string) => ({ symbolOverrides: { CL: { start, end } } });

    it('narrows them at once', () => {
      const r = change(CL('08:00', '13:30'), CL('08:30', '13:00'));
      expect(r.now.symbolOverrides).toEqual({ CL: { start: '08:30', end: '13:00' } });
      expect(r.compare).toBe('tighten');
    });

    it('waits to widen them, and keeps them unchanged meanwhile', () => {
      const r = change(CL('08:00', '13:30'), CL('07:00', '13:30'));
      expect(r.now.symbolOverrides).toEqual({ CL: { start: '08:00', end: '13:30' } });
      expect(r.compare).toBe('loosen');
    });

    it('waits to remove them, and to add new ones (the account’s window may change in the same edit)', () => {
      const removed = change(CL('08:00', '13:30'), { symbolOverrides: {} });
      expect(removed.now.symbolOverrides).toEqual({ CL: { start: '08:00', end: '13:30' } });
      expect(removed.compare).toBe('loosen');
      const added = change({ symbolOverrides: {} }, CL('08:00', '13:30'));
      expect(added.now.symbolOverrides).toEqual({});
      expect(added.compare).toBe('loosen');
    });

    it('keeps a symbol’s unchanged hours while another’s narrow', () => {
      const r = change(
        { symbolOverrides: { CL: { start: '08:00', end: '13:30' }, NQ: { start: '08:30', end: '15:00' } } },
        { symbolOverrides: { CL: { start: '08:00', end: '13:30' }, NQ: { start: '09:00', end: '15:00' } } },
      );
      expect(r.now.symbolOverrides.CL).toEqual({ start: '08:00', end: '13:30' });
      expect(r.now.symbolOverrides.NQ).toEqual({ start: '09:00', end: '15:00' });
      expect(r.compare).toBe('tighten');
    });

    it('keeps each symbol apart: one narrowed, another widened', () => {
      const r = change(
        { symbolOverrides: { CL: { start: '08:00', end: '13:30' }, NQ: { start: '08:30', end: '15:00' } } },
        { symbolOverrides: { CL: { start: '09:00', end: '13:30' }, NQ: { start: '08:30', end: '16:00' } } },
      );
      expect(r.now.symbolOverrides).toEqual({
        CL: { start: '09:00', end: '13:30' },
        NQ: { start: '08:30', end: '15:00' },
      });
      expect(r.compare).toBe('loosen');
    });
  });
});

describe('tradingHours summary', () => {
  const summary = (s: Input) => rule.summary?.(settings(s), { reset: '17:00 CT' });

  it('says the days, the window, its zone, the holidays and each symbol’s own hours', () => {
    expect(
      summary({
        holidays: ['2026-12-24', '2026-12-25'],
        symbolOverrides: { CL: { start: '08:00', end: '13:30' }, NQ: { start: '08:30', end: '16:00' } },
      }),
    ).toBe(
      'Trade Mon–Fri 08:30–15:10 CT only, not on 2 holidays (CL 08:00–13:30 and NQ 08:30–16:00); flatten and lock outside',
    );
    expect(summary({ holidays: ['2026-12-25'], timeZone: 'America/New_York' })).toBe(
      'Trade Mon–Fri 08:30–15:10 ET only, not on 1 holiday; flatten and lock outside',
    );
  });
});
