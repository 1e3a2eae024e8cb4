// Equivalent mutants of the order-side rules: stops, symbol blocks, trade management, permission, decide
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

export const RULES_EVALUATION_EQUIVALENTS: readonly EquivalentMutant[] = [];
