import { cooldownAfterLossRule } from './cooldown-after-loss';
import { dailyNetLossRule } from './daily-net-loss';
import { dailyRealizedLossRule } from './daily-realized-loss';
import { maxContractsRule } from './max-contracts';
import { maxContractsPerInstrumentRule } from './max-contracts-per-instrument';
import type { BaseSettings, Rule } from './rule';
import { stopLossRequiredRule } from './stop-loss-required';
import { symbolBlocksRule } from './symbol-blocks';
import { tradeFrequencyRule } from './trade-frequency';
import { tradeManagementRule } from './trade-management';
import { tradingHoursRule } from './trading-hours';
import { tradingPermissionRule } from './trading-permission';
import { trailingDailyLossRule } from './trailing-daily-loss';
import { trailingDrawdownRule } from './trailing-drawdown';
import { unrealizedLossRule } from './unrealized-loss';
import { unrealizedProfitTargetRule } from './unrealized-profit-target';
import { weeklyLossRule } from './weekly-loss';
import { weeklyTradeLimitRule } from './weekly-trade-limit';

/**
 * The rules by config id, in docs/rules.md's order: the twelve core rules, the two firm-limit
 * guards, then TopstepX parity.
 */
export const RULES = {
  maxContracts: maxContractsRule,
  maxContractsPerInstrument: maxContractsPerInstrumentRule,
  dailyRealizedLoss: dailyRealizedLossRule,
  unrealizedLoss: unrealizedLossRule,
  unrealizedProfitTarget: unrealizedProfitTargetRule,
  tradeFrequency: tradeFrequencyRule,
  cooldownAfterLoss: cooldownAfterLossRule,
  stopLossRequired: stopLossRequiredRule,
  tradingHours: tradingHoursRule,
  tradingPermission: tradingPermissionRule,
  symbolBlocks: symbolBlocksRule,
  tradeManagement: tradeManagementRule,
  // Guards against the firm's own limits.
  dailyNetLoss: dailyNetLossRule,
  trailingDrawdown: trailingDrawdownRule,
  // Parity with TopstepX's own risk settings.
  trailingDailyLoss: trailingDailyLossRule,
  weeklyLoss: weeklyLossRule,
  weeklyTradeLimit: weeklyTradeLimitRule,
} as const;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Settings of every rule, by id (what one account's effective rules are). */
export type RuleSettingsMap = {
  [K in RuleId]: (typeof RULES)[K] extends Rule<infer S> ? S : never;
};

// Rule<S> methods are bivariant, so each rule is a Rule<BaseSettings> to the engine.
export const ALL_RULES: readonly Rule<BaseSettings>[] = RULE_IDS.map((id) => RULES[id] as Rule<BaseSettings>);
