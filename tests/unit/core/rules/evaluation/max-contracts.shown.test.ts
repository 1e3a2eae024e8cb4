import { describe, expect, it } from 'vitest';
import { maxContractsRule as rule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { accountState, ES, enforcements, MNQ, position, runRule, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of maxContracts: its meter and its words. */

const open = accountState({ positions: [position(ES, 1, 5000), position(MNQ, -5, 100)] });

describe('maxContracts: its meter', () => {
  it('shows the open contracts in mini-equivalents (a micro counts 0.1), and says so', () => {
    expect(meterOf(rule, { account: open, settings: { limit: 3, counting: 'mini' } })).toEqual({
      name: 'Open contracts (mini-eq.)',
      value: 1.5,
      limit: 3,
      unit: 'contracts',
      moreThan: true,
    });
  });

  it('shows every contract as one when counting contracts', () => {
    expect(meterOf(rule, { account: open, settings: { limit: 8, counting: 'contracts' } })).toMatchObject({
      name: 'Open contracts',
      value: 6,
    });
  });
});

describe('maxContracts: what it says', () => {
  it('warns with the open contracts and the limit', () => {
    const r = runRule(rule, { account: open, settings: { limit: 12, counting: 'contracts' } });
    expect(warnings(r.decisions)).toMatchObject([{ message: '6 of 12 contracts open' }]);
  });

  it('says how many are open against the limit', () => {
    const r = runRule(rule, { account: open, settings: { limit: 5, counting: 'contracts' } });
    expect(enforcements(r.decisions)[0]?.reason).toBe('6 contracts open, limit 5');
  });
});
