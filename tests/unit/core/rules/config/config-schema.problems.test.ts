import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../src/core/rules/config/config-schema';

/** Problems of a rejected config, each by its path and in words. */

const problemsOf = (input: unknown) => {
  const r = parseConfig(input);
  return r.ok ? [] : r.problems;
};

describe('config schema: problems by path', () => {
  it.each(['42a', 'a42', '4 2'])('rejects per-account rules under "%s", which is not an account number', (key) => {
    expect(problemsOf({ accountOverrides: { [key]: { rules: {} } } })).toEqual([
      { path: `accountOverrides.${key}`, message: 'an account number' },
    ]);
  });

  it('rejects a document that is not a group of settings at all, naming the root', () => {
    expect(problemsOf('limits please')).toEqual([{ path: '(root)', message: 'this group of settings is missing' }]);
  });

  it.each([
    {
      what: 'a per-account rule block that is not a group of settings',
      input: { accountOverrides: { '42': { rules: { maxContracts: 5 } } } },
      problem: { path: 'accountOverrides.42.rules.maxContracts', message: 'this group of settings is missing' },
    },
    {
      what: 'monitored accounts that are neither "all" nor a list',
      input: { monitoredAccountIds: 'some' },
      problem: { path: 'monitoredAccountIds', message: 'enter a list' },
    },
  ])('names the problem of the setting, not of "absent" or "all", for $what', ({ input, problem }) => {
    expect(problemsOf(input)).toEqual([problem]);
  });
});
