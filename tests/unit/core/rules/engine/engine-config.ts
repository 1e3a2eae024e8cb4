import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { createRuleEngine, type EngineResult } from '../../../../../src/core/rules/engine/engine';
import { type EngineMemory, emptyEngineMemory } from '../../../../../src/core/rules/rule-memory';
import type { GuardState } from '../../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../../src/core/state/events';
import { DAY, NOW } from '../fixtures';

/** Config for the engine specs: parsed as the options page would save it, or the test stops with every problem. */
export function configOf(input: unknown): GuardConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** Only the rules named are in force (the ones on by default switched off), plus any other config fields. */
export function only(rules: Record<string, unknown>, extra: Record<string, unknown> = {}): GuardConfig {
  const off = Object.fromEntries(
    [
      'maxContracts',
      'maxContractsPerInstrument',
      'dailyRealizedLoss',
      'unrealizedLoss',
      'unrealizedProfitTarget',
      'tradeFrequency',
      'cooldownAfterLoss',
      'stopLossRequired',
      'tradingHours',
      'tradingPermission',
      'symbolBlocks',
      'tradeManagement',
    ].map((id) => [id, { mode: 'off' }]),
  );
  return configOf({ defaultProfile: { rules: { ...off, ...rules } }, ...extra });
}

const engine = createRuleEngine();

/** One evaluation by the spec file's engine at the fixtures' day and time; no memory given: a first event. */
export function runEngine(
  config: GuardConfig,
  state: GuardState,
  event: DomainEvent,
  memory: EngineMemory = emptyEngineMemory(),
  now: number = NOW,
): EngineResult {
  return engine.evaluate({ config, state, memory, event, now, tradingDay: DAY });
}
