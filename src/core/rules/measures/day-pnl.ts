import type { Position } from '../../gateway/schemas';
import { realizedPnl } from '../../state/selectors';
import type { ReadContext, RuleContext } from '../rule';
import { removeIn, type SeenPosition, setIn } from '../rule-memory';
import { computeUnrealized } from './unrealized';

/**
 * The day's P&L (realized net of fees + open P&L) as a limit that trails the day's high must
 * see it: only from a SETTLED picture. The hub sends a fill's trade and its position update
 * separately, in either order. Trade first: for a moment the closed contracts count twice
 * (realized and still open), a false high; position first: the open P&L is gone before the
 * realized arrives, a false low. Either one against a trailing limit is a false breach. So the
 * account's positions are remembered with the number of closing trades seen for them; a
 * reduction seen on one side only (position smaller without a new closing trade, or a new
 * closing trade with the position unchanged) leaves the picture unsettled until the other
 * side arrives — at most SETTLE_MS, after which the picture is taken as it is (a lost event
 * must not silence the rule; reconciliation corrects the state).
 *
 *   settled ──one side of a reduction seen──▶ settling (no high, no judgement) ──other side / 10 s──▶ settled
 *
 * Only non-quote events can change trades or positions: a quote reads the remembered state
 * and costs no pass over the trades (unless a position is not remembered yet).
 */

export const SETTLE_MS = 10_000;

export type DayPnl =
  | { kind: 'known'; value: number }
  | { kind: 'unknown'; contractId: string }
  | { kind: 'settling'; contractId: string; until: number };

function closingTradesByContract(ctx: RuleContext<unknown>): Map<string, number> {
  const m = new Map<string, number>();
  for (const id in ctx.account.trades) {
    const t = ctx.account.trades[id];
    if (!t || t.voided || t.profitAndLoss === null || t.profitAndLoss === undefined) continue;
    m.set(t.contractId, (m.get(t.contractId) ?? 0) + 1);
  }
  return m;
}

function seen(p: Position, closes: number): SeenPosition {
  return { id: p.id, type: p.type, size: p.size, closes, pendingSince: null };
}

/** A position not remembered yet (the first event the rule sees may be a quote). */
function hasUnseen(ctx: RuleContext<unknown>): boolean {
  const seenNow = ctx.memory.seen ?? {};
  for (const c in ctx.account.positions) if (!seenNow[c]) return true;
  return false;
}

/** Brings `memory.seen` up to date with the account after a non-quote event. */
function track(ctx: RuleContext<unknown>): void {
  const before = ctx.memory.seen ?? {};
  const positions = ctx.account.positions;
  let closes: Map<string, number> | null = null;
  const closesOf = (c: string) => {
    closes ??= closingTradesByContract(ctx);
    return closes.get(c) ?? 0;
  };
  const keys = new Set([...Object.keys(before), ...Object.keys(positions)]);
  for (const c of keys) {
    const p = positions[c];
    const r = before[c];
    const n = closesOf(c);
    if (!r) {
      if (p) {
        const w = ctx.write();
        w.seen = setIn(w.seen, c, seen(p, n));
      }
      continue;
    }
    // Gone, another position (a new id, the other side) or fewer contracts: a reduction.
    const reduced = p === undefined || p.id !== r.id || p.type !== r.type || p.size < r.size;
    const closed = n > r.closes;
    const expired = r.pendingSince !== null && ctx.now - r.pendingSince >= SETTLE_MS;
    let next: SeenPosition | null | undefined; // undefined: unchanged; null: forget
    if (reduced === closed || expired) {
      // Both sides arrived (or nothing was reduced), or waited long enough: settled as it is.
      next = p ? seen(p, n) : null;
      if (next && r.pendingSince === null && next.size === r.size && next.closes === r.closes) next = undefined;
    } else if (r.pendingSince === null) {
      next = { ...r, pendingSince: ctx.now };
    }
    if (next === undefined) continue;
    const w = ctx.write();
    w.seen = next === null ? removeIn(w.seen, c) : setIn(w.seen, c, next);
  }
}

/** The day's P&L from a settled picture; `settling` while one side of a reduction is missing. */
export function dayPnl(ctx: RuleContext<unknown>): DayPnl {
  if (ctx.event.kind !== 'quote' || hasUnseen(ctx)) track(ctx);
  return settledDayPnl(ctx);
}

/**
 * The day's P&L from the picture as last tracked, tracking nothing: what `dayPnl` returns once
 * it has tracked, and what the meters read between events (the memory as the rules left it).
 */
export function settledDayPnl(ctx: Pick<RuleContext<unknown>, 'account' | 'memory' | 'now' | 'unrealized'>): DayPnl {
  const seenNow = ctx.memory.seen ?? {};
  for (const c in seenNow) {
    const since = seenNow[c]?.pendingSince;
    if (typeof since === 'number' && ctx.now - since < SETTLE_MS)
      return { kind: 'settling', contractId: c, until: since + SETTLE_MS };
  }
  const summary = ctx.unrealized();
  if (summary.unknownContractId !== null) return { kind: 'unknown', contractId: summary.unknownContractId };
  // Every cost counts, as in the balance a firm's limit (and TopstepX's own) follows.
  return { kind: 'known', value: realizedPnl(ctx.account) + summary.knownTotal };
}

/**
 * The day's P&L as a meter shows it: what the rules judge, from the picture they last settled,
 * or null where they judge nothing (another day's figures, an unknown price, a close half-arrived).
 */
export function meteredDayPnl(ctx: ReadContext<unknown>): number | null {
  if (ctx.account.tradingDay !== ctx.tradingDay.key) return null;
  const day = settledDayPnl({
    account: ctx.account,
    memory: ctx.memory,
    now: ctx.now,
    unrealized: () => computeUnrealized(ctx.account, ctx.market, { knownTotal: 0, unknownContractId: null }),
  });
  return day.kind === 'known' ? day.value : null;
}

/** When a settling picture is taken as it is (for nextDeadline), or null. */
export function settleDeadline(memory: { seen?: Record<string, SeenPosition> }): number | null {
  const seenNow = memory.seen ?? {};
  let next: number | null = null;
  for (const c in seenNow) {
    const since = seenNow[c]?.pendingSince;
    if (typeof since !== 'number') continue;
    const due = since + SETTLE_MS;
    if (next === null || due < next) next = due;
  }
  return next;
}
