import type { DomainEventKind } from '../state/events';
import { effectiveRules, type GuardConfig, isMonitored } from './config-schema';
import type { ActiveMode, BaseSettings, GlobalOptions, Rule } from './rule';

/**
 * What the engine precomputes per config object (compiled once, cached by identity): global
 * options, copy-trade groups, and per account the rules to run for each event kind with
 * their effective settings. No zod and no override merging on the event path.
 */

export interface PlannedRule {
  rule: Rule<BaseSettings>;
  settings: BaseSettings;
  mode: ActiveMode;
}

export type Plan = Partial<Record<DomainEventKind, PlannedRule[]>> & { all: PlannedRule[] };

export interface Compiled {
  options: GlobalOptions;
  plans: Map<number, Plan | null>;
  groups: Map<number, number[]>;
}

export function createPlanner(rules: readonly Rule<BaseSettings>[]) {
  const compiledByConfig = new WeakMap<GuardConfig, Compiled>();

  function compile(config: GuardConfig): Compiled {
    let c = compiledByConfig.get(config);
    if (!c) {
      const groups = new Map<number, number[]>();
      for (const g of config.accountGroups) for (const id of g.accountIds) groups.set(id, g.accountIds);
      c = {
        options: { countFees: config.countFees, failClosed: config.failClosed, blindGraceSec: config.blindGraceSec },
        plans: new Map(),
        groups,
      };
      compiledByConfig.set(config, c);
    }
    return c;
  }

  function planFor(config: GuardConfig, compiled: Compiled, accountId: number): Plan | null {
    let plan = compiled.plans.get(accountId);
    if (plan !== undefined) return plan;
    plan = null;
    if (isMonitored(config, accountId)) {
      const settingsById = effectiveRules(config, accountId) as unknown as Record<string, BaseSettings | undefined>;
      plan = { all: [] };
      for (const rule of rules) {
        const settings = settingsById[rule.id];
        if (!settings || settings.mode === 'off') continue;
        const planned: PlannedRule = { rule, settings, mode: settings.mode };
        plan.all.push(planned);
        for (const kind of rule.listensTo) {
          const list = plan[kind] ?? [];
          list.push(planned);
          plan[kind] = list;
        }
      }
    }
    compiled.plans.set(accountId, plan);
    return plan;
  }

  return { compile, planFor };
}
