import { z } from 'zod';
import { realizedPnl } from '../state/selectors';
import { dayPnl, settleDeadline } from './day-pnl';
import { enforcement, money, NO_DECISIONS, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `dailyNetLoss` (docs/rules.md), a guard against the firm's own daily limit: realized (net of
 * fees) + unrealized at or below −(the firm's daily loss limit − a buffer) → flatten, locked
 * until the next reset. Stops the trader before the firm's own limit does. With an unknown
 * unrealized P&L and positions open it decides nothing (and notes it); with no positions open,
 * realized alone is the figure. It judges a settled picture only (day-pnl.ts).
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    firmLimit: z.number().positive().max(10_000_000).default(1000).meta({
      label: 'Daily loss limit, open P&L included',
      unit: 'USD',
      widget: 'money',
      help: 'The firm’s daily loss limit if it has one; otherwise your own hard stop',
    }),
    buffer: z
      .number()
      .min(0)
      .max(10_000_000)
      .default(100)
      .meta({ label: 'Stop this far before it', unit: 'USD', widget: 'money' }),
  })
  .prefault({})
  .refine((s) => s.buffer < s.firmLimit, { message: 'the buffer must be smaller than the limit', path: ['buffer'] });

export type DailyNetLossSettings = z.infer<typeof schema>;
const ID = 'dailyNetLoss';
const tightness = { ...BLOCK_TIGHTNESS, firmLimit: 'higher-looser', buffer: 'lower-looser' } as const;

export const dailyNetLossRule: Rule<DailyNetLossSettings> = {
  id: ID,
  name: 'Daily net loss guard',
  description:
    'Realized plus open P&L reaching the firm’s daily loss limit minus a buffer flattens and locks until the reset.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) =>
    `Flatten and lock until ${ctx.reset} when today’s loss, open P&L included, reaches ${usd(s.firmLimit - s.buffer)} (${usd(s.firmLimit)} less ${usd(s.buffer)})`,
  ...fieldwise<DailyNetLossSettings>(tightness),
  listensTo: ['trade', 'quote', 'position', 'contract', 'tick'],
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return NO_DECISIONS;
    const limit = ctx.settings.firmLimit - ctx.settings.buffer;
    // From a settled picture: a close whose trade and position update arrive apart is not a dip.
    const day = dayPnl(ctx);
    if (day.kind === 'unknown') {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: day.contractId });
      return NO_DECISIONS;
    }
    if (day.kind === 'settling') {
      ctx.note(ID, { netPnl: 'settling', contractId: day.contractId });
      return NO_DECISIONS;
    }
    const realized = realizedPnl(ctx.account);
    const net = day.value;
    if (net > -limit) {
      const w = warnIfCrossed(ctx, ID, '', -net, limit, `Net loss ${money(-net)} of ${limit}`, {
        netPnl: money(net),
        limit,
      });
      return w ? [w] : NO_DECISIONS;
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return NO_DECISIONS;
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Net P&L ${money(net)} reached the guard level −${limit} (firm limit ${ctx.settings.firmLimit} − buffer ${ctx.settings.buffer})`,
        { netPnl: money(net), realizedPnl: money(realized), unrealizedPnl: money(net - realized), limit },
        { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      ),
    ];
  },
  nextDeadline: (ctx) => settleDeadline(ctx.memory),
};
