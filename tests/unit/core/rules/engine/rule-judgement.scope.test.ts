import { describe, expect, it } from 'vitest';
import { emptyEngineMemory } from '../../../../../src/core/rules/rule-memory';
import {
  accountState,
  ES,
  enforcements,
  guardState,
  position,
  positionEvent,
  tick,
  trade,
  warnings,
} from '../fixtures';
import { configOf, runEngine as run } from './engine-config';

/**
 * A settings change makes only the changed rule judge afresh: the latches and warnings of
 * every other rule stay, even one whose id starts with the changed rule's (maxContracts and
 * maxContractsPerInstrument), and the changed rule's per-symbol warnings go with the rest.
 */

const rules = (r: Record<string, unknown>) => configOf({ defaultProfile: { rules: r } });

describe('what a settings change forgets', () => {
  it('leaves the per-instrument reduction decided when only the max contracts limit changes', () => {
    const p = position(ES, 6, 5000);
    const state = guardState([accountState({ positions: [p] })]);
    const perInstrument = { mode: 'enforce', limits: { ES: 5 } };
    const first = run(
      rules({ maxContracts: { mode: 'enforce', limit: 10 }, maxContractsPerInstrument: perInstrument }),
      state,
      positionEvent(p),
      emptyEngineMemory(),
    );
    expect(enforcements(first.decisions)).toMatchObject([{ ruleId: 'maxContractsPerInstrument' }]);
    // maxContracts warned at 6 of 10, so it has judged and now judges afresh at 6 of 12.
    const second = run(
      rules({ maxContracts: { mode: 'enforce', limit: 12 }, maxContractsPerInstrument: perInstrument }),
      state,
      positionEvent(p),
      first.memory,
    );
    expect(warnings(second.decisions)).toMatchObject([{ ruleId: 'maxContracts', level: 0.5 }]);
    expect(enforcements(second.decisions)).toEqual([]);
  });

  it('keeps the daily loss warning given when only the max contracts limit changes', () => {
    const state = guardState([
      accountState({ positions: [position(ES, 6, 5000)], trades: [trade({ orderId: 1, profitAndLoss: -300 })] }),
    ]);
    const loss = { mode: 'enforce', limit: 500 };
    const first = run(
      rules({ maxContracts: { mode: 'enforce', limit: 10 }, dailyRealizedLoss: loss }),
      state,
      tick(),
      emptyEngineMemory(),
    );
    expect(warnings(first.decisions).map((d) => d.ruleId)).toEqual(['maxContracts', 'dailyRealizedLoss']);
    const second = run(
      rules({ maxContracts: { mode: 'enforce', limit: 12 }, dailyRealizedLoss: loss }),
      state,
      tick(),
      first.memory,
    );
    expect(warnings(second.decisions).map((d) => d.ruleId)).toEqual(['maxContracts']);
  });

  it('forgets the changed rule’s per-symbol warning too: the ES warning is given again at the new limit', () => {
    const p = position(ES, 2, 5000);
    const state = guardState([accountState({ positions: [p] })]);
    const at = (limit: number) => rules({ maxContractsPerInstrument: { mode: 'enforce', limits: { ES: limit } } });
    const first = run(at(4), state, positionEvent(p), emptyEngineMemory());
    expect(warnings(first.decisions)).toMatchObject([{ ruleId: 'maxContractsPerInstrument', level: 0.5 }]);
    const second = run(at(3), state, positionEvent(p), first.memory);
    expect(warnings(second.decisions)).toMatchObject([
      { ruleId: 'maxContractsPerInstrument', level: 0.5, figures: { limit: 3 } },
    ]);
  });
});
