import type { SimContract } from '../catalogue';
import type { PriceTick } from '../prices';
import type { Prng } from '../prng';
import { roundToTick } from '../time-format';

/**
 * The market of past trading days, for History/retrieveBars and the past trader: per contract
 * a seeded random walk through each day's session, four prices a minute (at :00, :15, :30 and
 * :45), so a minute bar's open, high, low and close and every past fill come from one path.
 * Each day opens with a gap from the day before; some days trend (a drift for the whole day).
 */

export interface PastSession {
  /** Trading-day key, e.g. '2026-11-18'. */
  day: string;
  /** Epoch ms of the session's first and (exclusive) last minute. */
  open: number;
  close: number;
}

export interface PastMarket {
  readonly sessions: readonly PastSession[];
  /** The price at a quarter-minute instant of a session (null outside the sessions). */
  priceAt(contractId: string, at: number): number | null;
  ticks(contractId: string, fromMs: number, toMs: number): PriceTick[];
}

const QUARTER_MS = 15_000;
/** Random-walk size per quarter minute, in the contract's `stepTicks` (its live random walk's unit). */
const STEP_SCALE = 1.6;

export function createPastMarket(options: {
  contracts: readonly SimContract[];
  sessions: readonly PastSession[];
  prng: Prng;
}): PastMarket {
  const { sessions, prng } = options;
  // Per contract, per session: the quarter-minute prices.
  const paths = new Map<string, Float64Array[]>();
  for (const c of options.contracts) {
    let last = c.startPrice;
    const days: Float64Array[] = [];
    for (const s of sessions) {
      const n = Math.ceil((s.close - s.open) / QUARTER_MS);
      const path = new Float64Array(n);
      const drift = prng.normal() * 0.25 * c.stepTicks;
      let p = roundToTick(last + prng.normal() * c.stepTicks * 8 * c.tickSize, c.tickSize);
      for (let i = 0; i < n; i++) {
        const move = Math.round(drift + prng.normal() * c.stepTicks * STEP_SCALE);
        p = Math.max(c.tickSize, roundToTick(p + move * c.tickSize, c.tickSize));
        path[i] = p;
      }
      days.push(path);
      last = p;
    }
    paths.set(c.id, days);
  }

  const locate = (at: number): { day: number; i: number } | null => {
    for (let d = 0; d < sessions.length; d++) {
      const s = sessions[d] as PastSession;
      if (at >= s.open && at < s.close) return { day: d, i: Math.floor((at - s.open) / QUARTER_MS) };
    }
    return null;
  };

  return {
    sessions,
    priceAt(contractId, at) {
      const where = locate(at);
      if (!where) return null;
      return paths.get(contractId)?.[where.day]?.[where.i] ?? null;
    },
    ticks(contractId, fromMs, toMs) {
      const days = paths.get(contractId);
      if (!days) return [];
      const out: PriceTick[] = [];
      sessions.forEach((s, d) => {
        if (s.close <= fromMs || s.open > toMs) return;
        const path = days[d] as Float64Array;
        const first = Math.max(0, Math.ceil((fromMs - s.open) / QUARTER_MS));
        for (let i = first; i < path.length; i++) {
          const at = s.open + i * QUARTER_MS;
          if (at > toMs) break;
          out.push({ at, price: path[i] as number, volume: 1 + ((i * 7) % 5) });
        }
      });
      return out;
    },
  };
}
