// Equivalent mutants of the rules' settings: commitment lock, config schema, issue words
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

export const RULES_CONFIG_EQUIVALENTS: readonly EquivalentMutant[] = [];
