import type { OrderManager } from '../gateway/order-manager';
import type { Clock } from '../ports';
import type { TradingDayClock } from '../state/trading-day';

/**
 * Keeps the order-intent store bounded. Every order the guard sends (each move of a trailing
 * stop too) leaves a resolved intent, and every worker start reads the store; unpruned it grew
 * for ever. A resolved intent answers repeat calls with its key during the enforcement that
 * made it, which lives within its trading day (at the reset an unfinished one covers only what
 * was open then, and it re-reads the account before it acts); the journal keeps the history.
 * So resolved intents last touched before YESTERDAY's reset go, once per trading day (one day
 * more than needed, for the rollover). Pending intents are never touched.
 */
export function createIntentPruning(deps: {
  orders: Pick<OrderManager, 'pruneResolved'>;
  clock: Clock;
  dayClock: () => TradingDayClock;
}) {
  let prunedDay: string | null = null;
  return {
    /** Called on every tick (start, deadlines, watchdog): prunes when the trading day is new. */
    onTick(): void {
      const now = deps.clock.now();
      const days = deps.dayClock();
      const day = days.tradingDayOf(now);
      if (day === prunedDay) return;
      prunedDay = day;
      const keepFrom = days.previousReset(days.previousReset(now) - 1);
      void deps.orders.pruneResolved(now - keepFrom).catch(() => {
        prunedDay = null; // try again at the next tick
      });
    },
  };
}

export type IntentPruning = ReturnType<typeof createIntentPruning>;
