import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from '../catalog/rule-block';
import { countOf } from '../catalog/summary-words';
import { fieldwise } from '../catalog/tightness';
import { recordWeek } from '../measures/trading-week';
import type { Rule } from '../rule';
import { judgeWeeklyLimit } from './weekly-limit';

/**
 * Weekly trade limit: counted as TopstepX does — every entry and every exit is a trade (an
 * executed order; the partial fills of one order count once) — from Sunday's 17:00 CT open to
 * Friday's close. Reaching the limit cancels working orders, flattens (per setting; by default
 * the open positions are left to the trader, as TopstepX does) and locks until the week's end.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limit: z.number().int().positive().max(100_000).default(100).meta({
      label: 'Trades per week',
      unit: 'trades',
      help: 'Every entry and every exit counts; reaching it locks until the week’s end',
    }),
    flatten: z.boolean().default(false).meta({
      label: 'Flatten on reaching it',
      help: 'Off (as TopstepX): open positions are left to you with their stops and targets; every other order is cancelled and nothing new may open',
    }),
  })
  .prefault({})
  .meta({
    label: 'Weekly trade limit',
    help: 'Reaching the week’s number of trades locks the account until the week’s end.',
  });

export type WeeklyTradeLimitSettings = z.infer<typeof schema>;
const ID = 'weeklyTradeLimit';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser', flatten: 'true-tighter' } as const;

export const weeklyTradeLimitRule: Rule<WeeklyTradeLimitSettings> = {
  id: ID,
  name: 'Weekly trade limit',
  description:
    'When the week’s trades (every entry and exit) reach the limit, working orders are cancelled, the account is flattened (per setting) and locked until the week’s end.',
  unit: 'trades',
  settingsSchema: schema,
  summary: (s) =>
    `${s.flatten ? 'Cancel orders, flatten and lock' : 'Cancel orders and lock (open positions left to you)'} until the week’s end at ${countOf(s.limit, 'trade')} this week, entries and exits counted`,
  ...fieldwise<WeeklyTradeLimitSettings>(tightness),
  listensTo: ['trade', 'account', 'tick'],
  evaluate(ctx) {
    const week = recordWeek(ctx);
    const limit = ctx.settings.limit;
    return judgeWeeklyLimit(ctx, ID, week, week.trades, {
      figures: { weekTrades: week.trades, limit, week: week.week },
      progress: `${week.trades} of ${limit} trades this week`,
      reached: `${week.trades} trades this week reached the weekly trade limit ${limit}`,
    });
  },
};
