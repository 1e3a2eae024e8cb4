import { z } from 'zod';
import { ProblemSchema } from './problem';

/**
 * The replay's messages: start one (accounts, range, config, options), ask how it goes (a
 * progress figure, then the result), cancel it. The views poll the status: a replay runs for
 * seconds and its answer is one message, so a port would add a second channel for nothing.
 * The result schema restates core's ReplayResult (views do not import core runtime code);
 * core-compat.ts fails the typecheck the moment the two drift apart.
 */

/** Replay monitor-mode rules as if enforcing, or only record what they would have done. */
const MonitorAsSchema = z.enum(['enforce', 'record']);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const money = z.number().finite();

export const ReplayRangeSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('last'), tradingDays: z.number().int().min(1).max(120) }),
  z.object({ kind: z.literal('dates'), from: day, to: day }),
]);

export const StartReplayRequestSchema = z.object({
  type: z.literal('startReplay'),
  accountIds: z.array(z.number().int()).min(1, 'pick at least one account').max(50),
  range: ReplayRangeSpecSchema,
  /** A draft config (validated whole in the worker); absent: the config in force. */
  config: z.unknown().optional(),
  monitorAs: MonitorAsSchema,
  bars: z.boolean(),
});

const FiredRuleSchema = z.object({
  at: z.number(),
  accountId: z.number().int(),
  ruleId: z.string(),
  action: z.string(),
  reason: z.string(),
  lockout: z.object({ kind: z.enum(['lockout', 'cooldown']), until: z.number().nullable() }).nullable(),
  monitorOnly: z.boolean(),
});

const GuardCloseSchema = z.object({
  at: z.number(),
  accountId: z.number().int(),
  contractId: z.string(),
  size: z.number(),
  price: z.number(),
  basis: z.enum(['breach-price', 'next-bar-open', 'last-price']),
  pnl: money,
  ruleId: z.string(),
});

const ReplayDaySchema = z.object({
  day,
  accountId: z.number().int(),
  actualPnl: money,
  replayedPnl: money,
  fills: z.number().int(),
  removedFills: z.number().int(),
  fired: z.array(FiredRuleSchema),
  closes: z.array(GuardCloseSchema),
  locked: z.boolean(),
  cooldown: z.boolean(),
  approximate: z.array(z.string()),
});

const DayFigureSchema = z.object({ day, pnl: money }).nullable();
const CountAndSumSchema = z.object({ days: z.number().int(), sum: money });

export const ReplayResultSchema = z.object({
  range: z.object({ start: z.number(), end: z.number(), days: z.array(day) }),
  timeZone: z.string(),
  monitorAs: MonitorAsSchema,
  barsUsed: z.boolean(),
  costs: z.object({ fees: z.boolean(), commissions: z.boolean() }),
  accounts: z.array(z.object({ id: z.number().int(), name: z.string(), fills: z.number().int() })),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      name: z.string(),
      status: z.enum(['replayable', 'approximate', 'not-replayable']),
      reason: z.string(),
    }),
  ),
  days: z.array(ReplayDaySchema),
  totals: z.object({
    tradingDays: z.number().int(),
    tradedDays: z.number().int(),
    actualPnl: money,
    replayedPnl: money,
    difference: money,
    daysLocked: z.number().int(),
    daysWithCooldown: z.number().int(),
    worstDayActual: DayFigureSchema,
    worstDayReplayed: DayFigureSchema,
    maxDrawdownActual: money,
    maxDrawdownReplayed: money,
    daysBetter: CountAndSumSchema,
    daysWorse: CountAndSumSchema,
    profitableDaysCut: CountAndSumSchema,
    fills: z.number().int(),
    removedFills: z.number().int(),
    guardCloses: z.number().int(),
  }),
  equity: z.array(z.object({ day, actual: money, replayed: money })),
  notes: z.array(z.string()),
});
export type ReplayResultView = z.infer<typeof ReplayResultSchema>;
export type ReplayDayView = z.infer<typeof ReplayDaySchema>;

export const ReplayPhaseSchema = z.enum(['trades', 'contracts', 'bars', 'replaying', 'done']);

export const ReplayStatusSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: ReplayPhaseSchema,
  /** Requests done of those planned (the total grows once the trades say what else is needed). */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  message: z.string(),
  /** What could not be fetched; the replay ran without it. */
  failures: z.array(z.string()),
  result: ReplayResultSchema.nullable(),
});
export type ReplayStatus = z.infer<typeof ReplayStatusSchema>;

export const REPLAY_REQUESTS = {
  startReplay: StartReplayRequestSchema,
  replayStatus: z.object({ type: z.literal('replayStatus'), jobId: z.string().min(1).max(100) }),
  cancelReplay: z.object({ type: z.literal('cancelReplay'), jobId: z.string().min(1).max(100) }),
} as const;

export const REPLAY_RESPONSES = {
  startReplay: z.object({ ok: z.boolean(), jobId: z.string().nullable(), problems: z.array(ProblemSchema) }),
  replayStatus: ReplayStatusSchema,
  cancelReplay: z.object({ cancelled: z.boolean() }),
} as const;
