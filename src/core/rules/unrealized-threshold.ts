import { positionUnrealizedPnl } from '../state/selectors';
import type { Decision } from './decision';
import {
  type BaseSettings,
  crossedLevel,
  enforcement,
  money,
  NO_DECISIONS,
  type RuleContext,
  releaseClosedPositions,
  takeOnce,
  warning,
} from './rule';

/**
 * Rules 4 and 5 are one mechanism with opposite signs: a per-position threshold (close that
 * position) and an account total (flatten, optionally locked until the reset). Unknown
 * unrealized P&L (no quote or no tick value yet) decides nothing and is noted as unknown.
 * This runs on every quote for every account holding the contract: it allocates nothing
 * unless it decides or warns.
 */

export interface ThresholdSettings extends BaseSettings {
  perPosition: number | null;
  total: number | null;
  lockAfterTotal: boolean;
}

export function evaluateThreshold(
  ctx: RuleContext<ThresholdSettings>,
  id: string,
  /** -1: loss rule (breach at unrealized ≤ −x); +1: profit rule (breach at ≥ x). */
  sign: 1 | -1,
): Decision[] {
  const s = ctx.settings;
  let out: Decision[] | null = null;
  const word = sign < 0 ? 'loss' : 'profit';
  if (ctx.event.kind === 'position') releaseClosedPositions(ctx, `${id}|pos|`);
  const positions = ctx.account.positions;
  const { contracts, prices } = ctx.market;
  let total = 0;
  let unknown: string | null = null;
  let worst = 0;
  for (const contractId in positions) {
    const p = positions[contractId];
    if (!p) continue;
    const u = positionUnrealizedPnl(p, contracts[contractId], prices[contractId]);
    if (u === null) {
      unknown = contractId;
      continue;
    }
    total += u;
    if (s.perPosition === null) continue;
    const value = sign * u;
    if (value < s.perPosition) {
      if (value > worst) worst = value;
      continue;
    }
    if (takeOnce(ctx, `${id}|pos|${contractId}`, String(p.id), 0)) {
      out ??= [];
      out.push(
        enforcement(
          ctx,
          id,
          { type: 'close-position', contractId },
          `Unrealized ${word} ${money(value)} on ${contractId} reached ${s.perPosition}`,
          { contractId, unrealizedPnl: money(u), limit: s.perPosition },
        ),
      );
    }
  }
  if (s.perPosition !== null && worst > 0) {
    const key = `${id}:position`;
    const level = crossedLevel(ctx, key, worst, s.perPosition);
    if (level > 0) {
      out ??= [];
      out.push(
        warning(
          ctx,
          id,
          key,
          level,
          worst / s.perPosition,
          `A position's unrealized ${word} is ${money(worst)} of ${s.perPosition}`,
          {
            unrealizedPnl: money(sign * worst),
            limit: s.perPosition,
          },
        ),
      );
    }
  }
  if (unknown !== null) {
    ctx.note(id, { unrealizedPnl: 'unknown', contractId: unknown });
    return out ?? NO_DECISIONS;
  }
  if (s.total === null) return out ?? NO_DECISIONS;
  const value = sign * total;
  if (value < s.total) {
    const key = `${id}:total`;
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
