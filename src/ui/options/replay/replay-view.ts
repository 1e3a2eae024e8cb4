import type { ReplayDayView, ReplayResultView } from '../../../messaging/replay';
import { formatMoney } from '../../format';

/**
 * Words and shapes the replay section shows, computed from the worker's result: the headline,
 * the times (in the trading day's own zone, as the guard counts days), the rows of the per-day
 * table and the equity curve's geometry. Pure, so the numbers are tested without a DOM.
 */

export function zoneTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

export function zoneDateTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "Mon Nov 23" for a trading-day key (the date it ends on). */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    d,
  );
}

/** "after fees and commissions": the costs the figures are net of (as the guard counts them live). */
export function costsWords(costs: ReplayResultView['costs']): string {
  const counted = [costs.fees ? 'fees' : null, costs.commissions ? 'commissions' : null].filter(Boolean);
  return counted.length > 0 ? `after ${counted.join(' and ')}` : 'before fees and commissions';
}

/** One honest sentence: what the rules would have changed over the whole range. */
export function headline(r: ReplayResultView): string {
  const t = r.totals;
  const span =
    r.range.days.length > 0 ? ` (${dayLabel(r.range.days[0] ?? '')} – ${dayLabel(r.range.days.at(-1) ?? '')})` : '';
  const base = `Over ${t.tradingDays} trading day${t.tradingDays === 1 ? '' : 's'}${span}: as traded ${formatMoney(t.actualPnl)}, with these rules ${formatMoney(t.replayedPnl)}`;
  if (t.fills === 0) return `${base}. No trades in this range.`;
  if (t.difference > 0) return `${base}: the rules would have saved ${formatMoney(t.difference).replace('+', '')}.`;
  if (t.difference < 0) return `${base}: the rules would have cost ${formatMoney(-t.difference).replace('+', '')}.`;
  return `${base}: no difference.`;
}

export interface DayRow {
  key: string;
  day: string;
  account: string;
  actual: number;
  replayed: number;
  difference: number;
  fills: number;
  removed: number;
  locked: boolean;
  cooldown: boolean;
  fired: string[];
  closes: string[];
  approximate: string[];
}

const BASIS_WORDS = {
  'breach-price': 'breach price',
  'next-bar-open': 'next bar open',
  'last-price': 'last price',
} as const;

export function dayRows(r: ReplayResultView): DayRow[] {
  const names = new Map(r.accounts.map((a) => [a.id, a.name]));
  return r.days.map((d: ReplayDayView) => ({
    key: `${d.day}|${d.accountId}`,
    day: d.day,
    account: names.get(d.accountId) ?? `#${d.accountId}`,
    actual: d.actualPnl,
    replayed: d.replayedPnl,
    difference: Math.round((d.replayedPnl - d.actualPnl) * 100) / 100,
    fills: d.fills,
    removed: d.removedFills,
    locked: d.locked,
    cooldown: d.cooldown,
    fired: d.fired.map((f) => {
      const lock = f.lockout
        ? `, ${f.lockout.kind} ${f.lockout.until === null ? 'until its condition clears' : `until ${zoneDateTime(f.lockout.until, r.timeZone)}`}`
        : '';
      return `${zoneTime(f.at, r.timeZone)} ${f.ruleId}${f.monitorOnly ? ' (monitor: recorded only)' : ''}: ${f.reason}${lock}`;
    }),
    closes: d.closes.map(
      (c) =>
        `${zoneTime(c.at, r.timeZone)} closed ${c.size} ${c.contractId} @ ${c.price} (${BASIS_WORDS[c.basis]}), ${formatMoney(c.pnl)}`,
    ),
    approximate: d.approximate,
  }));
}

export interface CurveVM {
  width: number;
  height: number;
  actual: string;
  replayed: string;
  zeroY: number;
  /** Y-axis labels: top and bottom values with their y. */
  ticks: Array<{ y: number; label: string }>;
  firstDay: string;
  lastDay: string;
  label: string;
  plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * The equity curve of both series (cumulative P&L at each day's end, starting from 0 before
 * the first day): x by trading day, y scaled to include 0 and every value.
 */
export function curveVM(r: ReplayResultView, width = 640, height = 220): CurveVM {
  const plot = { left: 72, right: width - 12, top: 12, bottom: height - 28 };
  const values = [0, ...r.equity.flatMap((p) => [p.actual, p.replayed])];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1) {
    max += 1;
    min -= 1;
  }
  const n = r.equity.length;
  const x = (i: number) => plot.left + ((plot.right - plot.left) * i) / Math.max(1, n);
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * (v - min)) / (max - min);
  const line = (pick: (p: { actual: number; replayed: number }) => number) =>
    [
      `${x(0).toFixed(1)},${y(0).toFixed(1)}`,
      ...r.equity.map((p, i) => `${x(i + 1).toFixed(1)},${y(pick(p)).toFixed(1)}`),
    ].join(' ');
  const last = r.equity.at(-1);
  return {
    width,
    height,
    plot,
    actual: line((p) => p.actual),
    replayed: line((p) => p.replayed),
    zeroY: y(0),
    ticks: [
      { y: y(max), label: formatMoney(max) },
      { y: y(0), label: formatMoney(0) },
      { y: y(min), label: formatMoney(min) },
    ].filter((t, i, all) => all.findIndex((o) => Math.abs(o.y - t.y) < 12) === i),
    firstDay: r.equity[0] ? dayLabel(r.equity[0].day) : '',
    lastDay: last ? dayLabel(last.day) : '',
    label: last
      ? `Equity curve over ${n} trading days: as traded ends at ${formatMoney(last.actual)}, with the rules at ${formatMoney(last.replayed)}`
      : 'Equity curve: no days',
  };
}
