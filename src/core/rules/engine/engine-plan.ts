import type { DomainEventKind } from '../../state/events';
import type { BaseSettings } from '../catalog/rule-entry';
import { effectiveRules, type GuardConfig, isMonitored } from '../config/config-schema';
import type { ActiveMode, GlobalOptions, Rule } from '../rule';
import { settingsSignature } from './rule-judgement';

/**
 * What the engine precomputes per config object (compiled once, cached by identity): global
 * options, copy-trade groups, and per account the rules to run for each event kind with
 * their effective settings. No zod and no override merging on the event path.
 */

export interface PlannedRule {
  rule: Rule<BaseSettings>;
  settings: BaseSettings;
  mode: ActiveMode;
  /** settingsSignature(settings): a change re-judges the account afresh (rule-judgement.ts). */
  sig: string;
}

export type Plan = Partial<Record<DomainEventKind, PlannedRule[]>> & {
  all: PlannedRule[];
  /** The same lists by `KIND_SLOT[kind]` (empty when none listens): an array load per account, not a keyed one. */
  bySlot: PlannedRule[][];
  /** The account memory last judged under this plan's settings: the engine skips re-checking it (rule-judgement.ts). */
  aligned: unknown;
};

/** A small number per event kind, looked up once per event. */
export const KIND_SLOT: Readonly<Record<DomainEventKind, number>> = {
  account: 0,
  order: 1,
  position: 2,
  trade: 3,
  quote: 4,
  contract: 5,
  health: 6,
  tick: 7,
};
const SLOTS = 8;

export interface Compiled {
  options: GlobalOptions;
  plans: Map<number, Plan | null>;
  groups: Map<number, number[]>;
}

/** The config's facts that are not one rule's, as every rule reads them. */
export function globalOptions(config: GuardConfig): GlobalOptions {
  return {
    countFees: config.countFees,
    countCommissions: config.countCommissions,
    failClosed: config.failClosed,
    blindGraceSec: config.blindGraceSec,
  };
}

export function createPlanner(rules: readonly Rule<BaseSettings>[]) {
  const compiledByConfig = new WeakMap<GuardConfig, Compiled>();

  function compile(config: GuardConfig): Compiled {
    let c = compiledByConfig.get(config);
    if (!c) {
      const groups = new Map<number, number[]>();
      for (const g of config.accountGroups) for (const id of g.accountIds) groups.set(id, g.accountIds);
      c = {
        options: globalOptions(config),
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
      plan = { all: [], bySlot: [], aligned: null };
      for (let i = 0; i < SLOTS; i++) plan.bySlot.push([]);
      for (const rule of rules) {
        const settings = settingsById[rule.id];
        if (!settings || settings.mode === 'off') continue;
        const planned: PlannedRule = { rule, settings, mode: settings.mode, sig: settingsSignature(settings) };
        plan.all.push(planned);
        for (const kind of rule.listensTo) {
          const list = plan[kind] ?? [];
          list.push(planned);
          plan[kind] = list;
          plan.bySlot[KIND_SLOT[kind]] = list;
        }
      }
    }
    compiled.plans.set(accountId, plan);
    return plan;
  }

  return { compile, planFor };
}
