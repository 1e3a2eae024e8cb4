import type { Contract, Position } from '../../gateway/schemas';
import type { MarketPrice } from '../../state/account-state';
import { positionUnrealizedPnl } from '../../state/selectors';
import type { ThresholdSettings } from '../catalog/unrealized-threshold';
import type { Decision } from '../decision';
import { money } from '../measures/money';
import { computeUnrealized } from '../measures/unrealized';
import type { ReadContext, RuleContext, RuleMeter } from '../rule';
import { crossedLevel, enforcement, NO_DECISIONS, warning } from './decide';
import { releaseClosedPositions, takeOnce } from './latches';

/**
 * `unrealizedLoss` and `unrealizedProfitTarget` are one mechanism with opposite signs: a
 * per-position threshold (close that position) and an account total (flatten, optionally locked
 * until the reset). Unknown unrealized P&L (no quote or no tick value yet) decides nothing and
 * is noted as unknown. This runs on every quote for every account holding the contract: it
 * allocates nothing unless it decides or warns.
 */

function positionValue(
  p: Position | undefined,
  contract: Contract | undefined,
  price: MarketPrice | undefined,
  sign: 1 | -1,
): number | null {
  if (!p) return null;
  const u = positionUnrealizedPnl(p, contract, price);
  return u === null ? null : sign * u;
}

function pushBreach(
  ctx: RuleContext<ThresholdSettings>,
  out: Decision[] | null,
  id: string,
  word: string,
  limit: number,
  contractId: string,
  value: number,
  sign: 1 | -1,
): Decision[] | null {
  const p = ctx.account.positions[contractId];
  if (!p || !takeOnce(ctx, `${id}|pos|${contractId}`, String(p.id), 0)) return out;
  const list = out ?? [];
  list.push(
    enforcement(
      ctx,
      id,
      { type: 'close-position', contractId },
      `Unrealized ${word} ${money(value)} on ${contractId} reached ${limit}`,
      { contractId, unrealizedPnl: money(sign * value), limit },
    ),
  );
  return list;
}

/**
 * Both rules' meter: the account's open P&L against its total, or (no total set) the position
 * furthest toward its own limit; unknown while a price is. Priced as `evaluate` prices them:
 * the engine's sum (computeUnrealized) and, per position, `positionValue`.
 */
export function thresholdMeter(
  ctx: ReadContext<ThresholdSettings>,
  /** -1: loss rule; +1: profit rule. */
  sign: 1 | -1,
  names: { total: string; position: string },
): RuleMeter | null {
  const s = ctx.settings;
  if (s.total !== null) {
    const summary = computeUnrealized(ctx.account, ctx.market, { knownTotal: 0, unknownContractId: null });
    const value = summary.unknownContractId !== null ? null : Math.max(0, sign * summary.knownTotal);
    return { name: names.total, value, limit: s.total, unit: 'USD' };
  }
  if (s.perPosition === null) return null;
  let worst = 0;
  const { contracts, prices } = ctx.market;
  for (const contractId in ctx.account.positions) {
    const v = positionValue(ctx.account.positions[contractId], contracts[contractId], prices[contractId], sign);
    if (v === null) return { name: names.position, value: null, limit: s.perPosition, unit: 'USD' };
    if (v > worst) worst = v;
  }
  return { name: names.position, value: worst, limit: s.perPosition, unit: 'USD' };
}

/** Warning keys of one threshold rule, built once (no string building per quote). */
export interface ThresholdKeys {
  position: string;
  total: string;
}

export function thresholdKeys(id: string): ThresholdKeys {
  return { position: `${id}:position`, total: `${id}:total` };
}

export function evaluateThreshold(
  ctx: RuleContext<ThresholdSettings>,
  id: string,
  keys: ThresholdKeys,
  /** -1: loss rule (breach at unrealized ≤ −x); +1: profit rule (breach at ≥ x). */
  sign: 1 | -1,
): Decision[] {
  const s = ctx.settings;
  let out: Decision[] | null = null;
  const word = sign < 0 ? 'loss' : 'profit';
  const event = ctx.event;
  if (event.kind === 'position') releaseClosedPositions(ctx, `${id}|pos|`);
  const positions = ctx.account.positions;
  const perPosition = s.perPosition;
  // Pure and computed once per account per event (shared with the other threshold rule).
  const summary = ctx.unrealized();
  // A quote moves one position's P&L only: per-position checks look at that one; other
  // events (positions, contracts) look at all. (No closure here: this runs per quote per account.)
  if (perPosition !== null) {
    let worst = 0;
    if (event.kind === 'quote') {
      const onlyId = event.contractId;
      // The engine's sum already priced the quoted position (focusValue); other callers look it up.
      const { contracts, prices } = ctx.market;
      const u =
        summary.focusValue !== undefined
          ? summary.focusValue
          : positionValue(positions[onlyId], contracts[onlyId], prices[onlyId], 1);
      if (u !== null) {
        const v = sign * u;
        if (v < perPosition) worst = v;
        else out = pushBreach(ctx, out, id, word, perPosition, onlyId, v, sign);
      }
    } else {
      const { contracts, prices } = ctx.market;
      for (const contractId in positions) {
        const v = positionValue(positions[contractId], contracts[contractId], prices[contractId], sign);
        if (v === null) continue;
        if (v < perPosition) {
          if (v > worst) worst = v;
        } else {
          out = pushBreach(ctx, out, id, word, perPosition, contractId, v, sign);
        }
      }
    }
    // The position nearest its limit without reaching it (none: worst stays 0, no level crossed).
    const key = keys.position;
    const level = crossedLevel(ctx, key, worst, perPosition);
    if (level > 0) {
      out ??= [];
      out.push(
        warning(
          ctx,
          id,
          key,
          level,
          worst / perPosition,
          `A position's unrealized ${word} is ${money(worst)} of ${perPosition}`,
          {
            unrealizedPnl: money(sign * worst),
            limit: perPosition,
          },
        ),
      );
    }
  }
  if (summary.unknownContractId !== null) {
    ctx.note(id, { unrealizedPnl: 'unknown', contractId: summary.unknownContractId });
    return out ?? NO_DECISIONS;
  }
  if (s.total === null) return out ?? NO_DECISIONS;
  const total = summary.knownTotal;
  const value = sign * total;
  if (value < s.total) {
    const key = keys.total;
    const level = crossedLevel(ctx, key, value, s.total);
    if (level > 0) {
      out ??= [];
      out.push(
        warning(ctx, id, key, level, value / s.total, `Account unrealized ${word} ${money(value)} of ${s.total}`, {
          unrealizedPnl: money(total),
          limit: s.total,
        }),
      );
    }
    return out ?? NO_DECISIONS;
  }
  const until = s.lockAfterTotal ? ctx.tradingDay.nextReset : 0;
  const sig = s.lockAfterTotal ? ctx.tradingDay.key : Object.keys(positions).sort().join(',');
  if (!takeOnce(ctx, `${id}|total`, sig, until)) return out ?? NO_DECISIONS;
  out ??= [];
  out.push(
    enforcement(
      ctx,
      id,
      { type: 'flatten' },
      `Account unrealized ${word} ${money(value)} reached ${s.total}`,
      { unrealizedPnl: money(total), limit: s.total },
      s.lockAfterTotal ? { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } } : undefined,
    ),
  );
  return out;
}
