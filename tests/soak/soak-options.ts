import type { DaysReport, DayTimings } from './trading-days';

/** What both soaks take: a wall-clock budget and the shape of the days that fill it. */
export interface SoakOptions {
  /** Wall-clock minutes: days are started while the longest so far still fits. */
  minutes: number;
  /** Exactly this many trading days instead (the test suite's compressed run). */
  days?: number;
  seed?: number;
  timings?: DayTimings;
  /** Trader actions per account and trading day, drawn uniformly (about two thirds become fills). */
  actionsPerDay?: readonly [number, number];
  dropsPerSecond?: number;
  loseProbability?: number;
  /** Compresses the guard's own waits (reconnect policy, polling) in the test suite; 1 = production. */
  speed?: number;
  /** The soak clock's first instant (default just after a Monday 17:00 CT reset). */
  startAt?: number;
  /** Longest wait for the guard to equal the ledger at a day's end. */
  settleTimeoutMs?: number;
  /** Called at every session and day's end with a one-line progress note. */
  onProgress?: (line: string) => void;
}

export interface SoakResult {
  summary: string;
  failures: string[];
  days: DaysReport;
  /** Trades of each account on each trading day (the realistic range the summary shows). */
  tradesPerAccountDay: number[];
  /** The summary's figures by name (e.g. `lockouts.dailyRealizedLoss`, `unlocks`, `drops`). */
  stats: Record<string, number>;
}

export const DEFAULT_ACTIONS_PER_DAY: readonly [number, number] = [40, 360];

/**
 * The simulator keeps four days of history (its clock): the longest trading day (Friday 17:00
 * to Monday 17:00) and then some, for every Trade/search the guard makes; older history is
 * forgotten, so a run of days holds the exchange's memory flat and measures the guard's.
 */
export const SOAK_RETAIN_HISTORY_MS = 4 * 24 * 3_600_000;

/** After this many failures a soak stops: the first ones say what broke, the rest would repeat it. */
export const MAX_FAILURES = 10;

/** `min / median / max`, e.g. of the trades per account-day. */
export function spread(xs: readonly number[], format: (x: number) => string = String): string {
  if (xs.length === 0) return 'none';
  const s = [...xs].sort((a, b) => a - b);
  return [s[0], s[Math.floor(s.length / 2)], s.at(-1)].map((x) => format(x ?? 0)).join(' / ');
}

/** How long after each close the picture took to equal the ledger's day, for the summary. */
export const settleSpread = (ms: readonly number[]) =>
  `equal to the ledger ${spread(ms, (x) => (x / 1000).toFixed(1))} s after the close (min / median / max)`;
