import type { AccountState, GuardState } from '../../state/account-state';
import type { DomainEvent } from '../../state/events';
import type { BaseSettings } from '../catalog/rule-entry';
import type { GuardConfig } from '../config/config-schema';
import type { Decision, Figures } from '../decision';
import { ALL_RULES } from '../evaluation/all-rules';
import { computeUnrealized } from '../measures/unrealized';
import type { ActiveMode, GlobalOptions, Rule, RuleContext, TradingDayInfo, UnrealizedSummary } from '../rule';
import { copyRuleMemory, type EngineMemory, emptyRuleMemory, type RuleMemory } from '../rule-memory';
import { createPlanner, KIND_SLOT, type Plan, type PlannedRule } from './engine-plan';
import { createRouter } from './engine-routing';
import { mirrorGroupLockouts } from './group-lockouts';
import { anyFailed, clearFailure, NO_FAILURES, type RuleFailure, recordFailure } from './rule-failures';
import { alignJudgement, stampJudgement } from './rule-judgement';

export type { RuleFailure } from './rule-failures';

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
 *
 * A rule whose settings changed since it last judged an account forgets its latches and
 * warnings first (rule-judgement.ts). A rule that throws decides nothing for that account and
 * event, and nothing else is lost: the other rules decide as usual, the failure is remembered
 * per account (`memory.failed`, shown as *error*) and reported once in `failures` until the
 * rule works again.
 *
 * Wiring (the worker): persist `result.memory` with the state before acting on decisions;
 * after each non-quote event and on every alarm, arm an alarm at `nextDeadline(...)` and feed
 * a `{ kind: 'tick' }` event when it fires (late is fine: deadlines are "at or after"); at the
 * trading-day reset, promote the pending config (../config/commitment-lock.ts) and feed a tick.
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
  /** Rules that started failing on this event (journal them); empty almost always. */
  failures: RuleFailure[];
}

export interface RuleEngine {
  evaluate(input: EngineInput): EngineResult;
  /** Earliest epoch ms at which some rule needs a 'tick' (arm an alarm for it), or null. */
  nextDeadline(input: Omit<EngineInput, 'event'>): number | null;
}

const NO_NOTES: RuleNote[] = [];
export function createRuleEngine(options: { rules?: readonly Rule<BaseSettings>[] } = {}): RuleEngine {
  const rules = options.rules ?? ALL_RULES;
  const { compile, planFor } = createPlanner(rules);

  // Routing: which accounts an event concerns (engine-routing.ts), in two reused arrays.
  const { affectedAccounts, targets, targetStates } = createRouter();

  /** A new trading day forgets the day's warnings; expired latches go at day change and on ticks. */
  function refreshDay(base: RuleMemory, tradingDay: TradingDayInfo, now: number): RuleMemory | null {
    let m: RuleMemory | null = null;
    if (base.day !== tradingDay.key) {
      m = copyRuleMemory(base);
      m.day = tradingDay.key;
      m.warned = {};
    }
    for (const key in base.latches) {
      const l = base.latches[key];
      if (l && l.until !== 0 && l.until <= now) {
        m ??= copyRuleMemory(base);
        delete m.latches[key];
      }
    }
    return m;
  }

  // One context object and one per-account scratch, reused for every account and event:
  // evaluate is synchronous and rules never keep the context, so nothing is allocated per
  // account on the hot path (a quote reaches every account holding the contract).
  let base: RuleMemory = emptyRuleMemory();
  let draft: RuleMemory | null = null;
  let notes: RuleNote[] | null = null;
  let failures: RuleFailure[] | null = null;
  /** The rule being evaluated: what it writes belongs to its current settings. */
  let judging: PlannedRule | null = null;
  const ctx = {
    accountId: 0,
    account: undefined as unknown as AccountState,
    market: undefined as unknown as GuardState,
    settings: undefined as unknown as BaseSettings,
    mode: 'enforce' as ActiveMode,
    now: 0,
    event: undefined as unknown as DomainEvent,
    tradingDay: undefined as unknown as TradingDayInfo,
    health: undefined as unknown as GuardState['health'],
    options: undefined as unknown as GlobalOptions,
    memory: base,
    write(): RuleMemory {
      if (!draft) {
        draft = copyRuleMemory(base);
        ctx.memory = draft;
      }
      if (judging) stampJudgement(draft, judging.rule, judging.sig);
      return draft;
    },
    note(ruleId: string, figures: Figures) {
      notes ??= [];
      notes.push({ ruleId, accountId: ctx.accountId, figures });
    },
    unrealized(): UnrealizedSummary {
      if (!summaryFresh) {
        // On a quote the threshold rules also want the quoted position's value: priced in the same pass.
        computeUnrealized(ctx.account, ctx.market, summary, focus);
        summaryFresh = true;
      }
      return summary;
    },
  } satisfies RuleContext<BaseSettings>;
  const summary: UnrealizedSummary = { knownTotal: 0, unknownContractId: null };

  /** Every rule in force for the account (ctx's) judges afresh where its settings changed. */
  function alignAll(plan: Plan): void {
    for (const planned of plan.all) {
      if (ctx.memory.judgedWith[planned.rule.id] === planned.sig) continue;
      judging = null;
      alignJudgement(ctx, planned.rule, planned.sig);
    }
  }
  let summaryFresh = false;
  let focus: string | undefined;

  function evaluate(input: EngineInput): EngineResult {
    const { config, state, event, now, tradingDay } = input;
    const compiled = compile(config);
    let accountsMemory: Record<string, RuleMemory> | null = null;
    let decisions: Decision[] | null = null;
    notes = null;
    failures = null;
    ctx.market = state;
    ctx.now = now;
    ctx.event = event;
    ctx.tradingDay = tradingDay;
    ctx.health = state.health;
    ctx.options = compiled.options;
    const sweep = event.kind === 'tick';
    focus = event.kind === 'quote' ? event.contractId : undefined;
    // Undefined for a kind no rule knows: no list, nothing runs (as before).
    const slot = KIND_SLOT[event.kind] as number;
    const count = affectedAccounts(state, event);
    for (let t = 0; t < count; t++) {
      const key = targets[t] as string;
      const account = targetStates[t] as AccountState;
      const accountId = account.account.id;
      const plan = planFor(config, compiled, accountId);
      if (!plan) continue;
      const list = plan.bySlot[slot];
      if (!list || list.length === 0) continue;
      summaryFresh = false;
      const stored = input.memory.accounts[key];
      draft = null;
      base = stored ?? emptyRuleMemory(tradingDay.key);
      if (!stored || stored.day !== tradingDay.key || sweep) {
        const fresh = stored ? refreshDay(stored, tradingDay, now) : base;
        if (fresh) {
          base = fresh;
          draft = fresh;
        }
      }
      ctx.accountId = accountId;
      ctx.account = account;
      ctx.memory = base;
      // Judged under other settings (a config change, memory loaded from storage): every rule
      // in force forgets what it judged before. Memory this plan produced is aligned already.
      if (plan.aligned !== base) alignAll(plan);
      const failing = anyFailed(base);
      // One try per account, not per rule: a rule that throws is skipped and the loop goes on.
      let r = 0;
      /** The draft as it was before the rule now running (a failing rule's new draft is dropped). */
      let before: RuleMemory | null = null;
      while (r < list.length) {
        try {
          for (; r < list.length; r++) {
            const planned = list[r] as PlannedRule;
            ctx.settings = planned.settings;
            ctx.mode = planned.mode;
            judging = planned;
            before = draft;
            const out = planned.rule.evaluate(ctx);
            if (failing) clearFailure(ctx.memory, ctx.write, planned.rule.id);
            if (out.length > 0) {
              decisions ??= [];
              for (const d of out) decisions.push(d);
            }
          }
        } catch (error) {
          const id = (list[r] as PlannedRule).rule.id;
          r++;
          // Drop what the failing rule half-wrote when it made the draft (with no draft before
          // it, any draft now is its own); writes into a draft that earlier rules made stay
          // (undoing them would cost a copy per rule per event).
          if (before === null) {
            draft = null;
            ctx.memory = base;
          }
          const f = recordFailure(ctx.memory, ctx.write, { ruleId: id, accountId, eventKind: event.kind, error, now });
          if (f) {
            failures ??= [];
            failures.push(f);
          }
        }
      }
      judging = null;
      plan.aligned = draft ?? base;
      if (draft) {
        accountsMemory ??= { ...input.memory.accounts };
        accountsMemory[key] = draft;
      }
    }
    draft = null;
    // Drop the references to this event's accounts (the arrays are reused, not shrunk).
    targetStates.fill(undefined as unknown as AccountState, 0, count);
    if (decisions && compiled.groups.size > 0)
      decisions = mirrorGroupLockouts(config, compiled.groups, state, decisions);
    return {
      decisions: decisions ?? [],
      memory: accountsMemory ? { ...input.memory, accounts: accountsMemory } : input.memory,
      notes: notes ?? NO_NOTES,
      failures: failures ?? NO_FAILURES,
    };
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
        let due: number | null;
        // A failing rule asks for no deadline; its failure is reported by evaluate.
        try {
          due = planned.rule.nextDeadline({
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
        } catch {
          due = null;
        }
        if (due !== null && (next === null || due < next)) next = due;
      }
    }
    return next;
  }

  return { evaluate, nextDeadline };
}
