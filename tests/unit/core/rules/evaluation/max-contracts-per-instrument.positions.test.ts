import { describe, expect, it } from 'vitest';
import { maxContractsPerInstrumentRule as rule } from '../../../../../src/core/rules/evaluation/max-contracts-per-instrument';
import { accountState, ES, enforcements, NQ, position, positionEvent, runRule, tick, warnings } from '../fixtures';

const MNQ_DEC = 'CON.F.US.MNQ.Z26';
const MNQ_MAR = 'CON.F.US.MNQ.H27';

describe('maxContractsPerInstrument: positions over a limit', () => {
  it('gives way newest first, by when each was opened, whatever order the account lists them in', () => {
    const newer = position(MNQ_MAR, 2, 100);
    const older = position(MNQ_DEC, 2, 100);
    const account = accountState({
      positions: [newer, older],
      openedAt: { [older.contractId]: 1, [newer.contractId]: 2 },
    });
    const r = runRule(rule, { account, event: tick(), settings: { limits: { MNQ: 3 } } });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'reduce-position', contractId: MNQ_MAR, maxSize: 1 },
    ]);
  });

  it('takes a position it never saw open as the oldest', () => {
    const seen = position(MNQ_MAR, 2, 100);
    const unseen = position(MNQ_DEC, 2, 100);
    const account = accountState({ positions: [seen, unseen], openedAt: { [seen.contractId]: 5 } });
    const r = runRule(rule, { account, event: tick(), settings: { limits: { MNQ: 3 } } });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'reduce-position', contractId: MNQ_MAR, maxSize: 1 },
    ]);
  });

  it('with the close option, closes every month of the root, not only the newest', () => {
    const a = position(MNQ_DEC, 2, 100);
    const b = position(MNQ_MAR, 2, 100);
    const account = accountState({ positions: [a, b], openedAt: { [a.contractId]: 1, [b.contractId]: 2 } });
    const r = runRule(rule, { account, event: tick(), settings: { limits: { MNQ: 3 }, action: 'close' } });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'close-position', contractId: MNQ_DEC },
      { type: 'close-position', contractId: MNQ_MAR },
    ]);
  });

  it('says how many are open against the limit, with the figures', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 3, 5000)] }),
      event: tick(),
      settings: { limits: { ES: 2 } },
    });
    expect(enforcements(r.decisions)[0]).toMatchObject({
      reason: '3 ES open, limit 2',
      figures: { root: 'ES', size: 3, limit: 2, contractId: ES, keep: 2 },
    });
  });

  it('acts once per position and size: judged again, nothing; grown by the trader, reduced again', () => {
    const settings = { limits: { ES: 2, NQ: 1 } };
    const over = accountState({ positions: [position(ES, 3, 5000), position(NQ, 2, 20_000)] });
    const first = runRule(rule, { account: over, event: tick(), settings });
    expect(enforcements(first.decisions)).toHaveLength(2);
    expect(runRule(rule, { account: over, event: tick(), settings, memory: first.memory }).decisions).toEqual([]);
    const grown = accountState({ positions: [position(ES, 4, 5000), position(NQ, 2, 20_000)] });
    const again = runRule(rule, { account: grown, event: tick(), settings, memory: first.memory });
    expect(enforcements(again.decisions).map((d) => d.action)).toEqual([
      { type: 'reduce-position', contractId: ES, maxSize: 2 },
    ]);
  });

  it('forgets a closed position’s reduction on the next position event, and keeps the others', () => {
    const es = position(ES, 3, 5000);
    const nq = position(NQ, 2, 20_000);
    const settings = { limits: { ES: 2, NQ: 1 } };
    const first = runRule(rule, { account: accountState({ positions: [es, nq] }), event: tick(), settings });
    const esClosed = runRule(rule, {
      account: accountState({ positions: [nq] }),
      event: positionEvent({ ...es, size: 0 }),
      settings,
      memory: first.memory,
    });
    expect(Object.keys(esClosed.memory.latches)).toEqual([`maxContractsPerInstrument|${NQ}`]);
    expect(esClosed.decisions).toEqual([]);
  });
});

describe('maxContractsPerInstrument: warnings', () => {
  it('at exactly the limit, warns that the next contract breaches it', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 2, 5000)] }),
      event: tick(),
      settings: { limits: { ES: 2 } },
    });
    expect(enforcements(r.decisions)).toEqual([]);
    expect(warnings(r.decisions)).toEqual([
      expect.objectContaining({
        level: 0.95,
        fraction: 1,
        message: '2 of 2 ES open: the next one breaches the limit',
        figures: { root: 'ES', size: 2, limit: 2 },
      }),
    ]);
  });
});
