import { positionUnrealizedPnl } from '../state/selectors';
import type { Decision } from './decision';
import {
  type BaseSettings,
  enforcement,
  money,
  type RuleContext,
  releaseClosedPositions,
  takeOnce,
  warnIfCrossed,
} from './rule';

/**
 * Rules 4 and 5 are one mechanism with opposite signs: a per-position threshold (close that
 * position) and an account total (flatten, optionally locked until the reset). Unknown
 * unrealized P&L (no quote or no tick value yet) decides nothing and is noted as unknown.
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
  const out: Decision[] = [];
  const word = sign < 0 ? 'loss' : 'profit';
  if (ctx.event.kind === 'position') releaseClosedPositions(ctx, `${id}|pos|`);
  let total = 0;
  let unknown: string | null = null;
  let worst = 0;
  for (const contractId in ctx.account.positions) {
    const p = ctx.account.positions[contractId];
    if (!p) continue;
    const u = positionUnrealizedPnl(p, ctx.market.contracts[contractId], ctx.market.prices[contractId]);
    if (u === null) {
      unknown = contractId;
      continue;
    }
    total += u;
    if (s.perPosition === null) continue;
    const value = sign * u;
    if (value >= s.perPosition) {
      if (takeOnce(ctx, `${id}|pos|${contractId}`, String(p.id), 0)) {
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
    } else if (value > worst) worst = value;
  }
  if (s.perPosition !== null && worst > 0) {
    const w = warnIfCrossed(
      ctx,
      id,
      'position',
      worst,
      s.perPosition,
      `A position's unrealized ${word} is ${money(worst)} of ${s.perPosition}`,
      {
        unrealizedPnl: money(sign * worst),
        limit: s.perPosition,
      },
    );
    if (w) out.push(w);
  }
  if (unknown !== null) {
    ctx.note(id, { unrealizedPnl: 'unknown', contractId: unknown });
    return out;
  }
  if (s.total === null) return out;
  const value = sign * total;
  const figures = { unrealizedPnl: money(total), limit: s.total };
  if (value < s.total) {
    const w = warnIfCrossed(
      ctx,
      id,
      'total',
      value,
      s.total,
      `Account unrealized ${word} ${money(value)} of ${s.total}`,
      figures,
    );
    if (w) out.push(w);
    return out;
  }
  const until = s.lockAfterTotal ? ctx.tradingDay.nextReset : 0;
  const sig = s.lockAfterTotal ? ctx.tradingDay.key : Object.keys(ctx.account.positions).sort().join(',');
  if (!takeOnce(ctx, `${id}|total`, sig, until)) return out;
  out.push(
    enforcement(
      ctx,
      id,
      { type: 'flatten' },
      `Account unrealized ${word} ${money(value)} reached ${s.total}`,
      figures,
      s.lockAfterTotal ? { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } } : undefined,
    ),
  );
  return out;
}
