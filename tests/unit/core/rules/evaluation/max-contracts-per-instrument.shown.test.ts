import { describe, expect, it } from 'vitest';
import { maxContractsPerInstrumentRule as rule } from '../../../../../src/core/rules/evaluation/max-contracts-per-instrument';
import { accountState, CL, ES, MNQ, position } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** maxContractsPerInstrument's meter: the symbol nearest its own limit. */

describe('maxContractsPerInstrument: its meter', () => {
  it('shows the symbol nearest its own limit, by share of the limit, not by size', () => {
    const account = accountState({ positions: [position(MNQ, 8, 100), position(ES, -3, 5000)] });
    expect(meterOf(rule, { account, settings: { limits: { MNQ: 20, ES: 4 } } })).toEqual({
      name: 'Open ES',
      value: 3,
      limit: 4,
      unit: 'contracts',
      moreThan: true,
    });
    expect(meterOf(rule, { account, settings: { limits: { MNQ: 10, ES: 6 } } })).toMatchObject({
      name: 'Open MNQ',
      value: 8,
      limit: 10,
    });
  });

  it('of two symbols equally near their limits, shows the one the account lists first', () => {
    const account = accountState({ positions: [position(MNQ, 10, 100), position(ES, -2, 5000)] });
    expect(meterOf(rule, { account, settings: { limits: { MNQ: 20, ES: 4 } } })).toMatchObject({
      name: 'Open MNQ',
      value: 10,
      limit: 20,
    });
  });

  it('shows a blocked symbol that is held before any other', () => {
    const account = accountState({ positions: [position(MNQ, 9, 100), position(CL, 1, 70)] });
    const meter = meterOf(rule, { account, settings: { limits: { MNQ: 10 }, unknown: { mode: 'block', limit: 1 } } });
    expect(meter).toMatchObject({ name: 'Open CL', value: 1, limit: 0 });
  });

  it('leaves out symbols without a limit, and shows nothing while nothing limited is open', () => {
    const account = accountState({ positions: [position(MNQ, 9, 100), position(CL, 2, 70)] });
    expect(meterOf(rule, { account, settings: { limits: { CL: 5 } } })).toMatchObject({ name: 'Open CL', value: 2 });
    expect(meterOf(rule, { account, settings: { limits: { ES: 5 } } })).toBeNull();
  });
});
