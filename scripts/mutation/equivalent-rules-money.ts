// Equivalent mutants of the money rules and measures: day P&L, trailing, unrealized, weekly
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

export const RULES_MONEY_EQUIVALENTS: readonly EquivalentMutant[] = [];
