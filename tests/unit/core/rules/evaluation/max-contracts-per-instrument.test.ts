import { describe, expect, it } from 'vitest';
import { maxContractsPerInstrumentRule as rule } from '../../../../../src/core/rules/evaluation/max-contracts-per-instrument';
import { accountState, CL, ES, enforcements, MNQ, NQ, position, positionEvent, runRule } from '../fixtures';

const ev = positionEvent(position(ES, 1, 5000));

describe('maxContractsPerInstrument', () => {
  it.each([
    { size: 1, decisions: 0 },
    { size: 2, decisions: 0 },
    { size: 3, decisions: 1 },
  ])('ES limit 2 (set under its alias EP), $size ES open → $decisions decisions', ({ size, decisions }) => {
    const account = accountState({ positions: [position(ES, size, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limits: { EP: 2 } } });
    const e = enforcements(r.decisions);
    expect(e).toHaveLength(decisions);
    if (decisions) expect(e[0]?.action).toEqual({ type: 'reduce-position', contractId: ES, maxSize: 2 });
  });

  it('closes the position instead of reducing it with the close option', () => {
    const account = accountState({ positions: [position(NQ, -3, 20000)] });
    const r = runRule(rule, { account, event: ev, settings: { limits: { NQ: 2 }, action: 'close' } });
    expect(enforcements(r.decisions)[0]?.action).toEqual({ type: 'close-position', contractId: NQ });
  });

  it.each([
    { unknown: { mode: 'block' as const, limit: 1 }, expected: { type: 'close-position', contractId: CL } },
    {
      unknown: { mode: 'limit' as const, limit: 1 },
      expected: { type: 'reduce-position', contractId: CL, maxSize: 1 },
    },
    { unknown: { mode: 'unlimited' as const, limit: 1 }, expected: null },
  ])('a root not listed follows unknown: $unknown.mode', ({ unknown, expected }) => {
    const account = accountState({ positions: [position(CL, 2, 70)] });
    const r = runRule(rule, { account, event: ev, settings: { limits: { ES: 2 }, unknown } });
    const e = enforcements(r.decisions);
    if (expected === null) expect(e).toHaveLength(0);
    else expect(e[0]?.action).toEqual(expected);
  });

  it('counts two contract months of one root together and reduces the newest first', () => {
    const older = position('CON.F.US.MNQ.Z26', 2, 100);
    const newer = position('CON.F.US.MNQ.H27', 2, 100);
    const account = accountState({
      positions: [older, newer],
      openedAt: { [older.contractId]: 1, [newer.contractId]: 2 },
    });
    const r = runRule(rule, { account, event: ev, settings: { limits: { MNQ: 3 } } });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'reduce-position', contractId: newer.contractId, maxSize: 1 },
    ]);
    expect(MNQ).toBe(older.contractId);
  });

  it('warns as a root approaches its limit', () => {
    const account = accountState({ positions: [position(ES, 4, 5000)] });
    const r = runRule(rule, { account, event: ev, settings: { limits: { ES: 5 } } });
    expect(r.decisions).toMatchObject([{ kind: 'warning', level: 0.8, figures: { root: 'ES' } }]);
  });
});
