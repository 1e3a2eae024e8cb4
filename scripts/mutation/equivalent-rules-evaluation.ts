// Equivalent mutants of the order-side rules: stops, symbol blocks, trade management, permission, decide
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

// decide.ts: crossedLevel
const NOT_A_SHARE =
  'With one side not positive, or a limit of 0, value / limit is ≤ 0, infinite or NaN and crosses no warning level (each is above 0 and below 1); the check only has to turn away both negative, and either half of it does';
const PAST_THE_END = 'One step past the end reads undefined, and no fraction is ≥ undefined: the level stays as it was';
const SAME_NUMBER = 'Where the two are equal, taking either gives the same number';
const NO_LEVEL_NO_WARNING =
  'With no level crossed, the level warned before (none: 0, else a level above 0) is ≥ 0, so the next check returns 0 as well';

// trade-management.ts
const GAIN_NEVER_WHOLE =
  'A gain in ticks carries +EPS (1e-9), and an entry is an average of prices on the tick grid, so a gain is never exactly the whole number of ticks set: ≥ and > agree';
const TRAIL_NOT_ARMED =
  'Trailing taken as armed before its gain changes nothing: with no best price remembered the best is the price now, whose gain is short of the trailing gain, so the trail wants no stop';
const SHORTCUT =
  'A shortcut: with breakeven not reached and trailing not armed (or both off) no stop price is wanted, and the rule returns nothing before it writes its memory';
const STOP_ON_GRID =
  'A stop price sits on the tick grid and the price wanted is rounded onto it: no stop is exactly EPS (1e-9) away from it';
const SWEEP_ONLY_TIDIES =
  'Sweeping the memory of closed positions on other events too decides nothing differently: a position’s memory is only used for the same position id and side, and the next position in that contract has a new id';

const decide: EquivalentMutant[] = [
  ...[
    {
      mutator: 'LogicalOperator',
      original: '!(limit > 0) || !(value > 0)',
      replacement: '!(limit > 0) && !(value > 0)',
    },
    { mutator: 'ConditionalExpression', original: 'limit > 0', replacement: 'true' },
    { mutator: 'EqualityOperator', original: 'limit > 0', replacement: 'limit >= 0' },
    { mutator: 'ConditionalExpression', original: 'value > 0', replacement: 'true' },
    { mutator: 'EqualityOperator', original: 'value > 0', replacement: 'value >= 0' },
  ].map((m) => ({ file: 'evaluation/decide.ts', ...m, reason: NOT_A_SHARE })),
  {
    file: 'evaluation/decide.ts',
    mutator: 'EqualityOperator',
    original: 'i < levels.length',
    replacement: 'i <= levels.length',
    reason: PAST_THE_END,
  },
  {
    file: 'evaluation/decide.ts',
    mutator: 'EqualityOperator',
    original: 'l > level',
    replacement: 'l >= level',
    reason: SAME_NUMBER,
  },
  {
    file: 'evaluation/decide.ts',
    mutator: 'ConditionalExpression',
    original: 'level === 0',
    replacement: 'false',
    reason: NO_LEVEL_NO_WARNING,
  },
];

const stops: EquivalentMutant[] = [
  {
    file: 'evaluation/stop-loss-required.ts',
    mutator: 'ConditionalExpression',
    original: 'ctx.memory.stopGrace[contractId] === undefined',
    replacement: 'true',
    within: '|seen|',
    reason:
      'A position without a stop keeps its grace until a stop appears, it closes or another position (another id or side) takes its place; a stop appearing marks it seen anyway, a close forgets both, and the position taking its place is marked seen by its own id and side, so marking it seen while its grace runs is never read',
  },
  {
    file: 'evaluation/stop-loss-required.ts',
    mutator: 'EqualityOperator',
    original: 'due < next',
    replacement: 'due <= next',
    reason: SAME_NUMBER,
  },
];

const symbolBlocks: EquivalentMutant[] = [
  {
    file: 'evaluation/symbol-blocks.ts',
    mutator: 'ConditionalExpression',
    original: 'blocked.size === 0',
    replacement: 'false',
    reason:
      "With nothing blocked nothing matches a blocked root; the one other step, forgetting closed positions' latches, finds none: they were taken under settings that blocked something, and a change of settings forgets the rule's latches first",
  },
];

const tradeFrequency: EquivalentMutant[] = [
  {
    file: 'evaluation/trade-frequency.ts',
    mutator: 'ConditionalExpression',
    original: 'count === null',
    replacement: 'false',
    reason:
      "Without a count (another trading day's figures), null <= limit holds for every limit (each is positive) and a null value crosses no warning level: the window decides nothing either way",
  },
];

const tm = 'evaluation/trade-management.ts';
const tradeManagement: EquivalentMutant[] = [
  ...[
    { original: 'gainNow >= s.breakevenAfterTicks', replacement: 'gainNow > s.breakevenAfterTicks' },
    { original: 'gainNow >= s.trailAfterTicks', replacement: 'gainNow > s.trailAfterTicks' },
    { original: 'bestGain >= s.trailAfterTicks', replacement: 'bestGain > s.trailAfterTicks' },
  ].map((m) => ({ file: tm, mutator: 'EqualityOperator', ...m, reason: GAIN_NEVER_WHOLE })),
  {
    file: tm,
    mutator: 'ConditionalExpression',
    original: 'gainNow >= s.trailAfterTicks || m !== undefined',
    replacement: 'true',
    reason: TRAIL_NOT_ARMED,
  },
  {
    file: tm,
    mutator: 'LogicalOperator',
    original: 'trailOn && s.trailAfterTicks !== null',
    replacement: 'trailOn || s.trailAfterTicks !== null',
    reason: TRAIL_NOT_ARMED,
  },
  {
    file: tm,
    mutator: 'ConditionalExpression',
    original: 's.trailAfterTicks !== null',
    replacement: 'true',
    within: 'if (trailOn && s.trailAfterTicks !== null)',
    reason: 'trailOn is only true with a trailing gain set: the second check is there for the type',
  },
  {
    file: tm,
    mutator: 'ConditionalExpression',
    original: '!beReached && !trailOn',
    replacement: 'false',
    reason: SHORTCUT,
  },
  {
    file: tm,
    mutator: 'ConditionalExpression',
    original: 's.breakevenAfterTicks === null && s.trailAfterTicks === null',
    replacement: 'false',
    reason: SHORTCUT,
  },
  ...[
    { original: 'price > m.best', replacement: 'price >= m.best' },
    { original: 'price < m.best', replacement: 'price <= m.best' },
    { original: 'trail > wanted', replacement: 'trail >= wanted' },
    { original: 'trail < wanted', replacement: 'trail <= wanted' },
  ].map((m) => ({ file: tm, mutator: 'EqualityOperator', ...m, reason: SAME_NUMBER })),
  ...[
    { original: 'existingPrice >= wanted - EPS', replacement: 'existingPrice > wanted - EPS' },
    { original: 'existingPrice <= wanted + EPS', replacement: 'existingPrice < wanted + EPS' },
  ].map((m) => ({ file: tm, mutator: 'EqualityOperator', ...m, reason: STOP_ON_GRID })),
  {
    file: tm,
    mutator: 'ConditionalExpression',
    original: "event.kind === 'position'",
    replacement: 'true',
    reason: SWEEP_ONLY_TIDIES,
  },
];

export const RULES_EVALUATION_EQUIVALENTS: readonly EquivalentMutant[] = [
  ...decide,
  ...stops,
  ...symbolBlocks,
  ...tradeFrequency,
  ...tradeManagement,
];
