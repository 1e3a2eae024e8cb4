import { desiredFromAction, mergeDesired } from '../enforce/desired-state';
import { desiredFromLockouts } from '../enforce/lockout-guard';
import { positionTargets } from '../enforce/plan';
import { OrderSide } from '../gateway/enums';
import type { Account, Position, Trade } from '../gateway/schemas';
import { createEventPipeline, type EventPipeline, tradingDayInfo } from '../guard/event-pipeline';
import { resolveEnd } from '../lockouts/lockout-record';
import type { GuardConfig } from '../rules/config/config-schema';
import type { Decision, EnforcementDecision } from '../rules/decision';
import { createRuleEngine } from '../rules/engine/engine';
import { money } from '../rules/measures/money';
import { emptyEngineMemory } from '../rules/rule-memory';
import { createEmptyGuardState } from '../state/account-state';
import type { DomainEvent } from '../state/events';
import { netOfCosts } from '../state/selectors';
import type { TradingDayClock } from '../state/trading-day';
import type { DayRecorder } from './day-results';
import type { PricePath } from './price-path';
import type { ReplayLockouts } from './replay-lockouts';
import type { CloseBasis, RuleReplayability } from './replay-types';
import type { SimBook, SimPosition } from './sim-book';

/**
 * The live guard's decision path, run on history: events go through the SAME pipeline the
 * worker uses (reducer → rule engine), decisions are carried out on the replayed positions with
 * the SAME target arithmetic the enforcer uses (desired state, lockouts' desired state, newest
 * exposure first), and what the guard would have closed is fed back in as fills, exactly as a
 * live close comes back as an event. Time is the history's: `now` is the moment replayed.
 *
 * Where a close is priced (and why):
 *   - on the fill or bar quote that breached, in that contract: that price. The live guard
 *     closes in tens of milliseconds (bench: breach-to-close p50 ≈ 34 ms), far inside a minute
 *     bar, so the breach's own price is the closest figure history has;
 *   - a timer decision (the trading-hours window ends), or another contract than the breaching
 *     one: the open of the next minute bar, the first price known to come after the decision;
 *   - no bar at hand: the last price seen, and the day is marked approximate.
 */

/** What made the engine decide: a fill or a bar quote (with its contract and price), or the clock. */
export type Cause = { kind: 'fill' | 'quote'; contractId: string; price: number } | { kind: 'timer' };

export interface ReplayGuardDeps {
  config: GuardConfig;
  clock: TradingDayClock;
  book: SimBook;
  path: PricePath;
  lockouts: ReplayLockouts;
  recorder: DayRecorder;
  rules: readonly RuleReplayability[];
  /** Fees and commissions per contract and side, by contract (from the trader's own fills). */
  costPerContract: ReadonlyMap<string, Costs>;
  start: number;
}

/** A fill's costs (or a contract's, per contract and side). */
export interface Costs {
  fees: number;
  commissions: number;
}

export interface ReplayGuard {
  /** Move the replay's clock to `t`, playing bar quotes of open positions and rule deadlines on the way. */
  advance(t: number): void;
  dispatch(event: DomainEvent, cause: Cause): void;
  /** Carry out every pending decision (and what its closes decide in turn). */
  settle(): void;
  /** A replayed fill: quote, trade, position, balance, in the order the gateway sends them. */
  fill(accountId: number, contractId: string, trade: Trade): void;
  /** The guard closes `size` contracts of the replayed position at the price its cause gives. */
  close(accountId: number, contractId: string, size: number, ruleId: string, cause: Cause): void;
  /** Called when a replayed position was closed or reduced by the guard (its actual segment ends or shrinks). */
  onGuardClose(listener: (accountId: number, contractId: string, flat: boolean) => void): void;
}

const SYNTHETIC_ID_BASE = 8_000_000_000_000_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function createReplayGuard(deps: ReplayGuardDeps, accounts: ReadonlyMap<number, Account>): ReplayGuard {
  const { config, clock, book, path, lockouts, recorder } = deps;
  const engine = createRuleEngine();
  let now = deps.start;
  let lastTick = Number.NEGATIVE_INFINITY;
  let cause: Cause = { kind: 'timer' };
  let nextId = SYNTHETIC_ID_BASE;
  const pending: Array<{ d: Decision; cause: Cause }> = [];
  const lastPrice = new Map<string, number>();
  const balances = new Map<number, Account>(accounts);
  const approximate = new Map(deps.rules.filter((r) => r.status === 'approximate').map((r) => [r.ruleId, r]));
  const closeListeners: Array<(accountId: number, contractId: string, flat: boolean) => void> = [];

  const initial = createEmptyGuardState(deps.start);
  // The replayed guard sees: connected, token valid (its blindness is not history).
  const hub = { status: 'connected', since: deps.start, lastMessageAt: deps.start, stale: false } as const;
  initial.health = { user: { ...hub }, market: { ...hub }, token: 'valid', blindSince: null };
  const pipeline: EventPipeline = createEventPipeline({
    engine,
    config: () => config,
    tradingDay: () => clock,
    now: () => now,
    initialState: initial,
    initialMemory: emptyEngineMemory(),
    onState: () => undefined,
    onMemory: () => undefined,
    onDecisions: (decisions) => {
      for (const d of decisions) pending.push({ d, cause });
    },
  });

  function dispatch(event: DomainEvent, c: Cause): void {
    cause = c;
    if (event.kind === 'quote' && typeof event.quote.lastPrice === 'number') {
      lastPrice.set(event.contractId, event.quote.lastPrice);
    }
    pipeline.dispatch([event]);
  }

  function quote(contractId: string, price: number, c: Cause): void {
    dispatch(
      { kind: 'quote', source: 'local', receivedAt: now, contractId, quote: { lastPrice: price, timestamp: iso(now) } },
      c,
    );
  }

  // A close reports the position that was open with size 0, as the gateway does.
  const lastOpen = new Map<string, Position>();
  function positionNow(accountId: number, contractId: string): Position | null {
    const key = `${accountId}|${contractId}`;
    const p = book.get(accountId, contractId);
    if (p) {
      const open = book.toPosition(accountId, contractId, p);
      lastOpen.set(key, open);
      return open;
    }
    const was = lastOpen.get(key);
    lastOpen.delete(key);
    return was ? { ...was, size: 0 } : null;
  }

  function fill(accountId: number, contractId: string, trade: Trade): void {
    const c: Cause = { kind: 'fill', contractId, price: trade.price };
    quote(contractId, trade.price, c);
    dispatch({ kind: 'trade', source: 'local', receivedAt: now, trade }, c);
    const position = positionNow(accountId, contractId);
    if (position) dispatch({ kind: 'position', source: 'local', receivedAt: now, position }, c);
    const a = balances.get(accountId);
    if (a) {
      const paid = (trade.fees ?? 0) + (trade.commissions ?? 0);
      const next = { ...a, balance: money(a.balance + (trade.profitAndLoss ?? 0) - paid) };
      balances.set(accountId, next);
      dispatch({ kind: 'account', source: 'local', receivedAt: now, account: next }, c);
    }
  }

  function closePrice(held: SimPosition, contractId: string, c: Cause): { price: number; basis: CloseBasis } {
    if (c.kind !== 'timer' && c.contractId === contractId) return { price: c.price, basis: 'breach-price' };
    const open = path.nextOpen(contractId, now);
    if (open !== null) return { price: open, basis: 'next-bar-open' };
    return { price: lastPrice.get(contractId) ?? held.averagePrice, basis: 'last-price' };
  }

  function close(accountId: number, contractId: string, size: number, ruleId: string, c: Cause): void {
    const held = book.get(accountId, contractId);
    if (!held || size <= 0) return;
    const day = clock.tradingDayOf(now);
    const { price, basis } = closePrice(held, contractId, c);
    const qty = -Math.sign(held.size) * Math.min(size, Math.abs(held.size));
    const change = book.apply(accountId, contractId, qty, price, now);
    const rate = deps.costPerContract.get(contractId);
    const fees = money((rate?.fees ?? 0) * Math.abs(qty));
    const commissions = money((rate?.commissions ?? 0) * Math.abs(qty));
    if (change.grossPnl === null)
      recorder.approximate(day, accountId, `no tick size/value for ${contractId}: a close counted at 0`);
    if (basis === 'last-price')
      recorder.approximate(day, accountId, 'a close priced at the last price seen (no minute bar after it)');
    if (!rate) recorder.approximate(day, accountId, `fees of ${contractId} unknown: a close counted without fees`);
    const gross = money(change.grossPnl ?? 0);
    const net = netOfCosts(gross, { fees, commissions }, config);
    recorder.replayed(day, accountId, now, net);
    recorder.close(day, {
      at: now,
      accountId,
      contractId,
      size: Math.abs(qty),
      price,
      basis,
      pnl: money(net),
      ruleId,
    });
    for (const l of closeListeners) l(accountId, contractId, change.position.size === 0);
    const id = nextId++;
    fill(accountId, contractId, {
      id,
      accountId,
      contractId,
      creationTimestamp: iso(now),
      price,
      profitAndLoss: gross,
      fees,
      commissions,
      side: qty > 0 ? OrderSide.Bid : OrderSide.Ask,
      size: Math.abs(qty),
      voided: false,
      orderId: id,
    });
  }

  function enforce(d: EnforcementDecision, c: Cause): void {
    const desired = mergeDesired(
      desiredFromAction(d.action, { ruleId: d.ruleId, action: d.action.type, reason: d.reason }),
      desiredFromLockouts(lockouts.active(d.accountId, now)),
    );
    const positions = book.positions(d.accountId);
    const targets = positionTargets(desired, positions, {
      openedAt: (contractId) => book.get(d.accountId, contractId)?.openedAt,
    });
    for (const p of positions) {
      const target = targets.get(p.contractId) ?? p.size;
      if (target < p.size) close(d.accountId, p.contractId, p.size - target, d.ruleId, c);
    }
  }

  function settle(): void {
    for (let n = 0; pending.length > 0; n++) {
      if (n > 100_000) throw new Error('replay: the rules kept deciding without end');
      const next = pending.shift();
      if (!next) break;
      const d = next.d;
      if (d.kind !== 'enforce') continue;
      const day = clock.tradingDayOf(now);
      const end = d.lockout
        ? resolveEnd(d.lockout, { nextReset: (ms) => clock.nextReset(ms) }, d.accountId, now)
        : null;
      recorder.fired(day, {
        at: now,
        accountId: d.accountId,
        ruleId: d.ruleId,
        action: d.action.type,
        reason: d.reason,
        lockout: d.lockout && end ? { kind: d.lockout.kind, until: end.type === 'at' ? end.at : null } : null,
        monitorOnly: d.monitorOnly,
      });
      if (d.monitorOnly) continue;
      const approx = approximate.get(d.ruleId);
      if (approx) recorder.approximate(day, d.accountId, `${approx.name}: ${approx.reason}`);
      if (d.lockout) {
        lockouts.add(d, now);
        // A lockout bites when it acts or holds the rest of the day; "outside hours, nothing open" does not.
        if (d.lockout.scope.type === 'account' && d.action.type !== 'none')
          recorder.locked(day, d.accountId, d.lockout.kind);
      }
      enforce(d, next.cause);
    }
  }

  function advance(t: number): void {
    for (;;) {
      const q = path.loaded ? path.nextQuote(book.openContracts(), now) : null;
      const due = engine.nextDeadline({
        config,
        state: pipeline.state(),
        memory: pipeline.memory(),
        now,
        tradingDay: tradingDayInfo(clock, now),
      });
      const tickAt = due !== null && due > lastTick ? Math.max(due, now) : null;
      const quoteAt = q && q.at <= t ? q.at : null;
      if (tickAt !== null && tickAt <= t && (quoteAt === null || tickAt <= quoteAt)) {
        now = tickAt;
        lastTick = tickAt;
        dispatch({ kind: 'tick', source: 'timer', receivedAt: now }, { kind: 'timer' });
      } else if (q && quoteAt !== null) {
        now = quoteAt;
        quote(q.contractId, q.price, { kind: 'quote', contractId: q.contractId, price: q.price });
      } else {
        now = Math.max(now, t);
        return;
      }
      settle();
    }
  }

  return {
    advance,
    dispatch,
    settle,
    fill,
    close,
    onGuardClose(listener) {
      closeListeners.push(listener);
    },
  };
}
