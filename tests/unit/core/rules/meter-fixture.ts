import type { BaseSettings } from '../../../../src/core/rules/catalog/rule-entry';
import type { ReadContext, Rule, RuleMeter } from '../../../../src/core/rules/rule';
import { emptyRuleMemory } from '../../../../src/core/rules/rule-memory';
import { accountState, CONTRACTS, DAY, health, NOW, OPTIONS, prices, type RunSpec } from './fixtures';

/** What a rule sees between events (its meter, its next deadline): no event, no writes; settings parsed as the engine does. */
export function readContext<S extends BaseSettings>(rule: Rule<S>, spec: RunSpec<S> = {}): ReadContext<S> {
  const account = spec.account ?? accountState();
  const mode = spec.mode ?? 'enforce';
  return {
    accountId: account.account.id,
    account,
    market: { contracts: CONTRACTS, prices: prices(spec.prices ?? {}) },
    settings: rule.settingsSchema.parse({ ...spec.settings, mode }),
    mode,
    now: spec.now ?? NOW,
    tradingDay: spec.tradingDay ?? DAY,
    health: health(spec.blindSince ?? null),
    options: { ...OPTIONS, ...spec.options },
    memory: spec.memory ?? emptyRuleMemory(DAY.key),
  };
}

/** A rule's popup meter, read the way the engine reads it (engine/rule-meters.ts). */
export function meterOf<S extends BaseSettings>(rule: Rule<S>, spec: RunSpec<S> = {}): RuleMeter | null {
  if (!rule.meter) throw new Error(`${rule.id} has no meter`);
  return rule.meter(readContext(rule, spec));
}
