// Surviving mutants that no test can kill: the mutated code behaves exactly as the original (an
// "equivalent mutant"). Each entry says why, briefly; reports/mutation/summary.md groups them by
// reason. Matched by file, mutator, original code and replacement, never by line, so an entry
// outlives edits around it. An entry that no longer matches anything is simply unused.
import type { EquivalentMutant } from './summary';

export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [];
