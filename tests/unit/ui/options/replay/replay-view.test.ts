import { describe, expect, it } from 'vitest';
import { replayCsv } from '../../../../../src/ui/options/replay/replay-csv';
import { costsWords, curveVM, dayRows, headline } from '../../../../../src/ui/options/replay/replay-view';
import { breachWeek } from './replay-fixture';

describe('replay view model', () => {
  const r = breachWeek();

  it('says in one sentence what the rules would have changed, saved or cost', () => {
    expect(headline(r)).toBe(
      'Over 2 trading days (Wed, Nov 18 – Thu, Nov 19): as traded −$622.20, with these rules −$414.80: the rules would have saved $207.40.',
    );
    const cost = { ...r, totals: { ...r.totals, difference: -50 } };
    expect(headline(cost)).toMatch(/would have cost \$50\.00\.$/);
  });

  it('names the costs the figures are net of, as the config counts them live', () => {
    expect(r.costs).toEqual({ fees: true, commissions: true });
    expect(costsWords(r.costs)).toBe('after fees and commissions');
    expect(costsWords({ fees: true, commissions: false })).toBe('after fees');
    expect(costsWords({ fees: false, commissions: false })).toBe('before fees and commissions');
  });

  it('describes each day: what fired and when (in the trading day’s zone), until when, what was removed', () => {
    const [wed, thu] = dayRows(r);
    expect(wed).toMatchObject({
      day: '2026-11-18',
      account: 'TEST-50K',
      actual: -718.5,
      replayed: -511.1,
      difference: 207.4,
      removed: 4,
      locked: true,
    });
    expect(wed?.fired).toEqual([
      '10:20 dailyRealizedLoss: Realized P&L -511.1 reached the daily loss limit 500, lockout until Wed, Nov 18, 17:00',
    ]);
    expect(thu?.fired).toEqual([]);
  });

  it('draws both curves from 0 through each day’s end, 0 inside the scale', () => {
    const vm = curveVM(r, 640, 220);
    expect(vm.actual.split(' ')).toHaveLength(3);
    expect(vm.replayed.split(' ')).toHaveLength(3);
    const ys = (pts: string) => pts.split(' ').map((p) => Number(p.split(',')[1]));
    // Start at 0 (the same point for both); the lowest point is the actual curve's first day.
    expect(ys(vm.actual)[0]).toBe(ys(vm.replayed)[0]);
    expect(Math.max(...ys(vm.actual))).toBeCloseTo(vm.plot.bottom, 5);
    expect(vm.zeroY).toBeCloseTo(vm.plot.top, 5);
    expect(vm.label).toContain('as traded ends at −$622.20, with the rules at −$414.80');
  });

  it('exports the per-day table as CSV with numbers as numbers and no cell a spreadsheet would run', () => {
    const file = replayCsv(r, Date.UTC(2026, 10, 20));
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe(
      'day,account,actual_pnl,replayed_pnl,difference,fills,removed_fills,locked,cooldown,rules_fired,guard_closes,approximate',
    );
    expect(lines[1]?.startsWith('2026-11-18,TEST-50K,-718.5,-511.1,207.4,10,4,true,false,')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(file.filename).toMatch(/^risk-guard-replay-2026-11-18-to-2026-11-19-/);
    expect(file.mime).toBe('text/csv');
    const evil = { ...r, accounts: [{ id: 4100, name: '=HYPERLINK("x")', fills: 12 }] };
    expect(replayCsv(evil, 0).content.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
