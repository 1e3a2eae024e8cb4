import { describe, expect, it } from 'vitest';
import {
  type MaxContractsPerInstrumentSettings,
  maxContractsPerInstrumentEntry as rule,
} from '../../../../../src/core/rules/catalog/max-contracts-per-instrument';

type Input = Partial<MaxContractsPerInstrumentSettings>;
const settings = (s: Input) => rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.maxContractsPerInstrument';

/** A change under the commitment lock: what applies now, what waits, and the comparison. */
function change(old: Input, next: Input) {
  const a = settings(old);
  const b = settings(next);
  const merged = rule.merge(a, b, PATH);
  return { now: merged.value, changes: merged.changes, compare: rule.compare(a, b) };
}
const unlimited = { mode: 'unlimited' as const, limit: 1 };
const blocked = { mode: 'block' as const, limit: 1 };
const limitOf = (limit: number) => ({ mode: 'limit' as const, limit });

describe('maxContractsPerInstrument under the commitment lock: a symbol’s limit is its entry, or the setting for symbols not listed', () => {
  it('lowers a symbol’s limit at once', () => {
    const r = change({ limits: { ES: 3 } }, { limits: { ES: 2 } });
    expect(r.now).toMatchObject({ limits: { ES: 2 }, unknown: unlimited });
    expect(r.changes).toEqual([
      {
        path: `${PATH}.limits`,
        from: { limits: { ES: 3 }, unknown: unlimited },
        to: { limits: { ES: 2 }, unknown: unlimited },
        kind: 'tighten',
      },
    ]);
    expect(r.compare).toBe('tighten');
  });

  it('raises one only at the reset, keeping the lower one meanwhile', () => {
    const r = change({ limits: { ES: 2 } }, { limits: { ES: 3 } });
    expect(r.now.limits).toEqual({ ES: 2 });
    expect(r.changes).toEqual([
      {
        path: `${PATH}.limits`,
        from: { limits: { ES: 2 }, unknown: unlimited },
        to: { limits: { ES: 3 }, unknown: unlimited },
        kind: 'loosen',
      },
    ]);
    expect(r.compare).toBe('loosen');
  });

  it('takes a new limit on a symbol with none at once, and waits to drop one', () => {
    expect(change({ limits: {} }, { limits: { NQ: 1 } })).toMatchObject({
      now: { limits: { NQ: 1 } },
      compare: 'tighten',
    });
    expect(change({ limits: { NQ: 1 } }, { limits: {} })).toMatchObject({
      now: { limits: { NQ: 1 } },
      compare: 'loosen',
    });
  });

  it('applies the tighter half of a mixed change now and lists the looser half as waiting', () => {
    const r = change({ limits: { ES: 2, NQ: 1 } }, { limits: { ES: 1, NQ: 3 } });
    expect(r.now.limits).toEqual({ ES: 1, NQ: 1 });
    expect(r.changes.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['tighten', { limits: { ES: 2, NQ: 1 }, unknown: unlimited }, { limits: { ES: 1, NQ: 1 }, unknown: unlimited }],
      ['loosen', { limits: { ES: 1, NQ: 1 }, unknown: unlimited }, { limits: { ES: 1, NQ: 3 }, unknown: unlimited }],
    ]);
    expect(r.compare).toBe('loosen');
  });

  it('sees a limit written under the exchange code (EP for ES) as the same limit: no change', () => {
    expect(change({ limits: { EP: 2 } }, { limits: { ES: 2 } })).toMatchObject({ changes: [], compare: 'same' });
    expect(change({ limits: { EP: 2 } }, { limits: { EP: 2 } })).toMatchObject({ changes: [], compare: 'same' });
  });

  it('blocks symbols not listed at once, and waits to unblock or to give them a limit', () => {
    expect(change({ unknown: unlimited }, { unknown: blocked })).toMatchObject({
      now: { unknown: blocked },
      compare: 'tighten',
    });
    expect(change({ unknown: blocked }, { unknown: limitOf(1) })).toMatchObject({
      now: { unknown: blocked },
      compare: 'loosen',
    });
    expect(change({ unknown: limitOf(2) }, { unknown: limitOf(1) })).toMatchObject({
      now: { unknown: limitOf(1) },
      compare: 'tighten',
    });
    expect(change({ unknown: limitOf(1) }, { unknown: unlimited })).toMatchObject({
      now: { unknown: limitOf(1) },
      compare: 'loosen',
    });
  });

  it('applies the same limit for symbols not listed written another way (blocked or a limit of 0) as written', () => {
    expect(change({ unknown: blocked }, { unknown: limitOf(0) }).now.unknown).toEqual(limitOf(0));
  });

  it('judges a listed symbol against the old setting for symbols not listed when it had no entry', () => {
    // Symbols not listed were limited to 1; ES gets its own limit of 2: a loosening for ES.
    const r = change({ limits: {}, unknown: limitOf(1) }, { limits: { ES: 2 }, unknown: limitOf(1) });
    expect(r.now.limits).toEqual({ ES: 1 });
    expect(r.compare).toBe('loosen');
  });

  it('keeps the rest of the block to its own orders: mode and action', () => {
    const r = change({ action: 'reduce', limits: { ES: 2 } }, { action: 'close', limits: { ES: 2 } });
    expect(r.now.action).toBe('close');
    expect(r.changes).toEqual([{ path: `${PATH}.action`, from: 'reduce', to: 'close', kind: 'tighten' }]);
  });
});

describe('maxContractsPerInstrument summary', () => {
  const summary = (s: Input) => rule.summary?.(settings(s), { reset: '17:00 CT' });

  it('says what happens above each symbol’s limit, and to symbols not listed', () => {
    expect(summary({ limits: { ES: 2 }, action: 'close', unknown: limitOf(1) })).toBe(
      'Close ES above 2 contracts; other symbols above 1 contract',
    );
    expect(summary({ limits: { ES: 2, NQ: 1 }, unknown: unlimited })).toBe(
      'Reduce ES above 2 and NQ above 1 contracts; other symbols: no limit',
    );
    expect(summary({ limits: {}, unknown: limitOf(3) })).toBe('No symbol listed; other symbols above 3 contracts');
  });
});
