import { z } from 'zod';
import { realizedPnl } from '../state/selectors';
import { enforcement, money, NO_DECISIONS, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { fieldwise } from './tightness';

/**
 * Beyond the twelve — daily net loss guard: realized (net of fees) + unrealized at or below
 * −(the firm's daily loss limit − a buffer) → flatten, locked until the next reset. Stops the
 * trader before the firm's own limit does. With an unknown unrealized P&L and positions open
 * it decides nothing (and notes it); with no positions open, realized alone is the figure.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    firmLimit: z
      .number()
      .positive()
      .max(10_000_000)
      .default(1000)
      .meta({ label: 'Firm daily loss limit', unit: 'USD' }),
    buffer: z.number().min(0).max(10_000_000).default(100).meta({ label: 'Stop this far before it', unit: 'USD' }),
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
  ...fieldwise<DailyNetLossSettings>(tightness),
  listensTo: ['trade', 'quote', 'position', 'contract', 'tick'],
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return NO_DECISIONS;
    const limit = ctx.settings.firmLimit - ctx.settings.buffer;
    const realized = realizedPnl(ctx.account, { countFees: true });
    const summary = ctx.unrealized();
    if (summary.unknownContractId !== null) {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: summary.unknownContractId });
      return NO_DECISIONS;
    }
    const net = realized + summary.knownTotal;
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
        { netPnl: money(net), realizedPnl: money(realized), unrealizedPnl: money(summary.knownTotal), limit },
        { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      ),
    ];
  },
};
