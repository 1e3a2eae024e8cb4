import type { AccountState, GuardState } from '../state/account-state';
import type { DomainEvent, DomainEventKind } from '../state/events';
import { ALL_RULES } from './all-rules';
import { effectiveRules, type GuardConfig, isMonitored } from './config-schema';
import type { Decision, Figures } from './decision';
import type { ActiveMode, BaseSettings, GlobalOptions, Rule, RuleContext, TradingDayInfo } from './rule';
import { copyRuleMemory, type EngineMemory, emptyRuleMemory, type RuleMemory } from './rule-memory';

/**
 * The rule engine: routes one event to the affected accounts and runs the rules that listen
 * to its kind, with each account's effective settings. Pure: memory comes in and goes out
 * (copy-on-write per account; unchanged memory comes back as the same object, so the caller
 * persists only when `result.memory !== input.memory`). Config is compiled once per config
 * object (no zod on the event path).
 *
 * Routing: account/order/position/trade → that account; quote/contract → accounts with a
 * position in that contract; health/tick → every account in state. Unmonitored accounts and
 * rules in mode 'off' are skipped. A lockout decided for one account of a group is mirrored
 * to the group's other monitored accounts (copy-trade awareness).
 */

export interface EngineInput {
  config: GuardConfig;
  state: GuardState;
  memory: EngineMemory;
  event: DomainEvent;
  now: number;
  tradingDay: TradingDayInfo;
}

export interface RuleNote {
  ruleId: string;
  accountId: number;
  figures: Figures;
}

export interface EngineResult {
  decisions: Decision[];
  memory: EngineMemory;
  /** Figures for the views that decide nothing (e.g. unrealized P&L unknown). */
  notes: RuleNote[];
}

interface PlannedRule {
  rule: Rule<BaseSettings>;
  settings: BaseSettings;
  mode: ActiveMode;
}

type Plan = Partial<Record<DomainEventKind, PlannedRule[]>> & { all: PlannedRule[] };

interface Compiled {
  options: GlobalOptions;
  plans: Map<number, Plan | null>;
  groups: Map<number, number[]>;
}

export interface RuleEngine {
  evaluate(input: EngineInput): EngineResult;
  /** Earliest epoch ms at which some rule needs a 'tick' (arm an alarm for it), or null. */
  nextDeadline(input: Omit<EngineInput, 'event'>): number | null;
}

const NO_NOTES: RuleNote[] = [];

export function createRuleEngine(options: { rules?: readonly Rule<BaseSettings>[] } = {}): RuleEngine {
  const rules = options.rules ?? ALL_RULES;
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

  function affectedAccounts(state: GuardState, event: DomainEvent): AccountState[] {
    const byId = (id: number) => {
      const a = state.accounts[String(id)];
      return a ? [a] : [];
    };
    switch (event.kind) {
      case 'account':
        return byId(event.account.id);
      case 'order':
        return byId(event.order.accountId);
      case 'position':
        return byId(event.position.accountId);
      case 'trade':
        return byId(event.trade.accountId);
      case 'quote':
      case 'contract': {
        const contractId = event.kind === 'quote' ? event.contractId : event.contract.id;
        const out: AccountState[] = [];
        for (const id in state.accounts) {
          const a = state.accounts[id];
          if (a?.positions[contractId]) out.push(a);
        }
        return out;
      }
      case 'health':
      case 'tick':
        return Object.values(state.accounts);
    }
  }

  /** Memory of one account for this trading day: a new day forgets the day's warnings and expired latches. */
  function dayMemory(base: RuleMemory | undefined, tradingDay: TradingDayInfo, now: number, sweep: boolean) {
    if (!base) return { memory: emptyRuleMemory(tradingDay.key), changed: true };
    if (base.day === tradingDay.key && !sweep) return { memory: base, changed: false };
    const m = copyRuleMemory(base);
    let changed = false;
    if (m.day !== tradingDay.key) {
      m.day = tradingDay.key;
      m.warned = {};
      changed = true;
    }
    for (const key in m.latches) {
      const l = m.latches[key];
      if (l && l.until !== 0 && l.until <= now) {
        delete m.latches[key];
        changed = true;
      }
    }
    return { memory: changed ? m : base, changed };
  }

  function evaluate(input: EngineInput): EngineResult {
    const { config, state, event, now, tradingDay } = input;
    const compiled = compile(config);
    let accountsMemory: Record<string, RuleMemory> | null = null;
    let decisions: Decision[] | null = null;
    let notes: RuleNote[] | null = null;
    const sweep = event.kind === 'tick';
    for (const account of affectedAccounts(state, event)) {
      const accountId = account.account.id;
      const plan = planFor(config, compiled, accountId);
      const list = plan?.[event.kind];
      if (!list || list.length === 0) continue;
      const key = String(accountId);
      const day = dayMemory(input.memory.accounts[key], tradingDay, now, sweep);
      let draft: RuleMemory | null = day.changed ? day.memory : null;
      const ctx: RuleContext<BaseSettings> & { memory: RuleMemory } = {
        accountId,
        account,
        market: state,
        settings: list[0]?.settings as BaseSettings,
        mode: 'enforce',
        now,
        event,
        tradingDay,
        health: state.health,
        options: compiled.options,
        memory: day.memory,
        write() {
          if (!draft) {
            draft = copyRuleMemory(day.memory);
            ctx.memory = draft;
          }
          return draft;
        },
        note(ruleId, figures) {
          notes ??= [];
          notes.push({ ruleId, accountId, figures });
        },
      };
      for (const planned of list) {
        ctx.settings = planned.settings;
        ctx.mode = planned.mode;
        const out = planned.rule.evaluate(ctx);
        if (out.length > 0) {
          decisions ??= [];
          for (const d of out) decisions.push(d);
        }
      }
      if (draft) {
        accountsMemory ??= { ...input.memory.accounts };
        accountsMemory[key] = draft;
      }
    }
    if (decisions && compiled.groups.size > 0) decisions = mirrorGroupLockouts(config, compiled, state, decisions);
    return {
      decisions: decisions ?? [],
      memory: accountsMemory ? { ...input.memory, accounts: accountsMemory } : input.memory,
      notes: notes ?? NO_NOTES,
    };
  }

  function mirrorGroupLockouts(config: GuardConfig, compiled: Compiled, state: GuardState, decisions: Decision[]) {
    const out = [...decisions];
    for (const d of decisions) {
      if (d.kind !== 'enforce' || !d.lockout || d.lockout.scope.type !== 'account') continue;
      for (const member of compiled.groups.get(d.accountId) ?? []) {
        if (member === d.accountId || !isMonitored(config, member) || !state.accounts[String(member)]) continue;
        out.push({
          ...d,
          accountId: member,
          action: { type: 'flatten' },
          reason: `Group lockout from account ${d.accountId}: ${d.reason}`,
          figures: { ...d.figures, sourceAccountId: d.accountId },
        });
      }
    }
    return out;
  }

  function nextDeadline(input: Omit<EngineInput, 'event'>): number | null {
    const { config, state, now, tradingDay } = input;
    const compiled = compile(config);
    let next: number | null = null;
    for (const key in state.accounts) {
      const account = state.accounts[key];
      if (!account) continue;
      const plan = planFor(config, compiled, account.account.id);
      if (!plan) continue;
      const memory = input.memory.accounts[key] ?? emptyRuleMemory(tradingDay.key);
      for (const planned of plan.all) {
        if (!planned.rule.nextDeadline) continue;
        const due = planned.rule.nextDeadline({
          accountId: account.account.id,
          account,
          market: state,
          settings: planned.settings,
          mode: planned.mode,
          now,
          tradingDay,
          health: state.health,
          options: compiled.options,
          memory,
        });
        if (due !== null && (next === null || due < next)) next = due;
      }
    }
    return next;
  }

  return { evaluate, nextDeadline };
}
