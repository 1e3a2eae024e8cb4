import { describe, expect, it } from 'vitest';
import {
  changesFor,
  comparisonOf,
  fieldwise,
  mergeField,
  mergeSettings,
  sameValue,
} from '../../../../../src/core/rules/catalog/tightness';

describe('which way a setting moves (the commitment lock)', () => {
  it('takes equal values as no change, lists and records compared by content', () => {
    expect(sameValue(3, 3)).toBe(true);
    expect(sameValue(['CL', 'NG'], ['CL', 'NG'])).toBe(true);
    expect(sameValue({ from: '09:30' }, { from: '09:30' })).toBe(true);
    expect(sameValue(['CL'], ['NG'])).toBe(false);
    expect(sameValue(3, '3')).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue({}, null)).toBe(false);
    expect(sameValue([1], 1)).toBe(false);
  });

  it('an unchanged field stays as it was, whatever its order', () => {
    for (const order of ['neutral', 'higher-looser', 'any-change-loosens', 'true-tighter'] as const) {
      expect(mergeField(order, 500, 500)).toEqual({ value: 500, kind: 'same' });
    }
  });

  it('a neutral field (a label, a warning level) applies at once either way', () => {
    expect(mergeField('neutral', 0.8, 0.5)).toEqual({ value: 0.5, kind: 'tighten' });
    expect(mergeField('neutral', 0.5, 0.8)).toEqual({ value: 0.8, kind: 'tighten' });
  });

  describe('a limit where more is looser (a loss limit, a contract cap)', () => {
    it('lowers at once and waits to be raised', () => {
      expect(mergeField('higher-looser', 500, 300)).toEqual({ value: 300, kind: 'tighten' });
      expect(mergeField('higher-looser', 500, 800)).toEqual({ value: 500, kind: 'loosen' });
    });

    it('reads no limit as the loosest: setting one applies at once, removing one waits', () => {
      expect(mergeField('higher-looser', null, 800)).toEqual({ value: 800, kind: 'tighten' });
      expect(mergeField('higher-looser', 800, null)).toEqual({ value: 800, kind: 'loosen' });
    });
  });

  describe('a number where less is looser (minutes of cooldown)', () => {
    it('lengthens at once and waits to be shortened', () => {
      expect(mergeField('lower-looser', 15, 30)).toEqual({ value: 30, kind: 'tighten' });
      expect(mergeField('lower-looser', 30, 15)).toEqual({ value: 30, kind: 'loosen' });
    });

    it('reads none as the loosest: setting one applies at once, removing one waits', () => {
      expect(mergeField('lower-looser', null, 15)).toEqual({ value: 15, kind: 'tighten' });
      expect(mergeField('lower-looser', 15, null)).toEqual({ value: 15, kind: 'loosen' });
    });
  });

  it('a switch where on is tighter (count fees) turns on at once and waits to turn off', () => {
    expect(mergeField('true-tighter', false, true)).toEqual({ value: true, kind: 'tighten' });
    expect(mergeField('true-tighter', true, false)).toEqual({ value: true, kind: 'loosen' });
  });

  describe('a list where each entry restricts (blocked symbols, holidays)', () => {
    it('adds at once and waits to remove: what applies now is both together', () => {
      expect(mergeField('more-tighter', ['CL'], ['CL', 'NG'])).toEqual({ value: ['CL', 'NG'], kind: 'tighten' });
      expect(mergeField('more-tighter', ['CL', 'NG'], ['NG'])).toEqual({ value: ['CL', 'NG'], kind: 'loosen' });
      expect(mergeField('more-tighter', ['CL'], ['NG'])).toEqual({ value: ['CL', 'NG'], kind: 'loosen' });
    });

    it('compares entries by content and reads a missing list as empty', () => {
      expect(
        mergeField('more-tighter', [{ date: '2026-12-24' }], [{ date: '2026-12-24' }, { date: '2026-12-31' }]),
      ).toEqual({
        value: [{ date: '2026-12-24' }, { date: '2026-12-31' }],
        kind: 'tighten',
      });
      expect(mergeField('more-tighter', undefined, ['CL'])).toEqual({ value: ['CL'], kind: 'tighten' });
      expect(mergeField('more-tighter', ['CL'], undefined)).toEqual({ value: ['CL'], kind: 'loosen' });
    });

    it('with the same entries in another order, changes nothing', () => {
      expect(mergeField('more-tighter', ['CL', 'NG'], ['NG', 'CL'])).toEqual({ value: ['CL', 'NG'], kind: 'same' });
    });
  });

  describe('a list where each entry permits (trading days)', () => {
    it('removes at once and waits to add: what applies now is what both allow', () => {
      expect(mergeField('fewer-tighter', [1, 2, 3], [1, 2])).toEqual({ value: [1, 2], kind: 'tighten' });
      expect(mergeField('fewer-tighter', [1, 2], [1, 2, 3])).toEqual({ value: [1, 2], kind: 'loosen' });
      expect(mergeField('fewer-tighter', [1, 2], [2, 3])).toEqual({ value: [2], kind: 'loosen' });
    });

    it('reads a missing list as empty', () => {
      expect(mergeField('fewer-tighter', undefined, [1])).toEqual({ value: [], kind: 'loosen' });
      expect(mergeField('fewer-tighter', [1], undefined)).toEqual({ value: [], kind: 'tighten' });
    });

    it('with the same entries in another order, changes nothing', () => {
      expect(mergeField('fewer-tighter', [1, 2], [2, 1])).toEqual({ value: [1, 2], kind: 'same' });
    });
  });

  it('a setting too intricate to order (a time zone) waits for the reset on any change', () => {
    expect(mergeField('any-change-loosens', 'America/Chicago', 'America/New_York')).toEqual({
      value: 'America/Chicago',
      kind: 'loosen',
    });
  });

  describe('a choice ordered loosest first (a rule’s mode: off, monitor, enforce)', () => {
    const mode = { enum: ['off', 'monitor', 'enforce'] } as const;

    it('moves towards the strict end at once, and waits to move back', () => {
      expect(mergeField(mode, 'off', 'enforce')).toEqual({ value: 'enforce', kind: 'tighten' });
      expect(mergeField(mode, 'monitor', 'enforce')).toEqual({ value: 'enforce', kind: 'tighten' });
      expect(mergeField(mode, 'enforce', 'monitor')).toEqual({ value: 'enforce', kind: 'loosen' });
    });

    it('takes an unknown old value as looser than any known one', () => {
      expect(mergeField(mode, 'paused', 'off')).toEqual({ value: 'off', kind: 'tighten' });
    });
  });

  it('leaves a field with its own merge to that merge', () => {
    const own = { merge: (old: unknown, next: unknown) => ({ value: [old, next], kind: 'loosen' as const }) };
    expect(mergeField(own, 1, 2)).toEqual({ value: [1, 2], kind: 'loosen' });
  });
});

describe('a rule’s settings, field by field', () => {
  interface Limits {
    limit: number | null;
    countFees: boolean;
    note: string;
  }
  const spec = { limit: 'higher-looser', countFees: 'true-tighter', note: 'neutral' } as const;

  it('applies what tightens now and lists what waits, each by its path', () => {
    const { value, changes } = mergeSettings<Limits>(
      spec,
      { limit: 500, countFees: true, note: 'a' },
      { limit: 800, countFees: true, note: 'b' },
      'rules.dailyRealizedLoss',
    );
    expect(value).toEqual({ limit: 500, countFees: true, note: 'b' });
    expect(changes).toEqual([
      { path: 'rules.dailyRealizedLoss.limit', from: 500, to: 800, kind: 'loosen' },
      { path: 'rules.dailyRealizedLoss.note', from: 'a', to: 'b', kind: 'tighten' },
    ]);
  });

  it('a partial tightening applies now and its loose rest waits: old → applied now, applied now → asked', () => {
    expect(changesFor('rules.symbolBlocks.roots', ['CL', 'NG'], ['CL', 'NG', 'GC'], ['NG', 'GC'])).toEqual([
      { path: 'rules.symbolBlocks.roots', from: ['CL', 'NG'], to: ['CL', 'NG', 'GC'], kind: 'tighten' },
      { path: 'rules.symbolBlocks.roots', from: ['CL', 'NG', 'GC'], to: ['NG', 'GC'], kind: 'loosen' },
    ]);
    expect(changesFor('x', 1, 1, 1)).toEqual([]);
  });

  it('compares a whole change as loosening when any part waits, tightening when all apply, same when none', () => {
    expect(comparisonOf([])).toBe('same');
    expect(comparisonOf([{ path: 'a', from: 1, to: 2, kind: 'tighten' }])).toBe('tighten');
    expect(
      comparisonOf([
        { path: 'a', from: 1, to: 2, kind: 'tighten' },
        { path: 'b', from: 1, to: 2, kind: 'loosen' },
      ]),
    ).toBe('loosen');
  });

  it('gives each rule a merge and a compare from its field orders', () => {
    const rule = fieldwise<Limits>(spec);
    const old: Limits = { limit: 500, countFees: false, note: 'a' };
    expect(rule.compare(old, { ...old, limit: 300 })).toBe('tighten');
    expect(rule.compare(old, { ...old, countFees: true, limit: 900 })).toBe('loosen');
    expect(rule.compare(old, { ...old })).toBe('same');
    expect(rule.merge(old, { ...old, limit: 300 }, 'p').changes).toEqual([
      { path: 'p.limit', from: 500, to: 300, kind: 'tighten' },
    ]);
  });
});
