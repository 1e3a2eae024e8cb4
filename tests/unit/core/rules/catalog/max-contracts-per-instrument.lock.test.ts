import { describe, expect, it } from 'vitest';
import {
  type MaxContractsPerInstrumentSettings,
  maxContractsPerInstrumentEntry as rule,
} from '../../../../../src/core/rules/catalog/max-contracts-per-instrument';

/** A change that moves a symbol from its own limit to the one for symbols not listed. */

const settings = (s: Partial<MaxContractsPerInstrumentSettings>) =>
  rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.maxContractsPerInstrument';

describe('maxContractsPerInstrument under the commitment lock', () => {
  it('applies at once the removal of a symbol’s own limit when the limit for symbols not listed is lower: nothing waits', () => {
    const a = settings({ limits: { ES: 5 }, unknown: { mode: 'unlimited', limit: 1 } });
    const b = settings({ limits: {}, unknown: { mode: 'limit', limit: 2 } });
    const merged = rule.merge(a, b, PATH);
    expect(merged.value).toMatchObject({ limits: { ES: 2 }, unknown: { mode: 'limit', limit: 2 } });
    expect(merged.changes.map((c) => c.kind)).toEqual(['tighten']);
    expect(rule.compare(a, b)).toBe('tighten');
  });
});
