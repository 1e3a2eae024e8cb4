import { describe, expect, it } from 'vitest';
import { change, config } from './lock-fixtures';

/** Per-account rule blocks under the commitment lock: what the account had against what it would have. */

describe('commitment lock: per-account overrides', () => {
  it('lists a change of the default profile once, not again under an account that overrides other rules', () => {
    const override = { '42': { rules: { maxContracts: { limit: 2 } } } };
    const active = config({
      defaultProfile: { rules: { dailyRealizedLoss: { limit: 500 } } },
      accountOverrides: override,
    });
    const proposed = config({
      defaultProfile: { rules: { dailyRealizedLoss: { limit: 800 } } },
      accountOverrides: override,
    });
    const r = change(active, proposed);
    expect(r.changes).toEqual([
      { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 800, kind: 'loosen' },
    ]);
    expect(r.active.accountOverrides).toEqual(proposed.accountOverrides);
  });

  it('drops at once an override the trader removes when it only repeated the default', () => {
    const profile = { rules: { maxContracts: { limit: 4 } } };
    const active = config({ defaultProfile: profile, accountOverrides: { '42': profile } });
    const proposed = config({ defaultProfile: profile });
    const r = change(active, proposed);
    expect(r.active).toEqual(proposed);
    expect(r.active.accountOverrides).toEqual({});
    expect(r.pending).toBeNull();
    expect(r.changes).toEqual([]);
  });

  it('keeps an override the trader adds even when it repeats the default: the account is pinned as saved', () => {
    const profile = { rules: { maxContracts: { limit: 4 } } };
    const active = config({ defaultProfile: profile });
    const pinned = config({ defaultProfile: profile, accountOverrides: { '42': profile } });
    const r = change(active, pinned);
    expect(r.active).toEqual(pinned);
    expect(r.active.accountOverrides['42']?.rules.maxContracts).toEqual(pinned.defaultProfile.rules.maxContracts);
    expect(r.pending).toBeNull();
  });
});
