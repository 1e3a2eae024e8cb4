import { RULE_IDS, type RuleId, type RuleSettingsMap } from '../catalog/rule-catalog';
import type { BaseSettings } from '../catalog/rule-entry';
import type { Rule } from '../rule';
import { cooldownAfterLossRule } from './cooldown-after-loss';
import { dailyNetLossRule } from './daily-net-loss';
import { dailyRealizedLossRule } from './daily-realized-loss';
import { maxContractsRule } from './max-contracts';
import { maxContractsPerInstrumentRule } from './max-contracts-per-instrument';
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
 * The rules the engine runs, by config id: each catalog entry joined with its evaluation, in
 * the catalog's order (../catalog/rule-catalog.ts). Typed by the catalog, so a rule missing
 * here, or one the catalog does not list, fails the typecheck.
 */
export const RULES: { readonly [K in RuleId]: Rule<RuleSettingsMap[K]> } = {
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
};

// Rule<S> methods are bivariant, so each rule is a Rule<BaseSettings> to the engine.
export const ALL_RULES: readonly Rule<BaseSettings>[] = RULE_IDS.map((id) => RULES[id] as Rule<BaseSettings>);
