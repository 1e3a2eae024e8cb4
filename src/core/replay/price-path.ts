import type { Bar } from '../gateway/schemas';
import { parseTimestamp } from '../state/timestamp';

/**
 * Prices between fills, from minute bars. A bar says where the price was within its minute,
 * not in which order; the replay walks each bar as four quotes, 15 s apart: open, the extreme
 * against the bar's direction first (low of an up bar, high of a down bar), then the other
 * extreme, then close. That is the usual convention, and it lets an open-P&L limit see the
 * bar's worst price, never only its close.
 *
 * Only contracts with an open replayed position get quotes (nothing reads a price otherwise),
 * so a month of bars costs quotes only for the minutes positions were open.
 */

export interface PathQuote {
  contractId: string;
  at: number;
  price: number;
}

export interface PricePath {
  readonly loaded: boolean;
  /** The first bar quote strictly after `after` among `contractIds`, or null. */
  nextQuote(contractIds: readonly string[], after: number): PathQuote | null;
  /** The open of the first bar starting at or after `at`, or null (no bars, or none after). */
  nextOpen(contractId: string, at: number): number | null;
}

interface TimedBar {
  t: number;
  bar: Bar;
}

const STEP_MS = 15_000;
const STEPS = 4;

function quotePrice(bar: Bar, step: number): number {
  if (step === 0) return bar.o;
  if (step === STEPS - 1) return bar.c;
  const up = bar.c >= bar.o;
  const first = up ? bar.l : bar.h;
  const second = up ? bar.h : bar.l;
  return step === 1 ? first : second;
}

/** Index of the first bar whose start is ≥ `at` (bars.length when none). */
function firstAtOrAfter(bars: readonly TimedBar[], at: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bars[mid] as TimedBar).t < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createPricePath(bars: Record<string, Bar[]> | null): PricePath {
  const byContract = new Map<string, TimedBar[]>();
  for (const [contractId, list] of Object.entries(bars ?? {})) {
    const timed: TimedBar[] = [];
    for (const bar of list) {
      const t = parseTimestamp(bar.t);
      if (t !== null) timed.push({ t, bar });
    }
    timed.sort((a, b) => a.t - b.t);
    byContract.set(contractId, timed);
  }

  function nextFor(contractId: string, after: number): PathQuote | null {
    const list = byContract.get(contractId);
    if (!list || list.length === 0) return null;
    // The bar holding `after` may still have quotes after it: start one bar earlier.
    for (let i = Math.max(0, firstAtOrAfter(list, after) - 1); i < list.length; i++) {
      const b = list[i] as TimedBar;
      for (let s = 0; s < STEPS; s++) {
        const at = b.t + s * STEP_MS;
        if (at > after) return { contractId, at, price: quotePrice(b.bar, s) };
      }
    }
    return null;
  }

  return {
    loaded: bars !== null,
    nextQuote(contractIds, after) {
      let best: PathQuote | null = null;
      for (const id of contractIds) {
        const q = nextFor(id, after);
        if (q && (!best || q.at < best.at)) best = q;
      }
      return best;
    },
    nextOpen(contractId, at) {
      const list = byContract.get(contractId);
      if (!list) return null;
      const b = list[firstAtOrAfter(list, at)];
      return b ? b.bar.o : null;
    },
  };
}
