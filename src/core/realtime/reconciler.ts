import { errorMessage } from '../error-message';
import type { GatewayApi, GatewayReads } from '../gateway/api';
import type { Order } from '../gateway/schemas';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import { Lane } from '../resilience/lanes';
import type { AccountState, GuardState } from '../state/account-state';
import type { DomainEvent } from '../state/events';
import {
  accountDiffers,
  orderDiffers,
  positionDiffers,
  tradeDiffers,
  vanishedOrders,
  vanishedPositions,
} from './reconcile-diff';

/**
 * REST is the truth, SignalR the hint. After every (re)connect, wake-up and enforcement the
 * reconciler reads accounts, open positions, open orders and the trading day's trades, diffs
 * them with state, and returns the differences as ordinary DomainEvents (source
 * 'reconcile') for the reducer — the same path as hub events, so nothing is special-cased.
 *
 * - a position in state but absent from REST → that position with size 0 (closed);
 * - a working order absent from the open list → its final status from Order/search;
 * - a trade of the day absent from state → the trade.
 *
 * Each missed item is journaled ('missed-event'). Concurrent calls coalesce: one run in
 * flight, at most one queued (covering every account asked for meanwhile).
 *
 * The `positions-orders` scope is the light pass the REST poller runs every 5 s while the
 * user hub is down: it reads trades only when positions changed (a fill happened) or the
 * balance moved (a trade was voided or corrected without any position change).
 *
 * The `trades` scope reads the accounts and the trading day's trades, nothing else: the audit
 * of an account near its daily loss limit (guard/loss-audit.ts), one request per account.
 * Two different scopes merged in the queue read everything (each asked for its part).
 */

export type ReconcileScope = 'full' | 'positions-orders' | 'trades';

export interface ReconcileSummary {
  reason: string;
  at: number;
  accounts: number;
  missed: { accounts: number; positions: number; orders: number; trades: number };
  /** Accounts whose reads failed; their differences are unknown until the next run. */
  failedAccounts: number[];
}

export interface ReconcileResult {
  events: DomainEvent[];
  summary: ReconcileSummary;
}

export type ReconcilerApi = GatewayReads & Pick<GatewayApi, 'searchOrders'>;

export interface Reconciler {
  reconcile(
    reason: string,
    accountIds?: readonly number[],
    options?: { scope?: ReconcileScope },
  ): Promise<ReconcileResult>;
}

/** A DomainEvent without its envelope, per variant (a plain Omit would merge the union). */
type EventBody = DomainEvent extends infer E
  ? E extends DomainEvent
    ? Omit<E, 'source' | 'receivedAt'>
    : never
  : never;

/** What one run's reads of each account share. */
interface Pass {
  reason: string;
  /** The trading day's start, ISO: trades and orders are searched from it. */
  since: string;
  summary: ReconcileSummary;
  event: (e: EventBody) => void;
}

interface Request {
  reasons: string[];
  /** null = all active accounts. */
  accountIds: Set<number> | null;
  scope: ReconcileScope;
}

export function createReconciler(options: {
  api: ReconcilerApi;
  clock: Clock;
  tradingDay: { previousReset(ms: number): number };
  getState: () => GuardState;
  journal?: Journal;
  /**
   * When given, each account's differences leave here as soon as that account is read (and
   * `result.events` is empty): a breach REST shows on one account must not wait for the
   * reads — and their retries — of every other account.
   */
  onAccountEvents?: (events: DomainEvent[]) => void;
}): Reconciler {
  const { api, clock } = options;
  const ctx = { lane: Lane.Reconciliation };
  let inFlight: Promise<ReconcileResult> | null = null;
  let queued: { request: Request; promise: Promise<ReconcileResult> } | null = null;

  const missed = (accountId: number, message: string, data: Record<string, unknown>) => {
    void options.journal
      ?.append({ at: clock.now(), kind: 'missed-event', accountId, message, data })
      .catch(() => undefined);
  };

  async function run(request: Request): Promise<ReconcileResult> {
    const reason = request.reasons.join('+');
    const at = clock.now();
    const since = new Date(options.tradingDay.previousReset(at)).toISOString();
    const summary: ReconcileSummary = {
      reason,
      at,
      accounts: 0,
      missed: { accounts: 0, positions: 0, orders: 0, trades: 0 },
      failedAccounts: [],
    };
    const events: DomainEvent[] = [];
    const event = (e: EventBody) => events.push({ ...e, source: 'reconcile', receivedAt: clock.now() } as DomainEvent);
    const pass: Pass = { reason, since, summary, event };

    const accounts = (await api.searchAccounts({ onlyActiveAccounts: true }, ctx)).filter(
      (a) => request.accountIds === null || request.accountIds.has(a.id),
    );
    for (const account of accounts) {
      summary.accounts += 1;
      // The state as it is now, not when the run began: earlier accounts' differences (and
      // hub events) have been applied meanwhile.
      const known = options.getState().accounts[String(account.id)];
      const firstOfAccount = events.length;
      const id = account.id;
      try {
        if (accountDiffers(account, known?.account)) {
          event({ kind: 'account', account });
          if (known) summary.missed.accounts += 1;
        }
        // The audit's `trades` scope leaves positions and orders to the full passes.
        const positionsChanged = request.scope === 'trades' ? false : await positionsAndOrders(id, known, pass);
        // A balance that moved without a position change is a trade the hub did not tell of
        // (a void, a correction, fees): the light pass must read trades for it too.
        const balanceMoved = known?.account?.balance !== account.balance;
        if (request.scope !== 'positions-orders' || positionsChanged || balanceMoved) {
          await tradesOf(id, known, pass);
        }
      } catch (error) {
        // One account's failure must not hide the others' differences; its partial ones are
        // kept too (each is true on its own). The next run retries it.
        summary.failedAccounts.push(id);
        void options.journal
          ?.append({
            at: clock.now(),
            kind: 'error',
            accountId: id,
            message: 'reconciliation failed for the account',
            data: { reason, error: errorMessage(error) },
          })
          .catch(() => undefined);
      }
      if (options.onAccountEvents && events.length > firstOfAccount) {
        options.onAccountEvents(events.splice(firstOfAccount));
      }
    }
    return { events, summary };
  }

  /** Positions and open orders of one account (orders gone from the open list: their final status); true when a position differed. */
  async function positionsAndOrders(id: number, known: AccountState | undefined, pass: Pass): Promise<boolean> {
    const { reason, since, summary, event } = pass;
    const [positions, openOrders] = await Promise.all([
      api.searchOpenPositions({ accountId: id }, ctx),
      api.searchOpenOrders({ accountId: id }, ctx),
    ]);

    let positionsChanged = false;
    for (const position of positions) {
      if (!positionDiffers(position, known?.positions[position.contractId])) continue;
      positionsChanged = true;
      event({ kind: 'position', position });
      summary.missed.positions += 1;
      missed(id, `position ${position.contractId} differed from REST`, {
        reason,
        contractId: position.contractId,
        size: position.size,
      });
    }
    for (const gone of vanishedPositions(known, positions)) {
      positionsChanged = true;
      event({ kind: 'position', position: { ...gone, size: 0 } });
      summary.missed.positions += 1;
      missed(id, `position ${gone.contractId} closed while unseen`, { reason, contractId: gone.contractId });
    }

    for (const order of openOrders) {
      if (!orderDiffers(order, known?.orders[String(order.id)])) continue;
      event({ kind: 'order', order });
      summary.missed.orders += 1;
      missed(id, `order ${order.id} differed from REST`, { reason, orderId: order.id, status: order.status });
    }
    const gone = vanishedOrders(known, openOrders);
    if (gone.length > 0) {
      const finals = await finalStatuses(id, gone, since);
      for (const order of gone) {
        const final = finals.get(order.id);
        if (!final) {
          missed(id, `order ${order.id} is not open and Order/search does not know it`, {
            reason,
            orderId: order.id,
          });
          continue;
        }
        if (!orderDiffers(final, order)) continue;
        event({ kind: 'order', order: final });
        summary.missed.orders += 1;
        missed(id, `order ${order.id} ended while unseen`, { reason, orderId: order.id, status: final.status });
      }
    }
    return positionsChanged;
  }

  /** The trading day's trades of one account: each one state does not have (or has otherwise) is emitted. */
  async function tradesOf(id: number, known: AccountState | undefined, pass: Pass): Promise<void> {
    const { reason, since, summary, event } = pass;
    const trades = await api.searchTrades({ accountId: id, startTimestamp: since }, ctx);
    for (const trade of trades) {
      if (!tradeDiffers(trade, known?.trades[String(trade.id)])) continue;
      event({ kind: 'trade', trade });
      summary.missed.trades += 1;
      missed(id, `trade ${trade.id} missed by the hub`, { reason, tradeId: trade.id, orderId: trade.orderId });
    }
  }

  async function finalStatuses(
    accountId: number,
    orders: readonly Order[],
    since: string,
  ): Promise<Map<number, Order>> {
    // An order may predate the trading day: search from the oldest missing one's creation.
    let start = since;
    for (const o of orders) if (o.creationTimestamp < start) start = o.creationTimestamp;
    const all = await api.searchOrders({ accountId, startTimestamp: start }, ctx);
    return new Map(all.map((o) => [o.id, o]));
  }

  function startNext(): void {
    if (!queued) {
      inFlight = null;
      return;
    }
    const next = queued;
    queued = null;
    inFlight = next.promise;
  }

  return {
    reconcile(reason, accountIds, opts = {}) {
      const request: Request = {
        reasons: [reason],
        accountIds: accountIds ? new Set(accountIds) : null,
        scope: opts.scope ?? 'full',
      };
      if (!inFlight) {
        inFlight = run(request).finally(startNext);
        return inFlight;
      }
      if (queued) {
        // Merge into the queued run: it starts after the current one, so it sees everything.
        const q = queued.request;
        q.reasons.push(reason);
        q.accountIds =
          q.accountIds === null || request.accountIds === null
            ? null
            : new Set([...q.accountIds, ...request.accountIds]);
        // Each asked for its part: two different scopes together read everything.
        if (request.scope !== q.scope) q.scope = 'full';
        return queued.promise;
      }
      const current = inFlight;
      const promise = current
        .catch(() => undefined)
        .then(() => run(request))
        .finally(startNext);
      queued = { request, promise };
      return promise;
    },
  };
}
