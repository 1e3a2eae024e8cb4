import { OrderType, PositionType, WORKING_ORDER_STATUSES } from '../gateway/enums';
import type { Order, Position } from '../gateway/schemas';
import { contractRoot, miniWeight, tickerOf } from '../gateway/symbols';
import { type PositionLot, resizeLots } from '../state/position-lots';
import { type DesiredState, isTighter } from './desired-state';

/**
 * The planner: given the desired state and the REAL state just read through REST, the steps
 * that close the gap. Pure, so "repeat it and nothing more happens" is a property of the
 * data: once the account is at the desired state the plan is empty.
 *
 * Order of steps (the executor keeps it): cancels and order fixes first (so no stop or
 * target fills after a close and reverses the account), then closes and reductions, then
 * protective stops.
 */
export type PlanStep =
  | { type: 'cancel'; orderId: number; contractId: string; why: string }
  | { type: 'resize-order'; orderId: number; contractId: string; size: number; why: string }
  | { type: 'close'; contractId: string; openSize: number; why: string }
  | { type: 'reduce'; contractId: string; by: number; openSize: number; why: string }
  | { type: 'place-stop'; contractId: string; side: 0 | 1; size: number; stopPrice: number; positionId: number }
  | { type: 'tighten-stop'; orderId: number; contractId: string; stopPrice: number; size: number; fromPrice: number };

export interface RealState {
  positions: Position[];
  /** Working orders only (open, pending, suspended, pending-cancellation). */
  orders: Order[];
}

export interface PlanOptions {
  /** When the guard first saw a position open (AccountState.positionOpenedAt); else creationTimestamp. */
  openedAt?: (contractId: string) => number | undefined;
  /** Contracts whose last action said "done" but whose size did not move yet: leave them one round. */
  suspect?: ReadonlySet<string>;
  /** The position's lots as the guard saw them added (AccountState.positionLots), oldest first. */
  lots?: (contractId: string) => readonly PositionLot[] | undefined;
}

const STOP_TYPES: ReadonlySet<number> = new Set([OrderType.Stop, OrderType.StopLimit, OrderType.TrailingStop]);

export function isWorking(order: Order): boolean {
  return WORKING_ORDER_STATUSES.has(order.status);
}

/** An order that can only reduce `p` (opposite side, no larger than it): a stop or target. */
export function isExitOf(o: Order, p: Position): boolean {
  return o.contractId === p.contractId && o.side === reducingSide(p) && o.size <= Math.abs(p.size);
}

function rootOf(contractId: string): string {
  return tickerOf(contractRoot(contractId));
}

/** Side of an order that reduces this position: sell (1) for a long, buy (0) for a short. */
export function reducingSide(p: Position): 0 | 1 {
  return p.type === PositionType.Short ? 0 : 1;
}

function openedAtOf(p: Position, opts: PlanOptions): number {
  const seen = opts.openedAt?.(p.contractId);
  if (seen !== undefined) return seen;
  const t = Date.parse(p.creationTimestamp);
  return Number.isNaN(t) ? 0 : t;
}

/** Target |size| per contract after every position constraint, never above what is open. */
export function positionTargets(
  desired: DesiredState,
  positions: Position[],
  opts: PlanOptions = {},
): Map<string, number> {
  const blocked = new Set(desired.blockedRoots.map((r) => tickerOf(r)));
  const targets = new Map<string, number>();
  for (const p of positions) {
    const open = Math.abs(p.size);
    let t = open;
    if (desired.flat || blocked.has(rootOf(p.contractId))) t = 0;
    if (desired.keepOnly) t = Math.min(t, desired.keepOnly[p.contractId] ?? 0);
    const max = desired.positionMax[p.contractId];
    if (max !== undefined) t = Math.min(t, max);
    targets.set(p.contractId, Math.max(0, t));
  }
  if (desired.maxTotals.length === 0) return targets;
  // Total limits: take from the NEWEST exposure first — the lots added last, across positions
  // (scaling an older position past the limit cuts what was just added to it). Ties broken by
  // position and contract id for determinism.
  const newestFirst = exposureLots(positions, targets, opts).sort(
    (a, b) => b.at - a.at || b.id - a.id || a.contractId.localeCompare(b.contractId),
  );
  // What each lot gave up already (a second limit in another counting continues from there).
  const taken = new Map<ExposureLot, number>();
  for (const m of desired.maxTotals) {
    // Integer tenths so 0.1-weighted micros add up exactly.
    const w = (c: string) => (m.counting === 'mini' ? Math.round(miniWeight(c) * 10) : 10);
    const limit = Math.round(m.maxContracts * 10);
    let total = 0;
    for (const p of positions) total += (targets.get(p.contractId) ?? 0) * w(p.contractId);
    for (const lot of newestFirst) {
      if (total <= limit) break;
      const cur = targets.get(lot.contractId) ?? 0;
      const weight = w(lot.contractId);
      const left = lot.size - (taken.get(lot) ?? 0);
      const cut = Math.min(cur, left, Math.ceil((total - limit) / weight));
      if (cut <= 0) continue;
      taken.set(lot, (taken.get(lot) ?? 0) + cut);
      targets.set(lot.contractId, cur - cut);
      total -= cut * weight;
    }
  }
  return targets;
}

interface ExposureLot {
  contractId: string;
  id: number;
  size: number;
  at: number;
}

/**
 * Every position's target split into lots. Without lots the position is one lot at its opening
 * time; lots fitted to the size read from REST, contracts the guard has not seen added yet
 * being the newest of all (they are what just happened). A target of 0 gives no lot or one of
 * size 0, which is never cut.
 */
function exposureLots(positions: Position[], targets: Map<string, number>, opts: PlanOptions): ExposureLot[] {
  return positions.flatMap((p) => {
    const size = targets.get(p.contractId) ?? 0;
    const known = opts.lots?.(p.contractId);
    const lots =
      known && known.length > 0
        ? resizeLots(known, size, Number.MAX_SAFE_INTEGER)
        : [{ size, at: openedAtOf(p, opts) }];
    return lots.map((lot) => ({ contractId: p.contractId, id: p.id, size: lot.size, at: lot.at }));
  });
}

export function planSteps(desired: DesiredState, real: RealState, opts: PlanOptions = {}): PlanStep[] {
  const orders = real.orders.filter(isWorking);
  const positions = real.positions.filter((p) => p.size !== 0);
  const blocked = new Set(desired.blockedRoots.map((r) => tickerOf(r)));
  const targets = positionTargets(desired, positions, opts);
  const byContract = new Map(positions.map((p) => [p.contractId, p]));

  const orderSteps: PlanStep[] = [];
  const cancelled = new Set<number>();
  const cancel = (o: Order, why: string) => {
    if (cancelled.has(o.id)) return;
    cancelled.add(o.id);
    orderSteps.push({ type: 'cancel', orderId: o.id, contractId: o.contractId, why });
  };
  const keep = desired.keepOnly;
  for (const o of orders) {
    if (desired.flat) cancel(o, 'flatten');
    else if (blocked.has(rootOf(o.contractId))) cancel(o, `symbol ${rootOf(o.contractId)} blocked`);
    else if (desired.cancelOrderIds.includes(o.id)) cancel(o, 'cancel-order');
    else if (keep) {
      const p = byContract.get(o.contractId);
      if (!p || keep[o.contractId] === undefined || !isExitOf(o, p))
        cancel(o, 'locked: only exits of the positions left open');
    }
  }
  // Orders that would reduce a position past its new size would reverse it once filled.
  for (const o of orders) {
    if (cancelled.has(o.id)) continue;
    const p = byContract.get(o.contractId);
    const target = targets.get(o.contractId);
    if (!p || target === undefined || target >= Math.abs(p.size) || o.side !== reducingSide(p)) continue;
    if (target === 0) cancel(o, 'position closed: its exit order would open a new one');
    else if (o.size > target)
      orderSteps.push({
        type: 'resize-order',
        orderId: o.id,
        contractId: o.contractId,
        size: target,
        why: 'exit order larger than the reduced position',
      });
  }

  const positionSteps: PlanStep[] = [];
  for (const p of positions) {
    if (opts.suspect?.has(p.contractId)) continue;
    const open = Math.abs(p.size);
    const target = targets.get(p.contractId) ?? open;
    if (target >= open) continue;
    const why = desired.flat ? 'flatten' : blocked.has(rootOf(p.contractId)) ? 'symbol blocked' : 'over the limit';
    if (target === 0) positionSteps.push({ type: 'close', contractId: p.contractId, openSize: open, why });
    else positionSteps.push({ type: 'reduce', contractId: p.contractId, by: open - target, openSize: open, why });
  }

  const stopSteps: PlanStep[] = [];
  for (const s of Object.values(desired.stops)) {
    const p = byContract.get(s.contractId);
    if (!p || opts.suspect?.has(s.contractId)) continue;
    const size = Math.min(s.size > 0 ? s.size : Math.abs(p.size), targets.get(p.contractId) ?? Math.abs(p.size));
    if (size <= 0 || reducingSide(p) !== s.side) continue; // the stop no longer fits the position
    const existing = orders.filter(
      (o) => !cancelled.has(o.id) && o.contractId === s.contractId && o.side === s.side && STOP_TYPES.has(o.type),
    );
    if (existing.length === 0) {
      stopSteps.push({
        type: 'place-stop',
        contractId: s.contractId,
        side: s.side,
        size,
        stopPrice: s.stopPrice,
        positionId: p.id,
      });
      continue;
    }
    // One stop per position: work on the tightest existing one; an unpriced (trailing) stop is left alone.
    const priced = existing.filter((o) => typeof o.stopPrice === 'number');
    if (priced.length < existing.length) continue;
    let best = priced[0] as Order;
    for (const o of priced) if (isTighter(s.side, o.stopPrice as number, best.stopPrice as number)) best = o;
    const bestPrice = best.stopPrice as number;
    if (isTighter(s.side, s.stopPrice, bestPrice)) {
      stopSteps.push({
        type: 'tighten-stop',
        orderId: best.id,
        contractId: s.contractId,
        stopPrice: s.stopPrice,
        size: Math.min(best.size, size),
        fromPrice: bestPrice,
      });
    }
  }
  return [...orderSteps, ...positionSteps, ...stopSteps];
}
