import { describe, expect, it } from 'vitest';
import type { BaseSettings } from '../../../../../src/core/rules/catalog/rule-entry';
import { createRuleEngine, type EngineInput } from '../../../../../src/core/rules/engine/engine';
import { dailyRealizedLossRule } from '../../../../../src/core/rules/evaluation/daily-realized-loss';
import { maxContractsRule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { unrealizedLossRule } from '../../../../../src/core/rules/evaluation/unrealized-loss';
import type { Rule } from '../../../../../src/core/rules/rule';
import { emptyEngineMemory, emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import {
  ACCOUNT,
  accountState,
  DAY,
  ES,
  enforcements,
  guardState,
  NOW,
  position,
  positionEvent,
  trade,
  tradeEvent,
} from '../fixtures';
import { only } from './engine-config';

/**
 * A rule that throws mid-way: what it half-wrote is dropped (its decision never reached the
 * trader, so it must decide again once it works), and what the rules before it decided stays
 * decided (no second action on the next event).
 */

const rules = (...list: unknown[]) => list as Rule<BaseSettings>[];
const at = (input: Omit<EngineInput, 'now' | 'tradingDay'>): EngineInput => ({ ...input, now: NOW, tradingDay: DAY });

describe('a failing rule and the memory', () => {
  it('keeps what a rule before the failing one decided: the reduction is not asked for twice', () => {
    const boom = {
      ...unrealizedLossRule,
      evaluate: (): never => {
        throw new TypeError('cannot read tickSize');
      },
    };
    // maxContracts runs first, then the failing rule, on the same position events.
    const engine = createRuleEngine({ rules: rules(maxContractsRule, boom) });
    const config = only({
      maxContracts: { mode: 'enforce', limit: 5, counting: 'contracts' },
      unrealizedLoss: { mode: 'enforce', perPosition: 100 },
    });
    const small = position(ES, 1, 5000);
    const big = position(ES, 6, 5000);
    const calm = engine.evaluate(
      at({
        config,
        state: guardState([accountState({ positions: [small] })]),
        memory: emptyEngineMemory(),
        event: positionEvent(small),
      }),
    );
    const over = guardState([accountState({ positions: [big] })]);
    const breach = engine.evaluate(at({ config, state: over, memory: calm.memory, event: positionEvent(big) }));
    expect(enforcements(breach.decisions)).toMatchObject([
      { ruleId: 'maxContracts', action: { type: 'reduce-total' } },
    ]);
    const again = engine.evaluate(at({ config, state: over, memory: breach.memory, event: positionEvent(big) }));
    expect(again.decisions).toEqual([]);
  });

  it('drops what a rule wrote before it threw: once it works again it flattens for the loss it saw', () => {
    // The rule decides (and latches "flattened today"), then throws: the decision is lost with it.
    const throwsAfterDeciding = {
      ...dailyRealizedLossRule,
      evaluate: (ctx: Parameters<typeof dailyRealizedLossRule.evaluate>[0]): never => {
        dailyRealizedLossRule.evaluate(ctx);
        throw new Error('could not word the reason');
      },
    };
    const config = only({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    const t = trade({ orderId: 1, profitAndLoss: -150 });
    const state = guardState([accountState({ trades: [t] })]);
    // Today's memory already stored: the failing rule is the first to write on this event.
    const stored = { accounts: { [String(ACCOUNT)]: emptyRuleMemory(DAY.key) } };
    const failed = createRuleEngine({ rules: rules(throwsAfterDeciding) }).evaluate(
      at({ config, state, memory: stored, event: tradeEvent(t) }),
    );
    expect(failed.decisions).toEqual([]);
    expect(failed.failures).toMatchObject([
      { ruleId: 'dailyRealizedLoss', message: 'Error: could not word the reason' },
    ]);
    const healthy = createRuleEngine().evaluate(at({ config, state, memory: failed.memory, event: tradeEvent(t) }));
    expect(enforcements(healthy.decisions)).toMatchObject([
      { ruleId: 'dailyRealizedLoss', action: { type: 'flatten' }, monitorOnly: false },
    ]);
    expect(healthy.memory.accounts[String(ACCOUNT)]?.failed).toEqual({});
  });
});
