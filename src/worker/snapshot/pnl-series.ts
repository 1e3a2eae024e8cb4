import type { PnlPoint } from '../../messaging/snapshot';

/**
 * The intraday P&L line behind the popup's sparkline: one point per account at most every
 * `everyMs`, bounded, cleared when the trading day changes. Kept in memory only: after a
 * worker restart the line starts again from the current figure (the figures themselves are
 * persisted state).
 */
export function createPnlSeries(options: { everyMs?: number; maxPoints?: number } = {}) {
  const everyMs = options.everyMs ?? 10_000;
  const maxPoints = options.maxPoints ?? 600;
  const series = new Map<number, { day: string; points: PnlPoint[] }>();
  return {
    record(accountId: number, day: string, t: number, value: number): void {
      let s = series.get(accountId);
      if (!s || s.day !== day) {
        s = { day, points: [] };
        series.set(accountId, s);
      }
      const last = s.points[s.points.length - 1];
      if (last && t - last.t < everyMs) {
        // Within the sampling step the newest figure replaces the last point.
        s.points[s.points.length - 1] = { t: last.t, v: value };
        return;
      }
      s.points.push({ t, v: value });
      if (s.points.length > maxPoints) s.points.splice(0, s.points.length - maxPoints);
    },
    points(accountId: number): PnlPoint[] {
      return [...(series.get(accountId)?.points ?? [])];
    },
  };
}
