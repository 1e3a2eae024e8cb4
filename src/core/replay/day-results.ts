import { money } from '../rules/measures/money';
import type {
  CountAndSum,
  DayFigure,
  EquityPoint,
  FiredRule,
  GuardClose,
  ReplayDay,
  ReplayRange,
  ReplayTotals,
} from './replay-types';

/**
 * Collects what happened, fill by fill, into one row per account and trading day, and the
 * totals over the range. Both P&L figures are realized P&L as the live guard counts it (net of
 * fees and commissions, each as the config counts them: the figures the rules judge and the
 * popup shows). Drawdowns are measured on realized P&L
 * after every fill (and every close the guard would have made), not only at day ends.
 */
export interface DayRecorder {
  /** One fill (or part of one) as it happened; `fill` counts it as a fill (a reversal's second part does not). */
  actual(day: string, accountId: number, at: number, net: number, fill: boolean): void;
  replayed(day: string, accountId: number, at: number, net: number): void;
  removed(day: string, accountId: number): void;
  fired(day: string, f: FiredRule): void;
  /** A lockout or cooldown bit this day: it closed something, blocked a fill, or locked the rest of the day. */
  locked(day: string, accountId: number, kind: 'lockout' | 'cooldown'): void;
  close(day: string, c: GuardClose): void;
  approximate(day: string, accountId: number, reason: string): void;
  finish(range: ReplayRange): { days: ReplayDay[]; totals: ReplayTotals; equity: EquityPoint[] };
}

function maxDrawdown(points: Array<{ at: number; net: number }>): number {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  let equity = 0;
  let peak = 0;
  let worst = 0;
  for (const p of sorted) {
    equity += p.net;
    if (equity > peak) peak = equity;
    if (peak - equity > worst) worst = peak - equity;
  }
  return money(worst);
}

function worst(figures: DayFigure[]): DayFigure | null {
  let w: DayFigure | null = null;
  for (const f of figures) if (!w || f.pnl < w.pnl) w = f;
  return w ? { day: w.day, pnl: money(w.pnl) } : null;
}

export function createDayRecorder(): DayRecorder {
  const rows = new Map<string, ReplayDay>();
  const actualPoints: Array<{ at: number; net: number }> = [];
  const replayedPoints: Array<{ at: number; net: number }> = [];

  const row = (day: string, accountId: number): ReplayDay => {
    const key = `${day}|${accountId}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        day,
        accountId,
        actualPnl: 0,
        replayedPnl: 0,
        fills: 0,
        removedFills: 0,
        fired: [],
        closes: [],
        locked: false,
        cooldown: false,
        approximate: [],
      };
      rows.set(key, r);
    }
    return r;
  };

  return {
    actual(day, accountId, at, net, fill) {
      const r = row(day, accountId);
      r.actualPnl += net;
      if (fill) r.fills += 1;
      actualPoints.push({ at, net });
    },
    replayed(day, accountId, at, net) {
      row(day, accountId).replayedPnl += net;
      replayedPoints.push({ at, net });
    },
    removed(day, accountId) {
      row(day, accountId).removedFills += 1;
    },
    fired(day, f) {
      row(day, f.accountId).fired.push(f);
    },
    locked(day, accountId, kind) {
      const r = row(day, accountId);
      if (kind === 'cooldown') r.cooldown = true;
      else r.locked = true;
    },
    close(day, c) {
      row(day, c.accountId).closes.push(c);
    },
    approximate(day, accountId, reason) {
      const r = row(day, accountId);
      if (!r.approximate.includes(reason)) r.approximate.push(reason);
    },
    finish(range) {
      const days = [...rows.values()]
        .map((r) => ({ ...r, actualPnl: money(r.actualPnl), replayedPnl: money(r.replayedPnl) }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.accountId - b.accountId);
      // Per trading day over all accounts: what the trader's total did that day.
      const byDay = new Map<string, { actual: number; replayed: number; traded: boolean }>();
      for (const r of days) {
        const d = byDay.get(r.day) ?? { actual: 0, replayed: 0, traded: false };
        d.actual += r.actualPnl;
        d.replayed += r.replayedPnl;
        d.traded ||= r.fills > 0;
        byDay.set(r.day, d);
      }
      const better: CountAndSum = { days: 0, sum: 0 };
      const worse: CountAndSum = { days: 0, sum: 0 };
      const cut: CountAndSum = { days: 0, sum: 0 };
      for (const d of byDay.values()) {
        const diff = money(d.replayed - d.actual);
        if (diff > 0) {
          better.days++;
          better.sum += diff;
        } else if (diff < 0) {
          worse.days++;
          worse.sum += diff;
          if (d.actual > 0) {
            cut.days++;
            cut.sum += diff;
          }
        }
      }
      const traded = [...byDay.entries()].filter(([, d]) => d.traded);
      const actualPnl = money(days.reduce((s, r) => s + r.actualPnl, 0));
      const replayedPnl = money(days.reduce((s, r) => s + r.replayedPnl, 0));
      const lockedDays = new Set(days.filter((r) => r.locked).map((r) => r.day));
      const cooldownDays = new Set(days.filter((r) => r.cooldown).map((r) => r.day));
      const totals: ReplayTotals = {
        tradingDays: range.days.length,
        tradedDays: traded.length,
        actualPnl,
        replayedPnl,
        difference: money(replayedPnl - actualPnl),
        daysLocked: lockedDays.size,
        daysWithCooldown: cooldownDays.size,
        worstDayActual: worst(traded.map(([day, d]) => ({ day, pnl: d.actual }))),
        worstDayReplayed: worst(traded.map(([day, d]) => ({ day, pnl: d.replayed }))),
        maxDrawdownActual: maxDrawdown(actualPoints),
        maxDrawdownReplayed: maxDrawdown(replayedPoints),
        daysBetter: { days: better.days, sum: money(better.sum) },
        daysWorse: { days: worse.days, sum: money(worse.sum) },
        profitableDaysCut: { days: cut.days, sum: money(cut.sum) },
        fills: days.reduce((s, r) => s + r.fills, 0),
        removedFills: days.reduce((s, r) => s + r.removedFills, 0),
        guardCloses: days.reduce((s, r) => s + r.closes.length, 0),
      };
      const equity: EquityPoint[] = [];
      let a = 0;
      let b = 0;
      for (const day of range.days) {
        const d = byDay.get(day);
        if (d) {
          a += d.actual;
          b += d.replayed;
        }
        equity.push({ day, actual: money(a), replayed: money(b) });
      }
      return { days, totals, equity };
    },
  };
}
