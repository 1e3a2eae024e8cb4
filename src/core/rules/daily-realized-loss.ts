import { z } from 'zod';
import { realizedPnl } from '../state/selectors';
import { enforcement, money, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `dailyRealizedLoss` (docs/rules.md): the day's realized P&L at or below −limit → flatten,
 * locked until the next reset.
 */

const schema = z
  .strictObject({
    mode: modeSchema('monitor'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(10_000_000).default(500).meta({
      label: 'Loss limit',
      unit: 'USD',
      widget: 'money',
      help: 'What the trading day’s closed trades lost',
    }),
  })
  .prefault({});

export type DailyRealizedLossSettings = z.infer<typeof schema>;
const ID = 'dailyRealizedLoss';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser' } as const;

export const dailyRealizedLossRule: Rule<DailyRealizedLossSettings> = {
  id: ID,
  name: 'Daily realized loss',
  description:
    'When the trading day’s realized loss reaches the limit, everything is closed and the account is locked until the next reset.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) => `Flatten and lock until ${ctx.reset} when today’s loss reaches ${usd(s.limit)}`,
  ...fieldwise<DailyRealizedLossSettings>(tightness),
  listensTo: ['trade', 'account', 'tick'],
  evaluate(ctx) {
    // Figures of another trading day (a worker asleep across the reset) decide nothing today.
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return [];
    const limit = ctx.settings.limit;
    const realized = money(realizedPnl(ctx.account, ctx.options));
    const figures = {
      realizedPnl: realized,
      limit,
      countFees: ctx.options.countFees,
      countCommissions: ctx.options.countCommissions ?? true,
    };
    if (realized > -limit) {
      const w = warnIfCrossed(ctx, ID, '', -realized, limit, `Realized loss ${-realized} of ${limit}`, figures);
      return w ? [w] : [];
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return [];
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Realized P&L ${realized} reached the daily loss limit ${limit}`,
        figures,
        {
          kind: 'lockout',
          end: { type: 'next-reset' },
          scope: { type: 'account' },
        },
      ),
    ];
  },
};
