import { z } from 'zod';
import { enforcement, knownBalance, money, NO_DECISIONS, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { DrawdownMemory } from './rule-memory';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `trailingDrawdown` (docs/rules.md), a guard against the firm's trailing maximum loss. The
 * firm's maximum loss level trails the end-of-day HIGH balance (not intraday) by `maxLoss` and
 * stops trailing once it reaches the starting balance. The guard flattens and locks until the
 * reset when equity (balance + unrealized) falls to that level + a buffer. The end-of-day high
 * is learned from the balances seen at each day change (memory) and can be seeded from the
 * firm's dashboard.
 *
 *   level = min(max(highEod, startingBalance) − maxLoss, startingBalance);  guard = level + buffer
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    startingBalance: z
      .number()
      .positive()
      .max(100_000_000)
      .default(50_000)
      .meta({ label: 'Starting balance', unit: 'USD', widget: 'money' }),
    maxLoss: z.number().positive().max(10_000_000).default(2000).meta({
      label: 'Firm’s maximum loss (trailing)',
      unit: 'USD',
      widget: 'money',
      help: 'How far below the end-of-day high the firm ends the account',
    }),
    buffer: z
      .number()
      .min(0)
      .max(10_000_000)
      .default(200)
      .meta({ label: 'Stop this far before it', unit: 'USD', widget: 'money' }),
    highEodSeed: z.number().positive().max(100_000_000).nullable().default(null).meta({
      label: 'Current end-of-day high balance',
      unit: 'USD',
      widget: 'money',
      empty: 'learn it from the balances seen',
      help: 'From the firm’s dashboard; learned from then on',
    }),
  })
  .prefault({})
  .refine((s) => s.buffer < s.maxLoss, {
    message: 'the buffer must be smaller than the maximum loss',
    path: ['buffer'],
  });

export type TrailingDrawdownSettings = z.infer<typeof schema>;
const ID = 'trailingDrawdown';
// A larger buffer stops earlier (tighter); a higher seed raises the level (tighter).
const tightness = {
  ...BLOCK_TIGHTNESS,
  startingBalance: 'lower-looser',
  maxLoss: 'higher-looser',
  buffer: 'lower-looser',
  highEodSeed: 'lower-looser',
} as const;

/** The guard level for a given end-of-day high. */
export function drawdownGuardLevel(s: TrailingDrawdownSettings, highEod: number): number {
  const level = Math.min(Math.max(highEod, s.startingBalance) - s.maxLoss, s.startingBalance);
  return level + s.buffer;
}

export const trailingDrawdownRule: Rule<TrailingDrawdownSettings> = {
  id: ID,
  name: 'Trailing drawdown guard',
  description: 'Flattens and locks before equity reaches the firm’s trailing maximum loss level.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) =>
    `Flatten and lock until ${ctx.reset} ${usd(s.buffer)} before the firm’s maximum loss (${usd(s.maxLoss)} below the end-of-day high, from ${usd(s.startingBalance)})`,
  ...fieldwise<TrailingDrawdownSettings>(tightness),
  listensTo: ['account', 'trade', 'quote', 'position', 'contract', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const balance = knownBalance(ctx.account);
    if (balance === null) {
      // A fill before the account's record: judging a balance of 0 would flatten and lock for the day.
      ctx.note(ID, { balance: 'unknown' });
      return NO_DECISIONS;
    }
    const seed = s.highEodSeed ?? s.startingBalance;
    const prev = ctx.memory.drawdown;
    let next: DrawdownMemory;
    if (!prev) next = { day: ctx.tradingDay.key, lastBalance: balance, highEod: seed };
    else if (prev.day !== ctx.tradingDay.key) {
      // A new trading day: the last balance seen is the previous day's end-of-day balance.
      next = { day: ctx.tradingDay.key, lastBalance: balance, highEod: Math.max(prev.highEod, prev.lastBalance, seed) };
    } else
      next =
        prev.lastBalance === balance && prev.highEod >= seed
          ? prev
          : { ...prev, lastBalance: balance, highEod: Math.max(prev.highEod, seed) };
    if (next !== prev) ctx.write().drawdown = next;
    const guard = drawdownGuardLevel(s, next.highEod);
    const summary = ctx.unrealized();
    if (summary.unknownContractId !== null) {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: summary.unknownContractId });
      return NO_DECISIONS;
    }
    const equity = balance + summary.knownTotal;
    const room = equity - guard;
    const figures = { equity: money(equity), guardLevel: money(guard), highEod: next.highEod };
    if (room > 0) {
      // Warn as the cushion above the guard level is used up: used = 1 − room / (distance at the high).
      const full = Math.max(next.highEod, s.startingBalance) - guard;
      const w = warnIfCrossed(
        ctx,
        ID,
        '',
        full - room,
        full,
        `Equity ${money(equity)} is ${money(room)} above the drawdown guard`,
        figures,
      );
      return w ? [w] : NO_DECISIONS;
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return NO_DECISIONS;
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Equity ${money(equity)} reached the drawdown guard ${money(guard)}`,
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
