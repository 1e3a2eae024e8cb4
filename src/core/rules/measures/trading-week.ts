import type { AccountState } from '../../state/account-state';
import { type CostOptions, realizedPnl } from '../../state/selectors';
import type { ReadContext, RuleContext, TradingDayInfo } from '../rule';
import type { WeekMemory } from '../rule-memory';
import { money } from './money';
import { executedOrders } from './order-fills';

/**
 * The trading week, as TopstepX's weekly limits count it: from Sunday's 17:00 CT open to
 * Friday's close, i.e. the trading days Monday to Friday (a trading day is named by the date
 * its reset ends it: Sunday evening's session belongs to Monday). Weekly figures are the sum of
 * each day's figures as the guard last saw them (rule memory, kept across days): a whole day
 * the guard never saw (the browser closed all day) is missing from them.
 */

const DAY_MS = 86_400_000;

/** Day of the week of a trading-day key (0 = Sunday). */
function weekdayOf(dayKey: string): number {
  return new Date(`${dayKey}T12:00:00Z`).getUTCDay();
}

function shift(dayKey: string, days: number): string {
  return new Date(Date.parse(`${dayKey}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The week a trading day belongs to, named by its Monday; a weekend key leads into the next week. */
export function tradingWeekOf(dayKey: string): string {
  const d = weekdayOf(dayKey);
  // Back to this week's Monday; Saturday on to the next (+2), as Sunday is (1 - 0 = +1).
  return shift(dayKey, d === 6 ? 2 : 1 - d);
}

/**
 * Epoch ms of the week's end: the reset that ends its Friday trading day. (From a weekend key
 * the daylight-saving change of that Sunday may put it an hour off; no market is open then.)
 */
export function weekEndAt(tradingDay: TradingDayInfo): number {
  const d = weekdayOf(tradingDay.key);
  // On to this week's Friday; from Saturday to the next one (+6), as from Sunday (5 - 0 = +5).
  const toFriday = d === 6 ? 6 : 5 - d;
  return tradingDay.nextReset + toFriday * DAY_MS;
}

export interface WeekFigures {
  week: string;
  /** Realized P&L of the week's trading days (net of fees and commissions when they count). */
  realized: number;
  /** Executed orders of the week (every entry and every exit; partial fills of one order once). */
  trades: number;
}

function today(account: AccountState, costs: CostOptions) {
  return { realized: money(realizedPnl(account, costs)), trades: executedOrders(account).length };
}

/** The week's figures with today's from the account as it is now (memory + state; for the views too). */
export function weekFiguresOf(
  memory: WeekMemory | null | undefined,
  account: AccountState,
  dayKey: string,
  /** Whether fees and commissions count (the config's settings). */
  costs: CostOptions,
): WeekFigures {
  const week = tradingWeekOf(dayKey);
  const days = { ...(memory && memory.week === week ? memory.days : {}) };
  if (account.tradingDay === dayKey) days[dayKey] = today(account, costs);
  let realized = 0;
  let trades = 0;
  for (const d of Object.values(days)) {
    realized += d.realized;
    trades += d.trades;
  }
  return { week, realized: money(realized), trades };
}

/** Records today's figures in the account's week memory (written only when they changed) and returns the week's. */
export function recordWeek(ctx: RuleContext<unknown>): WeekFigures {
  const dayKey = ctx.tradingDay.key;
  const week = tradingWeekOf(dayKey);
  const prev = ctx.memory.week;
  if (ctx.account.tradingDay === dayKey) {
    const now = today(ctx.account, ctx.options);
    const had = prev?.week === week ? prev.days[dayKey] : undefined;
    if (!had || had.realized !== now.realized || had.trades !== now.trades) {
      const days = prev?.week === week ? prev.days : {};
      ctx.write().week = { week, days: { ...days, [dayKey]: now } };
    }
  }
  return weekSoFar(ctx);
}

/** The week's figures as the weekly limits judge them (what `recordWeek` returns; what their meters show). */
export function weekSoFar(ctx: ReadContext<unknown>): WeekFigures {
  return weekFiguresOf(ctx.memory.week, ctx.account, ctx.tradingDay.key, ctx.options);
}
