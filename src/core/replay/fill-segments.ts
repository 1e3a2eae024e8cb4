import { OrderSide } from '../gateway/enums';
import type { Trade } from '../gateway/schemas';
import { parseTimestamp } from '../state/timestamp';

/**
 * The trader's fills as they happened, cut into parts that each open, add to or close one
 * position "segment" (flat → open → … → flat, per account and contract). The replay removes
 * whole segments, never single fills out of their context: a segment whose opening fill falls
 * in a lockout never happened (its exits neither), and a segment the guard closed ends there
 * (the trader's later exits of that position did not happen). A fill that reverses the
 * position (long 2 → short 1) is two parts: the close of one segment and the open of the next.
 *
 * A closing fill (profitAndLoss set) while the fills seen so far say flat closes a position
 * opened BEFORE the range: such a part is `carried` and taken as it happened.
 *
 *   flat ──open──▶ open ──add──▶ open ──close (to 0)──▶ flat
 *                    └────close past 0 (reversal)──▶ close part + open part of a new segment
 */

export type PartRole = 'open' | 'add' | 'close' | 'carried';

export interface FillPart {
  trade: Trade;
  at: number;
  accountId: number;
  contractId: string;
  /** Signed contracts of this part: + bought, − sold. */
  qty: number;
  price: number;
  role: PartRole;
  segment: number;
  /** Gross realized P&L the gateway gave (closing parts carry all of the trade's; else null). */
  pnl: number | null;
  /** This part's share of the trade's fees, by size. */
  fees: number;
  /** This part's share of the trade's commissions, by size. */
  commissions: number;
  /** Whether this part is the whole trade (a reversal splits it in two). */
  whole: boolean;
}

export interface SplitResult {
  parts: FillPart[];
  voided: number;
  unreadable: number;
}

/** Non-voided trades in time order (id breaks ties), cut into parts. */
export function splitFills(trades: readonly Trade[]): SplitResult {
  let voided = 0;
  let unreadable = 0;
  const timed: Array<{ t: Trade; at: number }> = [];
  for (const t of trades) {
    if (t.voided) {
      voided++;
      continue;
    }
    const at = parseTimestamp(t.creationTimestamp);
    if (at === null || !(t.size > 0)) {
      unreadable++;
      continue;
    }
    timed.push({ t, at });
  }
  timed.sort((a, b) => a.at - b.at || a.t.id - b.t.id);
  const seen = new Set<number>();
  const open = new Map<string, { size: number; segment: number }>();
  let nextSegment = 1;
  const parts: FillPart[] = [];
  for (const { t, at } of timed) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const key = `${t.accountId}|${t.contractId}`;
    const qty = t.side === OrderSide.Bid ? t.size : -t.size;
    const fees = t.fees ?? 0;
    const commissions = t.commissions ?? 0;
    const costs = { fees, commissions };
    const pnl = t.profitAndLoss ?? null;
    const base = { trade: t, at, accountId: t.accountId, contractId: t.contractId, price: t.price };
    const pos = open.get(key) ?? { size: 0, segment: 0 };
    if (pos.size === 0) {
      if (pnl !== null) {
        parts.push({ ...base, qty, role: 'carried', segment: nextSegment++, pnl, ...costs, whole: true });
        continue;
      }
      const segment = nextSegment++;
      open.set(key, { size: qty, segment });
      parts.push({ ...base, qty, role: 'open', segment, pnl, ...costs, whole: true });
      continue;
    }
    if (Math.sign(qty) === Math.sign(pos.size)) {
      open.set(key, { size: pos.size + qty, segment: pos.segment });
      parts.push({ ...base, qty, role: 'add', segment: pos.segment, pnl, ...costs, whole: true });
      continue;
    }
    if (Math.abs(qty) <= Math.abs(pos.size)) {
      const left = pos.size + qty;
      open.set(key, { size: left, segment: pos.segment });
      parts.push({ ...base, qty, role: 'close', segment: pos.segment, pnl, ...costs, whole: true });
      continue;
    }
    // Reversal: close what is open, open the rest the other way.
    const closeQty = -pos.size;
    const share = Math.abs(closeQty) / t.size;
    const closeCosts = { fees: fees * share, commissions: commissions * share };
    parts.push({ ...base, qty: closeQty, role: 'close', segment: pos.segment, pnl, ...closeCosts, whole: false });
    const segment = nextSegment++;
    const rest = qty - closeQty;
    open.set(key, { size: rest, segment });
    const openCosts = { fees: fees - closeCosts.fees, commissions: commissions - closeCosts.commissions };
    parts.push({ ...base, qty: rest, role: 'open', segment, pnl: null, ...openCosts, whole: false });
  }
  return { parts, voided, unreadable };
}
