// Equivalent mutants of the money rules and measures: day P&L, trailing, unrealized, weekly
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

const SUMMARY_FILLED =
  'computeUnrealized writes every field of the summary it is handed, so the starting values given to it are never read';
const RECORDS_WHOLE =
  "Every key of the account's positions and of the remembered positions holds a record (the reducer deletes a closed position; setIn/removeIn never store undefined): the check for a missing one only narrows the type";
const NULL_PENDING =
  "A remembered position's pendingSince is a time or null; with null, ctx.now − since is the clock itself, never under SETTLE_MS: the type test only narrows the type";
const SAME_VALUE = 'Of two equal values the mutant keeps the other one: the same value either way';
const UNPRICED_AS_ZERO =
  'An unpriced position taken as 0 (sign × null) is below any per-position limit (limits are positive) and no worse than the 0 the worst starts at: it closes and warns of nothing either way';
const CONTRACT_IDS_JOINED =
  'Contract ids all begin `CON.` and hold it nowhere else, so sorted ids run together split one way only: the same set of open contracts gives the same signature with or without commas';

const dayPnl: EquivalentMutant[] = [
  {
    file: 'measures/day-pnl.ts',
    mutator: 'ObjectLiteral',
    original: '{ knownTotal: 0, unknownContractId: null }',
    replacement: '{}',
    reason: SUMMARY_FILLED,
  },
  {
    file: 'measures/day-pnl.ts',
    mutator: 'ConditionalExpression',
    original: 'p',
    replacement: 'true',
    within: 'if (p) {',
    reason: RECORDS_WHOLE,
  },
  {
    file: 'measures/day-pnl.ts',
    mutator: 'OptionalChaining',
    original: 'seenNow[c]?.pendingSince',
    replacement: 'seenNow[c].pendingSince',
    reason: RECORDS_WHOLE,
  },
  {
    file: 'measures/day-pnl.ts',
    mutator: 'ConditionalExpression',
    original: "typeof since === 'number'",
    replacement: 'true',
    reason: NULL_PENDING,
  },
  {
    file: 'measures/day-pnl.ts',
    mutator: 'EqualityOperator',
    original: 'due < next',
    replacement: 'due <= next',
    reason: SAME_VALUE,
  },
  {
    file: 'measures/unrealized.ts',
    mutator: 'ConditionalExpression',
    original: '!p',
    replacement: 'false',
    reason: RECORDS_WHOLE,
  },
  {
    file: 'measures/order-fills.ts',
    mutator: 'EqualityOperator',
    original: 'at < o.firstFillAt',
    replacement: 'at <= o.firstFillAt',
    reason: SAME_VALUE,
  },
  {
    file: 'measures/order-fills.ts',
    mutator: 'EqualityOperator',
    original: 'at > o.lastFillAt',
    replacement: 'at >= o.lastFillAt',
    reason: SAME_VALUE,
  },
  {
    file: 'measures/stops.ts',
    mutator: 'ConditionalExpression',
    original: 'bp === null',
    replacement: 'false',
    reason:
      'The stop kept as the tightest always has a stop price (orders without one are skipped), so its price is a number or, with none kept yet, undefined: never null',
  },
];

const unrealizedThreshold: EquivalentMutant[] = [
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'ObjectLiteral',
    original: '{ knownTotal: 0, unknownContractId: null }',
    replacement: '{}',
    reason: SUMMARY_FILLED,
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'EqualityOperator',
    original: 'v > worst',
    replacement: 'v >= worst',
    reason: SAME_VALUE,
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'EqualityOperator',
    original: 'sign < 0',
    replacement: 'sign <= 0',
    reason: 'sign is +1 or −1 (its type says so), never 0',
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'ConditionalExpression',
    original: "event.kind === 'position'",
    replacement: 'true',
    reason:
      'Positions change only through position events (the reconciler sends what it finds as position events too), which the rule hears whenever it is on (turning it on forgets its latches), and each one releases the closes of the positions gone: on any other event there is none left to release',
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'ConditionalExpression',
    original: 'summary.focusValue !== undefined',
    replacement: 'false',
    reason:
      "The engine's focusValue is the quoted position's P&L by the same arithmetic positionValue uses (null alike when unpriced or not held): looking it up again gives the same number",
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'ConditionalExpression',
    original: 'u !== null',
    replacement: 'true',
    reason: UNPRICED_AS_ZERO,
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'ConditionalExpression',
    original: 'v === null',
    replacement: 'false',
    within: 'if (v === null) continue;',
    reason: UNPRICED_AS_ZERO,
  },
  {
    file: 'evaluation/unrealized-threshold.ts',
    mutator: 'StringLiteral',
    original: "','",
    replacement: '""',
    within: ".sort().join(',')",
    reason: CONTRACT_IDS_JOINED,
  },
];

const dayLimits: EquivalentMutant[] = [
  {
    file: 'evaluation/trailing-daily-loss.ts',
    mutator: 'StringLiteral',
    original: "','",
    replacement: '""',
    within: ".sort().join(',')",
    reason: CONTRACT_IDS_JOINED,
  },
  {
    file: 'evaluation/trailing-drawdown.ts',
    mutator: 'ObjectLiteral',
    original: '{ knownTotal: 0, unknownContractId: null }',
    replacement: '{}',
    reason: SUMMARY_FILLED,
  },
  {
    file: 'evaluation/trailing-drawdown.ts',
    mutator: 'ConditionalExpression',
    original: 'prev.day === ctx.tradingDay.key',
    replacement: 'true',
    reason:
      "An earlier day's record kept because its balance and high equal today's gives the same end-of-day high as one stamped today (max(high, balance, seed) with the balance not above the high), and the next changed balance rewrites it with today's day",
  },
  {
    file: 'evaluation/daily-realized-loss.ts',
    mutator: 'ConditionalExpression',
    original: 'realized === null',
    replacement: 'false',
    within: 'if (realized === null) return [];',
    reason:
      "Another day's figures read as a loss of 0 under the mutant (−null): above the breach of any positive limit and under every warning level, so it decides nothing, as the original does",
  },
];

const catalog: EquivalentMutant[] = [
  {
    file: 'catalog/cooldown-after-loss.ts',
    mutator: 'EqualityOperator',
    original: 't.minutes <= best.minutes',
    replacement: 't.minutes < best.minutes',
    reason: SAME_VALUE,
  },
];

export const RULES_MONEY_EQUIVALENTS: readonly EquivalentMutant[] = [
  ...dayPnl,
  ...unrealizedThreshold,
  ...dayLimits,
  ...catalog,
];
