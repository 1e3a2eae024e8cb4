// Equivalent mutants of the wall-clock rules: trading hours, trading window, trading week, zoned time
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

export const RULES_TIME_EQUIVALENTS: readonly EquivalentMutant[] = [];
