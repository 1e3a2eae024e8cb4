import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from '../catalog/rule-block';
import { usd } from '../catalog/summary-words';
import { fieldwise } from '../catalog/tightness';
import { recordWeek } from '../measures/trading-week';
import type { Rule } from '../rule';
import { judgeWeeklyLimit } from './weekly-limit';

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
      label: 'Loss limit for the week',
      unit: 'USD',
      widget: 'money',
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
  summary: (s) =>
    `${s.flatten ? 'Cancel orders, flatten and lock' : 'Cancel orders and lock (open positions left to you)'} until the week’s end when the week’s loss reaches ${usd(s.limit)}`,
  ...fieldwise<WeeklyLossSettings>(tightness),
  listensTo: ['trade', 'account', 'tick'],
  evaluate(ctx) {
    const week = recordWeek(ctx);
    const limit = ctx.settings.limit;
    return judgeWeeklyLimit(ctx, ID, week, -week.realized, {
      figures: { weekRealizedPnl: week.realized, limit, week: week.week },
      progress: `Week’s loss ${-week.realized} of ${limit}`,
      reached: `The week’s realized P&L ${week.realized} reached the weekly loss limit ${limit}`,
    });
  },
};
