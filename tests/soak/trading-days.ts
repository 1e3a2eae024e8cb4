import { createMarketCalendar } from '../../simulator/market-hours';
import { createTradingDayClock } from '../../src/core/state/trading-day';

/**
 * The calendar of a soak that looks like days: one trading day after another on a clock the
 * simulator and the guard share, real time while something happens and a jump over the quiet
 * hours in between (a laptop asleep overnight). Each day:
 *
 *   reopen 17:00 ─ evening ─▷ 08:30 ─ morning ─▷ 13:00 ─ afternoon ─ quiet ─▷ 15:59:5x ─ close ─▷
 *   16:00 break: end-of-day checks ─▷ 16:59:5x ─ the reset, live ─▷ 17:00 new day
 *                                  └▷ (every few days) straight past the reset by a jump
 *
 * (─ real time, ─▷ a jump.) On Fridays the 16:00 close starts the weekend (hubs closed): the
 * reset at 17:00 happens in it, and the next jump goes to Sunday 16:59:5x to cross the reopen.
 * Every 17:00 crossing is a trading-day reset (Friday's too: Friday 17:00 → Monday 17:00 is
 * Monday's day), so rollover, unlocks and the new day's limits run once per day, live or on
 * catching up after a jump. The 16:00/17:00 edges are always crossed in real time, so the
 * simulator's market calendar and the guard's timers meet them as they would.
 */
export interface DayMarks {
  /** `YYYY-MM-DD`, as the guard names it. */
  tradingDay: string;
  /** The reset that began the day and the one that ends it (17:00 Chicago). */
  start: number;
  end: number;
  /** Trading resumes (the start itself, or Sunday 17:00 for Monday's day). */
  reopen: number;
  morning: number;
  afternoon: number;
  /** 16:00 Chicago: the daily break, or the weekend on Fridays. */
  close: number;
  weekendAfter: boolean;
  /** The first open instant after the close (the end, or Sunday 17:00). */
  nextReopen: number;
}

const HOUR = 3_600_000;
const dayClock = createTradingDayClock();
const calendar = createMarketCalendar();

/** The marks of the trading day `epochMs` belongs to. 08:30, 13:00 and 16:00 are on the day's own date (no DST edge between them and 17:00). */
export function dayMarks(epochMs: number): DayMarks {
  const { tradingDay, start, end } = dayClock.boundsOf(epochMs);
  const close = end - HOUR;
  return {
    tradingDay,
    start,
    end,
    reopen: calendar.nextOpen(start),
    morning: end - 8.5 * HOUR,
    afternoon: end - 4 * HOUR,
    close,
    weekendAfter: calendar.session(close) === 'weekend',
    nextReopen: calendar.nextOpen(close),
  };
}

/** Wall-clock lengths of one day's phases (compressed in the test suite). */
export interface DayTimings {
  eveningMs: number;
  morningMs: number;
  afternoonMs: number;
  /** After the last session, before the jump to the close: what the guard is still doing finishes. */
  quietMs: number;
  /** Jumps to an edge land this long before it; the edge is crossed in real time, plus `marginMs`. */
  leadMs: number;
  marginMs: number;
  /** Every n-th day crosses the reset by a jump instead of live (0: never). */
  resetByJumpEvery: number;
}

export const FULL_DAY: DayTimings = {
  eveningMs: 15_000,
  morningMs: 60_000,
  afternoonMs: 25_000,
  quietMs: 2000,
  leadMs: 2500,
  marginMs: 1500,
  resetByJumpEvery: 3,
};

export interface ShiftableClock {
  now(): number;
  /** Moves the clock forward to `epochMs` (never back). */
  jumpTo(epochMs: number): void;
}

/** What a soak does in each phase; the driver owns the clock and the order. */
export interface DayHooks {
  /** After every jump: the guard's worker wakes and catches up (`clockChanged`). */
  afterJump(): Promise<void>;
  /** Real-time trading for `wallMs`, `share` of each account's day. */
  trade(day: DayMarks, wallMs: number, share: number): Promise<void>;
  /** The market just closed (16:00): settle and check the day against the ledger. */
  endOfDay(day: DayMarks): Promise<void>;
  /** The reset has been crossed (`how`): check the new day began as it should. */
  newDay(previous: DayMarks, next: DayMarks, how: 'live' | 'jump'): Promise<void>;
  /** Between days: false stops the run (the wall-clock budget is spent). */
  another(): boolean;
  /** Once, when the market is open for the first day (after a reopen crossed live, if it was closed). */
  begin?(): Promise<void>;
}

export interface DaysReport {
  days: number;
  resetsLive: number;
  resetsByJump: number;
  weekends: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs days from the current instant until `hooks.another()` says stop; every day ends with
 * its checks and a reset. Started while the market is closed (the soak starts in the break
 * before a reset, so the config saved at start-up is in force from the first day), it first
 * crosses the reopen live.
 */
export async function runTradingDays(clock: ShiftableClock, timings: DayTimings, hooks: DayHooks): Promise<DaysReport> {
  const report: DaysReport = { days: 0, resetsLive: 0, resetsByJump: 0, weekends: 0 };
  const jump = async (to: number) => {
    if (to > clock.now()) clock.jumpTo(to);
    await hooks.afterJump();
  };
  /** Lands `leadMs` before the edge and lives through it in real time. */
  const cross = async (edge: number) => {
    await jump(edge - timings.leadMs);
    await sleep(Math.max(0, edge - clock.now()) + timings.marginMs);
  };
  const trading = timings.eveningMs + timings.morningMs + timings.afternoonMs;
  if (!calendar.isOpen(clock.now())) await cross(calendar.nextOpen(clock.now()));
  await hooks.begin?.();
  let day = dayMarks(clock.now());
  do {
    await hooks.trade(day, timings.eveningMs, timings.eveningMs / trading);
    await jump(day.morning);
    await hooks.trade(day, timings.morningMs, timings.morningMs / trading);
    await jump(day.afternoon);
    await hooks.trade(day, timings.afternoonMs, timings.afternoonMs / trading);
    await sleep(timings.quietMs);
    await cross(day.close);
    await hooks.endOfDay(day);
    report.days += 1;
    const byJump = timings.resetByJumpEvery > 0 && report.days % timings.resetByJumpEvery === 0;
    if (day.weekendAfter) report.weekends += 1;
    if (byJump) {
      // Asleep through the reset (and the weekend): wakes a few seconds into the next session.
      await jump(day.nextReopen + timings.leadMs);
      report.resetsByJump += 1;
      const next = dayMarks(clock.now());
      await hooks.newDay(day, next, 'jump');
      day = next;
    } else {
      await cross(day.end);
      report.resetsLive += 1;
      const next = dayMarks(clock.now());
      await hooks.newDay(day, next, 'live');
      if (day.weekendAfter) await cross(day.nextReopen);
      day = next;
    }
  } while (hooks.another());
  return report;
}
