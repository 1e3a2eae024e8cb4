import type { AccountState, GuardState } from '../../state/account-state';
import type { BaseSettings } from '../catalog/rule-entry';
import { effectiveRules, type GuardConfig, isMonitored } from '../config/config-schema';
import { ALL_RULES } from '../evaluation/all-rules';
import type { ActiveMode, RuleMeter, TradingDayInfo } from '../rule';
import { emptyRuleMemory, type RuleMemory } from '../rule-memory';
import { globalOptions } from './engine-plan';

/**
 * The popup's meters: each rule in force for the account shows the meter it defines
 * (`Rule.meter`), read from the account and the rule's memory as the engine left them, with
 * the settings the engine judges with. Rules that are off, accounts the guard does not
 * monitor, and rules without a figure to show have none. A meter that throws is left out: its
 * rule's failure is reported by the engine and shown as *error*.
 */

export interface AccountMeter extends RuleMeter {
  ruleId: string;
  /** Warning fractions of the limit, e.g. [0.5, 0.8, 0.95]. */
  warnAt: number[];
  mode: ActiveMode;
}

export interface MeterInput {
  config: GuardConfig;
  state: Pick<GuardState, 'contracts' | 'prices' | 'health'>;
  /** The account's rule memory, as the engine last left it. */
  memory: RuleMemory | undefined;
  now: number;
  tradingDay: TradingDayInfo;
}

export function accountMeters(input: MeterInput, account: AccountState, rules = ALL_RULES): AccountMeter[] {
  const accountId = account.account.id;
  if (!isMonitored(input.config, accountId)) return [];
  const settingsById = effectiveRules(input.config, accountId) as unknown as Record<string, BaseSettings | undefined>;
  const options = globalOptions(input.config);
  const memory = input.memory ?? emptyRuleMemory(input.tradingDay.key);
  const out: AccountMeter[] = [];
  for (const rule of rules) {
    const settings = settingsById[rule.id];
    if (!rule.meter || !settings || settings.mode === 'off') continue;
    let meter: RuleMeter | null;
    try {
      meter = rule.meter({
        accountId,
        account,
        market: input.state,
        settings,
        mode: settings.mode,
        now: input.now,
        tradingDay: input.tradingDay,
        health: input.state.health,
        options,
        memory,
      });
    } catch {
      meter = null;
    }
    if (meter) out.push({ ruleId: rule.id, ...meter, warnAt: settings.warnAt, mode: settings.mode });
  }
  return out;
}
