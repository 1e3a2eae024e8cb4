// Survivors in code that runs as its module loads (a zod schema, a catalog entry's words, a
// constant table): Stryker calls them static and tests each against every test file that imports
// the module, so it records no covering test for them. Its incremental mode re-tests a survivor
// only when one of its covering tests changed: with none recorded, such a survivor is carried
// forward as it was, even after a new test would kill it. `npm run mutation -- --retest-static`
// re-tests exactly these (docs/mutation-testing.md, "Static survivors").
import type { MutationReport } from './summary';

/**
 * Stryker's `--mutate` ranges (`file:first-last`) of every survivor that recorded no covering test:
 * its lines from first to last, since Stryker re-tests only a mutant wholly inside a range (a
 * static arrow function spans several). One range per first line, as wide as its widest mutant.
 */
export function staticSurvivorRanges(report: MutationReport): string[] {
  const ranges: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const lastOf = new Map<number, number>();
    for (const m of mutants) {
      if (m.status !== 'Survived' || (m.coveredBy?.length ?? 0) > 0) continue;
      const { start, end } = m.location;
      lastOf.set(start.line, Math.max(lastOf.get(start.line) ?? start.line, end.line));
    }
    for (const first of [...lastOf.keys()].sort((a, b) => a - b)) ranges.push(`${file}:${first}-${lastOf.get(first)}`);
  }
  return ranges;
}
