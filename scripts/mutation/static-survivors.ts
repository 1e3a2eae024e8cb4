// Survivors in code that runs as its module loads (a zod schema, a catalog entry's words, a
// constant table): Stryker calls them static and tests each against every test file that imports
// the module, so it records no covering test for them. Its incremental mode re-tests a survivor
// only when one of its covering tests changed: with none recorded, such a survivor is carried
// forward as it was, even after a new test would kill it. `npm run mutation -- --retest-static`
// re-tests exactly these (docs/mutation-testing.md, "Static survivors").
import type { MutationReport } from './summary';

/** Stryker's `--mutate` ranges (`file:line-line`) of every survivor that recorded no covering test. */
export function staticSurvivorRanges(report: MutationReport): string[] {
  const ranges: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const lines = new Set<number>();
    for (const m of mutants)
      if (m.status === 'Survived' && (m.coveredBy?.length ?? 0) === 0) lines.add(m.location.start.line);
    for (const line of [...lines].sort((a, b) => a - b)) ranges.push(`${file}:${line}-${line}`);
  }
  return ranges;
}
