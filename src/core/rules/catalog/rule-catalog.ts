import { cooldownAfterLossEntry } from './cooldown-after-loss';
import { dailyNetLossEntry } from './daily-net-loss';
import { dailyRealizedLossEntry } from './daily-realized-loss';
import { maxContractsEntry } from './max-contracts';
import { maxContractsPerInstrumentEntry } from './max-contracts-per-instrument';
import type { RuleEntry } from './rule-entry';
import { stopLossRequiredEntry } from './stop-loss-required';
import { symbolBlocksEntry } from './symbol-blocks';
import { tradeFrequencyEntry } from './trade-frequency';
import { tradeManagementEntry } from './trade-management';
import { tradingHoursEntry } from './trading-hours';
import { tradingPermissionEntry } from './trading-permission';
import { trailingDailyLossEntry } from './trailing-daily-loss';
import { trailingDrawdownEntry } from './trailing-drawdown';
import { unrealizedLossEntry } from './unrealized-loss';
import { unrealizedProfitTargetEntry } from './unrealized-profit-target';
import { weeklyLossEntry } from './weekly-loss';
import { weeklyTradeLimitEntry } from './weekly-trade-limit';

/**
 * Every rule's catalog entry by config id, in docs/rules.md's order: the twelve core rules, the
 * two firm-limit guards, then TopstepX parity. What the config schema, the commitment lock and
 * the options page know of the rules: no evaluation code is reachable from here.
 */
export const CATALOG = {
  maxContracts: maxContractsEntry,
  maxContractsPerInstrument: maxContractsPerInstrumentEntry,
  dailyRealizedLoss: dailyRealizedLossEntry,
  unrealizedLoss: unrealizedLossEntry,
  unrealizedProfitTarget: unrealizedProfitTargetEntry,
  tradeFrequency: tradeFrequencyEntry,
  cooldownAfterLoss: cooldownAfterLossEntry,
  stopLossRequired: stopLossRequiredEntry,
  tradingHours: tradingHoursEntry,
  tradingPermission: tradingPermissionEntry,
  symbolBlocks: symbolBlocksEntry,
  tradeManagement: tradeManagementEntry,
  // Guards against the firm's own limits.
  dailyNetLoss: dailyNetLossEntry,
  trailingDrawdown: trailingDrawdownEntry,
  // Parity with TopstepX's own risk settings.
  trailingDailyLoss: trailingDailyLossEntry,
  weeklyLoss: weeklyLossEntry,
  weeklyTradeLimit: weeklyTradeLimitEntry,
} as const;

export type RuleId = keyof typeof CATALOG;
export const RULE_IDS = Object.keys(CATALOG) as RuleId[];

/** Settings of every rule, by id (what one account's effective rules are). */
export type RuleSettingsMap = {
  [K in RuleId]: (typeof CATALOG)[K] extends RuleEntry<infer S> ? S : never;
};
