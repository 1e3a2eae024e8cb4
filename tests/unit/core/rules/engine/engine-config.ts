import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';

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
