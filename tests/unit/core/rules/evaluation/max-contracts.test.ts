import { describe, expect, it } from 'vitest';
import { maxContractsRule as rule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { accountState, ES, enforcements, MNQ, position, positionEvent, runRule, warnings } from '../fixtures';

const ev = positionEvent(position(ES, 1, 5000));

describe('maxContracts', () => {
  it.each([
    { open: 4, breach: false },
    { open: 5, breach: false },
    { open: 6, breach: true },
  ])('with a limit of 5 contracts, $open open → breach $breach', ({ open, breach }) => {
    const account = accountState({ positions: [position(ES, open, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limit: 5, counting: 'contracts' } });
    const e = enforcements(r.decisions);
    expect(e.length).toBe(breach ? 1 : 0);
    if (breach) expect(e[0]?.action).toEqual({ type: 'reduce-total', maxContracts: 5, counting: 'contracts' });
  });

  it.each([
    { micros: 10, minis: 4, breach: false },
    { micros: 11, minis: 4, breach: true },
    { micros: 9, minis: 4, breach: false },
  ])('counts micros as 0.1 in mini-equivalents: $micros MNQ + $minis ES vs 5', ({ micros, minis, breach }) => {
    const account = accountState({ positions: [position(MNQ, micros, 100), position(ES, -minis, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limit: 5, counting: 'mini' } });
    expect(enforcements(r.decisions).length).toBe(breach ? 1 : 0);
  });

  it('flattens instead of reducing when the option says so', () => {
    const account = accountState({ positions: [position(ES, 7, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limit: 5, action: 'flatten' } });
    expect(enforcements(r.decisions)[0]?.action).toEqual({ type: 'flatten' });
    expect(enforcements(r.decisions)[0]?.lockout).toBeUndefined();
  });

  it('counts a reversed position by its new size (long 2 → short 1)', () => {
    const account = accountState({ positions: [position(ES, -1, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limit: 1, counting: 'contracts' } });
    expect(enforcements(r.decisions)).toHaveLength(0);
  });

  it('in monitor mode records what it would have done, marked monitorOnly', () => {
    const account = accountState({ positions: [position(ES, 6, 5000)] });
    const r = runRule(rule, { account, event: ev, mode: 'monitor', settings: { limit: 5 } });
    expect(enforcements(r.decisions)[0]?.monitorOnly).toBe(true);
  });

  it('decides once per breach level, again when the exposure changes', () => {
    const a6 = accountState({ positions: [position(ES, 6, 5000)] });
    const first = runRule(rule, { account: a6, event: ev, settings: { limit: 5 } });
    const again = runRule(rule, { account: a6, event: ev, settings: { limit: 5 }, memory: first.memory });
    expect(enforcements(again.decisions)).toHaveLength(0);
    const a7 = accountState({ positions: [position(ES, 7, 5000)] });
    const more = runRule(rule, { account: a7, event: ev, settings: { limit: 5 }, memory: again.memory });
    expect(enforcements(more.decisions)).toHaveLength(1);
  });

  it('warns at each configured fraction once: 50 % then 80 %, never twice', () => {
    const s = { limit: 10, counting: 'contracts' as const };
    const at = (n: number, memory?: ReturnType<typeof runRule>['memory']) =>
      runRule(rule, { account: accountState({ positions: [position(ES, n, 5000)] }), event: ev, settings: s, memory });
    const r4 = at(4);
    expect(warnings(r4.decisions)).toHaveLength(0);
    const r5 = at(5, r4.memory);
    expect(warnings(r5.decisions)).toMatchObject([{ level: 0.5, fraction: 0.5 }]);
    const r6 = at(6, r5.memory);
    expect(warnings(r6.decisions)).toHaveLength(0);
    const r9 = at(9, r6.memory);
    expect(warnings(r9.decisions)).toMatchObject([{ level: 0.8 }]);
    const r4b = at(4, r9.memory);
    const r8 = at(8, r4b.memory);
    expect(warnings(r8.decisions)).toHaveLength(0);
  });

  it('gives the 95 % warning at exactly the limit (5 of 5), since the next contract breaches it', () => {
    const s = { limit: 5, counting: 'contracts' as const };
    const at = (n: number, memory?: ReturnType<typeof runRule>['memory']) =>
      runRule(rule, { account: accountState({ positions: [position(ES, n, 5000)] }), event: ev, settings: s, memory });
    const r4 = at(4);
    expect(warnings(r4.decisions)).toMatchObject([{ level: 0.8 }]);
    const r5 = at(5, r4.memory);
    expect(enforcements(r5.decisions)).toEqual([]);
    expect(warnings(r5.decisions)).toMatchObject([
      { level: 0.95, fraction: 1, figures: { openContracts: 5, limit: 5 } },
    ]);
    expect(warnings(r5.decisions)[0]?.message).toContain('the next one breaches');
  });
});

describe('max contracts under the commitment lock', () => {
  const base = rule.settingsSchema.parse({});
  it('treats counting every contract (instead of micros as tenths) as tightening, and the reverse as loosening', () => {
    expect(rule.compare({ ...base, counting: 'mini' }, { ...base, counting: 'contracts' })).toBe('tighten');
    expect(rule.compare({ ...base, counting: 'contracts' }, { ...base, counting: 'mini' })).toBe('loosen');
  });
});
