import type { EnforcementAction } from '../rules/decision';

/**
 * The state the enforcer drives one account towards (docs/architecture.md, "Level-triggered
 * enforcement"). Decisions are folded into one DesiredState per account; merging is commutative and
 * idempotent, so two breaches at once, or the same decision twice, describe ONE target:
 *
 *   flatten + anything          → flat
 *   two max-total limits        → the smaller one (per counting mode)
 *   two size limits, one contract → the smaller one
 *   two stops, one contract     → the tighter one (never loosen)
 *
 * Plain data (arrays and records) so it is persisted as it is and survives a restart.
 */
export interface StopTarget {
  contractId: string;
  stopPrice: number;
  size: number;
  /** Side of the stop order: 1 (sell) protects a long, 0 (buy) protects a short. */
  side: 0 | 1;
}

export interface MaxTotal {
  maxContracts: number;
  counting: 'contracts' | 'mini';
}

export interface Cause {
  ruleId: string;
  action: EnforcementAction['type'] | 'lockout';
  reason: string;
}

export interface DesiredState {
  /** No working orders, no positions. */
  flat: boolean;
  maxTotals: MaxTotal[];
  /** Per contract id: the largest |size| allowed (0 = closed). */
  positionMax: Record<string, number>;
  /** Symbol roots (ticker form, e.g. `ES`) that may hold no position and no working order. */
  blockedRoots: string[];
  cancelOrderIds: number[];
  /** Per contract id: the protective stop to make sure of. */
  stops: Record<string, StopTarget>;
  causes: Cause[];
  /**
   * A lockout that leaves positions to the trader: contract id → the largest |size| that may
   * stay open; every other position is closed and only these positions' exit orders may work.
   * Absent when no such lockout is in force (and meaningless once `flat`).
   */
  keepOnly?: Record<string, number>;
}

const MAX_CAUSES = 20;

export function emptyDesired(): DesiredState {
  return { flat: false, maxTotals: [], positionMax: {}, blockedRoots: [], cancelOrderIds: [], stops: {}, causes: [] };
}

/** The desired state one action asks for on its own. */
export function desiredFromAction(action: EnforcementAction, cause: Cause): DesiredState {
  const d = emptyDesired();
  switch (action.type) {
    case 'flatten':
      d.flat = true;
      break;
    case 'reduce-total':
      d.maxTotals.push({ maxContracts: Math.max(0, action.maxContracts), counting: action.counting });
      break;
    case 'reduce-position':
      d.positionMax[action.contractId] = Math.max(0, Math.floor(action.maxSize));
      break;
    case 'close-position':
      d.positionMax[action.contractId] = 0;
      break;
    case 'cancel-order':
      d.cancelOrderIds.push(action.orderId);
      break;
    case 'protect-stop':
      d.stops[action.contractId] = {
        contractId: action.contractId,
        stopPrice: action.stopPrice,
        size: action.size,
        side: action.side,
      };
      break;
    case 'none':
      break;
  }
  if (action.type !== 'none') d.causes.push(cause);
  return d;
}

/** A stop at `a` is tighter than one at `b` for the position it protects. */
export function isTighter(side: 0 | 1, a: number, b: number): boolean {
  // A sell stop (long position) is tighter when higher; a buy stop (short) when lower.
  return side === 1 ? a > b : a < b;
}

function mergeStops(a: Record<string, StopTarget>, b: Record<string, StopTarget>): Record<string, StopTarget> {
  const out: Record<string, StopTarget> = { ...a };
  for (const [contractId, s] of Object.entries(b)) {
    const prev = out[contractId];
    if (!prev || prev.side !== s.side) {
      // Different side: the position reversed between decisions; the later decision wins.
      out[contractId] = s;
    } else if (isTighter(s.side, s.stopPrice, prev.stopPrice)) {
      out[contractId] = { ...s };
    } else if (s.stopPrice === prev.stopPrice) {
      // The same price: the later decision's size counts.
      out[contractId] = { ...prev, size: s.size };
    }
  }
  return out;
}

export function mergeDesired(a: DesiredState, b: DesiredState): DesiredState {
  const maxTotals: MaxTotal[] = [];
  for (const m of [...a.maxTotals, ...b.maxTotals]) {
    const same = maxTotals.find((x) => x.counting === m.counting);
    if (!same) maxTotals.push({ ...m });
    else same.maxContracts = Math.min(same.maxContracts, m.maxContracts);
  }
  const positionMax: Record<string, number> = { ...a.positionMax };
  for (const [k, v] of Object.entries(b.positionMax)) positionMax[k] = Math.min(positionMax[k] ?? v, v);
  const causes: Cause[] = [];
  for (const c of [...a.causes, ...b.causes]) {
    if (!causes.some((x) => x.ruleId === c.ruleId && x.action === c.action)) causes.push(c);
  }
  const merged: DesiredState = {
    flat: a.flat || b.flat,
    maxTotals,
    positionMax,
    blockedRoots: [...new Set([...a.blockedRoots, ...b.blockedRoots])],
    cancelOrderIds: [...new Set([...a.cancelOrderIds, ...b.cancelOrderIds])],
    stops: mergeStops(a.stops, b.stops),
    causes: causes.slice(-MAX_CAUSES),
  };
  const keepOnly = mergeKeep(a.keepOnly, b.keepOnly);
  if (keepOnly) merged.keepOnly = keepOnly;
  return merged;
}

/** Two "keep only these" lists: what both keep, at the smaller size. */
export function mergeKeep(
  a: Record<string, number> | undefined,
  b: Record<string, number> | undefined,
): Record<string, number> | undefined {
  if (!a) return b ? { ...b } : undefined;
  if (!b) return { ...a };
  const out: Record<string, number> = {};
  for (const [c, n] of Object.entries(a)) {
    const m = b[c];
    if (m !== undefined) out[c] = Math.min(n, m);
  }
  return out;
}

export function isEmptyDesired(d: DesiredState): boolean {
  return (
    !d.flat &&
    d.maxTotals.length === 0 &&
    Object.keys(d.positionMax).length === 0 &&
    d.blockedRoots.length === 0 &&
    d.cancelOrderIds.length === 0 &&
    Object.keys(d.stops).length === 0 &&
    d.keepOnly === undefined
  );
}

/** What one action asks for, in the trader's words (journal, "would have …"). */
export function describeAction(a: EnforcementAction): string {
  switch (a.type) {
    case 'flatten':
      return 'flatten the account';
    case 'reduce-total':
      return `reduce to ${a.maxContracts} ${a.counting === 'mini' ? 'mini-equivalents' : 'contracts'}`;
    case 'reduce-position':
      return `reduce ${a.contractId} to ${a.maxSize}`;
    case 'close-position':
      return `close ${a.contractId}`;
    case 'cancel-order':
      return `cancel order ${a.orderId}`;
    case 'protect-stop':
      return `put a stop on ${a.contractId} at ${a.stopPrice}`;
    case 'none':
      return 'take no trading action';
  }
}

/** A short human description for the journal and the UI ("flat", "≤ 3 contracts", …). */
export function describeDesired(d: DesiredState): string {
  if (d.flat) return 'flat, no working orders';
  const parts: string[] = [];
  for (const m of d.maxTotals)
    parts.push(`≤ ${m.maxContracts} ${m.counting === 'mini' ? 'mini-equivalents' : 'contracts'}`);
  for (const [c, n] of Object.entries(d.positionMax)) parts.push(n === 0 ? `no position in ${c}` : `|${c}| ≤ ${n}`);
  for (const r of d.blockedRoots) parts.push(`nothing in ${r}`);
  for (const id of d.cancelOrderIds) parts.push(`order ${id} cancelled`);
  for (const s of Object.values(d.stops)) parts.push(`stop ${s.contractId} at ${s.stopPrice} or tighter`);
  if (d.keepOnly) {
    const kept = Object.entries(d.keepOnly).map(([c, n]) => `${c} ≤ ${n}`);
    parts.push(kept.length > 0 ? `no new exposure (kept: ${kept.join(', ')})` : 'no new exposure');
  }
  return parts.length === 0 ? 'nothing to enforce' : parts.join('; ');
}

/** What was open on an account at one moment: the positions' contracts and the working orders. */
export interface Exposure {
  contractIds: string[];
  orderIds: number[];
}

/**
 * An unfinished target carried across the trading-day reset, narrowed to what was open at the
 * reset: "flat" becomes "close these contracts, cancel these orders", so a flatten the market
 * refused (daily break, weekend) still closes the breach's positions when it reopens but never
 * what the trader opens in the new day. Total-size limits are dropped: the rules decide them
 * again under the new day's config (a loosening pending until the reset applies now).
 */
export function pinToExposure(d: DesiredState, exposure: Exposure): DesiredState {
  const pinned: DesiredState = { ...d, maxTotals: [], positionMax: { ...d.positionMax } };
  if (!d.flat) return pinned;
  pinned.flat = false;
  for (const contractId of exposure.contractIds) pinned.positionMax[contractId] = 0;
  pinned.cancelOrderIds = [...new Set([...d.cancelOrderIds, ...exposure.orderIds])];
  return pinned;
}
