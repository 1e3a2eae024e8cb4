import { z } from 'zod';
import { NO_DECISIONS, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { fieldwise } from './tightness';
import { recordWeek, weekEndAt, weeklyLock } from './trading-week';

/**
 * Weekly loss limit: the trading week's realized P&L (Sunday's 17:00 CT open to Friday's close,
 * net of fees when fees count) at or below −limit → working orders cancelled, the account
 * flattened (or its open positions left to the trader, per setting) and locked until the
 * week's end.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(10_000_000).default(1500).meta({
      label: 'Weekly loss limit',
      unit: 'USD',
      help: 'Realized loss from Sunday’s 17:00 CT open to Friday’s close',
    }),
    flatten: z.boolean().default(true).meta({
      label: 'Flatten on reaching it',
      help: 'Off: open positions are left to you with their stops and targets; every other order is cancelled and nothing new may open until the week’s end',
    }),
  })
  .prefault({})
  .meta({
    label: 'Weekly loss',
    help: 'The week’s realized loss reaching the limit locks the account until the week’s end.',
  });

export type WeeklyLossSettings = z.infer<typeof schema>;
const ID = 'weeklyLoss';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser', flatten: 'true-tighter' } as const;

export const weeklyLossRule: Rule<WeeklyLossSettings> = {
  id: ID,
  name: 'Weekly loss',
  description:
    'When the week’s realized loss reaches the limit, working orders are cancelled, the account is flattened (per setting) and locked until the week’s end.',
  unit: 'USD',
  settingsSchema: schema,
  ...fieldwise<WeeklyLossSettings>(tightness),
  listensTo: ['trade', 'account', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const week = recordWeek(ctx);
    const figures = { weekRealizedPnl: week.realized, limit: s.limit, week: week.week };
    if (week.realized > -s.limit) {
      const w = warnIfCrossed(
        ctx,
        ID,
        '',
        -week.realized,
        s.limit,
        `Week’s loss ${-week.realized} of ${s.limit}`,
        figures,
      );
      return w ? [w] : NO_DECISIONS;
    }
    if (!takeOnce(ctx, ID, week.week, weekEndAt(ctx.tradingDay))) return NO_DECISIONS;
    return [
      weeklyLock(
        ctx,
        ID,
        s.flatten,
        `The week’s realized P&L ${week.realized} reached the weekly loss limit ${s.limit}`,
        figures,
      ),
    ];
  },
};
