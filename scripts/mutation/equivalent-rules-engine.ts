// Equivalent mutants of the rule engine: routing, plan, judgement, meters, group lockouts
// (see equivalent-mutants.ts for what an entry is, and docs/mutation-testing.md before adding one).
import type { EquivalentMutant } from './summary';

export const RULES_ENGINE_EQUIVALENTS: readonly EquivalentMutant[] = [];
