import type { BaseSettings } from '../catalog/rule-entry';
import type { Decision, Figures } from '../decision';
import { type WeekFigures, weekEndAt } from '../measures/trading-week';
import type { RuleContext } from '../rule';
import { enforcement, NO_DECISIONS, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/** What both weekly limits (`weeklyLoss`, `weeklyTradeLimit`) do on reaching theirs. */

/**
 * A weekly limit reached: locked until the week's end. Flattening: the account is flattened and
 * kept flat. Not flattening (TopstepX's way for trade limits): the positions open now are left
 * to the trader with their exit orders; every other order is cancelled and nothing new may open.
 */
export function weeklyLock(
  ctx: RuleContext<unknown>,
  ruleId: string,
  flatten: boolean,
  reason: string,
  figures: Figures,
): Decision {
  const end = { type: 'at' as const, at: weekEndAt(ctx.tradingDay) };
  if (flatten) {
    return enforcement(ctx, ruleId, { type: 'flatten' }, reason, figures, {
      kind: 'lockout',
      end,
      scope: { type: 'account' },
    });
  }
  const keep = Object.fromEntries(Object.values(ctx.account.positions).map((p) => [p.contractId, Math.abs(p.size)]));
  return enforcement(ctx, ruleId, { type: 'none' }, reason, figures, {
    kind: 'lockout',
    end,
    scope: { type: 'account' },
    keep,
  });
}

export interface WeeklyLimitSettings extends BaseSettings {
  limit: number;
  flatten: boolean;
}

/**
 * The judgement both weekly limits share: `used` of the limit (the week's loss, its trades),
 * reached at `used ≥ limit`: warnings on the way, then once a week the lock until its end.
 */
export function judgeWeeklyLimit(
  ctx: RuleContext<WeeklyLimitSettings>,
  ruleId: string,
  week: WeekFigures,
  used: number,
  words: { figures: Figures; progress: string; reached: string },
): Decision[] {
  const s = ctx.settings;
  if (used < s.limit) {
    const w = warnIfCrossed(ctx, ruleId, '', used, s.limit, words.progress, words.figures);
    return w ? [w] : NO_DECISIONS;
  }
  if (!takeOnce(ctx, ruleId, week.week, weekEndAt(ctx.tradingDay))) return NO_DECISIONS;
  return [weeklyLock(ctx, ruleId, s.flatten, words.reached, words.figures)];
}
