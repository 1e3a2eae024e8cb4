import type { Journal } from '../journal/journal';
import type { Clock, TimerHandle, Timers } from '../ports';
import type { RealtimeSession } from '../realtime/realtime-session';
import type { BaseSettings } from '../rules/catalog/rule-entry';
import { usd } from '../rules/catalog/summary-words';
import { effectiveRules, type GuardConfig } from '../rules/config/config-schema';
import { type AccountMeter, accountMeters } from '../rules/engine/rule-meters';
import { RULES } from '../rules/evaluation/all-rules';
import type { Rule, TradingDayInfo } from '../rules/rule';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import { type DomainEvent, eventAccountId } from '../state/events';

/**
 * The daily loss audit: while an account's daily loss is near its limit, the guard confirms the
 * day's trades through REST, so a fill whose hub message was lost without a disconnect (no
 * reconcile follows such a loss) cannot leave the guard's figure short by a win and let the
 * next loss lock the account on a breach that is not real.
 *
 * Level, not edge: after every event (and every tick) the account's daily loss measures — the
 * meters of `dailyRealizedLoss`, `dailyNetLoss` and `trailingDailyLoss`, the very figures those
 * rules judge — are compared with their limits. An account is *near* when a rule in 'enforce'
 * has its figure at or past the band's start (`nearFraction`) and short of the limit. A near account is audited when
 * it has not been this trading day, or when something came from the hub for it (a trade, a
 * position, an order, the balance: the companions of a fill whose trade may be the one lost)
 * since the last audit began, at most once per `AUDIT_GAP_MS`; a signal inside the gap arms
 * one timer for the gap's end, where nearness is judged again.
 *
 *   event / tick ─▶ near? ─no─▶ nothing
 *                    │ yes, not audited today or a hub signal since the last audit
 *                    ├─ gap over ─▶ reconcile(account, scope 'trades') ─▶ missed trades down the
 *                    │              one event path (reconciler.ts journals each), audit journaled
 *                    └─ in the gap ─▶ timer at the gap's end ─▶ near? …
 *
 * It never stands in front of enforcement: it runs after the event's rules have decided and the
 * fast path has acted (pipeline effects' onEvent), and its reads are asynchronous, in the
 * reconciliation lane (the rate limiter keeps enforcement's reserve from them). Monitor-mode
 * rules cost no read: they act on nothing, so no false lockout to prevent.
 *
 * Residual window: a win lost in the last moments before the breaching loss (after the last
 * audit read) still counts against the account; the after-enforcement reconcile brings it back
 * down, but the lockout stays (lockouts are only ever extended).
 */

/**
 * At most one audit per account per 30 s. An audit is one Account/search (shared by every account
 * in the same run) and one Trade/search per account: ≤ 2 requests / 30 s = 4 / 60 s per account,
 * against the gateway's 200 / 60 s (the limiter lets 180 through, 18 of them kept for enforcement,
 * resilience/rate-limit-config.ts): 2 % of the budget per near account. 30 s is also the watchdog
 * alarm's period, the one full reconcile that runs while the hub seems healthy.
 */
export const AUDIT_GAP_MS = 30_000;

/**
 * Where "near" begins, as a fraction of the limit: the rule's lowest warning level (`warnAt`,
 * default 50 / 80 / 95 %: the trader said the limit is coming there), but never later than 80 %
 * — from 80 % a single ordinary losing trade (a fifth of the day's limit) breaches, and the audit
 * must have run before it. With no warning levels, 80 %.
 */
export const NEAR_CAP = 0.8;

export function nearFraction(warnAt: readonly number[]): number {
  return Math.min(NEAR_CAP, ...warnAt);
}

/** The rules whose figure counts the day's realized P&L against a daily limit. */
const DAILY_LOSS_RULES: readonly Rule<BaseSettings>[] = [
  RULES.dailyRealizedLoss,
  RULES.dailyNetLoss,
  RULES.trailingDailyLoss,
] as unknown as Rule<BaseSettings>[];

/**
 * The enforcing daily loss meter nearest its limit when it is within the band, else null. At or
 * past the limit it is a breach, not "near": the enforcement owns the account then (flatten,
 * lock) and its reconcile once converged reads the trades anyway.
 */
export function nearDailyLoss(
  input: { config: GuardConfig; state: GuardState; memory: EngineMemory; now: number; tradingDay: TradingDayInfo },
  accountId: number,
): AccountMeter | null {
  const account = input.state.accounts[String(accountId)];
  if (!account || account.placeholder) return null;
  // Asked after every event of the account: rules not enforcing here are left out before any
  // meter is computed (a monitor-mode daily loss costs no figure at all).
  const settings = effectiveRules(input.config, accountId) as unknown as Record<string, BaseSettings | undefined>;
  const enforcing = DAILY_LOSS_RULES.filter((rule) => settings[rule.id]?.mode === 'enforce');
  if (enforcing.length === 0) return null;
  const meters = accountMeters({ ...input, memory: input.memory.accounts[String(accountId)] }, account, enforcing);
  let nearest: AccountMeter | null = null;
  for (const m of meters) {
    if (m.mode !== 'enforce' || m.value === null || m.limit === null || m.limit <= 0) continue;
    const share = m.value / m.limit;
    if (share < nearFraction(m.warnAt) || share >= 1) continue;
    if (!nearest || share > (nearest.value ?? 0) / (nearest.limit ?? 1)) nearest = m;
  }
  return nearest;
}

export interface LossAuditStats {
  /** Audits begun (each one Trade/search of the account). */
  runs: number;
  /** Audits that fed in at least one trade the hub missed. */
  foundMissed: number;
  /** Trades those audits fed in. */
  missedTrades: number;
  /** Audits whose reads failed (tried again after the gap while the account stays near). */
  failed: number;
}

export interface LossAudit {
  /** After each event's rules ran and its decisions were handed to the enforcer. */
  onEvent(event: DomainEvent): void;
  stats(): LossAuditStats;
  /** Timers off (the guard stopped). */
  stop(): void;
}

interface AccountAudit {
  /** Trading day and time of the last audit begun, or null. */
  day: string | null;
  lastAt: number;
  /** A hub signal came since the last audit began (or that audit failed). */
  pending: boolean;
  running: boolean;
  timer: TimerHandle | null;
}

const SIGNALS = new Set<DomainEvent['kind']>(['trade', 'position', 'order', 'account']);

export function createLossAudit(deps: {
  session: Pick<RealtimeSession, 'reconcile'>;
  clock: Clock;
  timers: Timers;
  journal: Journal;
  config: () => GuardConfig;
  state: () => GuardState;
  memory: () => EngineMemory;
  tradingDay: () => TradingDayInfo;
  /** Whether the guard runs (start() and no stop() since): a stopped guard reads nothing. */
  running: () => boolean;
}): LossAudit {
  const { clock, timers } = deps;
  const accounts = new Map<number, AccountAudit>();
  const stats: LossAuditStats = { runs: 0, foundMissed: 0, missedTrades: 0, failed: 0 };

  const entry = (id: number): AccountAudit => {
    let a = accounts.get(id);
    if (!a) {
      a = { day: null, lastAt: 0, pending: false, running: false, timer: null };
      accounts.set(id, a);
    }
    return a;
  };

  function consider(id: number): void {
    const a = entry(id);
    if (!deps.running() || a.running) return; // a running audit looks again when it ends
    const tradingDay = deps.tradingDay();
    const auditedToday = a.day === tradingDay.key;
    // Cheap answers first (this runs after every event of the account, a fill's burst among
    // them): no audit is due without news since today's, and a timer already armed for the
    // gap's end judges nearness then.
    if (auditedToday && (!a.pending || a.timer !== null)) return;
    const state = deps.state();
    // Nothing to read with: the token is missing or refused (the views say so already).
    if (state.health.token === 'none' || state.health.token === 'reenter-key') return;
    const now = clock.now();
    const near = nearDailyLoss({ config: deps.config(), state, memory: deps.memory(), now, tradingDay }, id);
    if (!near) return;
    const wait = auditedToday ? a.lastAt + AUDIT_GAP_MS - now : 0;
    if (wait > 0) {
      a.timer = timers.setTimeout(() => {
        a.timer = null;
        consider(id);
      }, wait);
      return;
    }
    void audit(id, a, near, tradingDay.key, now);
  }

  async function audit(id: number, a: AccountAudit, near: AccountMeter, day: string, now: number): Promise<void> {
    a.day = day;
    a.lastAt = now;
    a.pending = false;
    a.running = true;
    stats.runs += 1;
    try {
      const { summary } = await deps.session.reconcile('daily-loss-audit', [id], { scope: 'trades' });
      if (summary.failedAccounts.includes(id)) throw new Error('the account’s reads failed');
      const trades = summary.missed.trades;
      if (trades > 0) {
        stats.foundMissed += 1;
        stats.missedTrades += trades;
        const what = `${trades} trade${trades === 1 ? '' : 's'}`;
        await deps.journal
          .append({
            at: clock.now(),
            kind: 'missed-event',
            accountId: id,
            ruleId: near.ruleId,
            message: `the daily loss audit fed in ${what} the hub missed (it began at ${near.name} ${usd(near.value ?? 0)} of ${usd(near.limit ?? 0)})`,
            data: { reason: summary.reason, trades, value: near.value, limit: near.limit },
          })
          .catch(() => undefined);
      }
    } catch {
      // An account whose reads failed is journaled by the reconciler, a run that could not read
      // the accounts is tried again once by the session; the next audit waits for the gap.
      stats.failed += 1;
      a.pending = true;
    } finally {
      a.running = false;
    }
    consider(id);
  }

  return {
    onEvent(event) {
      if (event.kind === 'tick') {
        for (const key of Object.keys(deps.state().accounts)) consider(Number(key));
        return;
      }
      const id = eventAccountId(event);
      if (id === null) return;
      // What the audit itself (or any reconcile) fed in is not news from the hub.
      if (event.source === 'hub' && SIGNALS.has(event.kind)) entry(id).pending = true;
      consider(id);
    },
    stats: () => ({ ...stats }),
    stop() {
      for (const a of accounts.values()) if (a.timer !== null) timers.clearTimeout(a.timer);
      accounts.clear();
    },
  };
}
