import { describe, expect, it } from 'vitest';
import { staticSurvivorRanges } from '../../../../scripts/mutation/static-survivors';
import type { ReportMutant } from '../../../../scripts/mutation/summary';

const mutant = (line: number, status: ReportMutant['status'], coveredBy?: string[]): ReportMutant => ({
  id: String(line),
  mutatorName: 'StringLiteral',
  location: { start: { line, column: 1 }, end: { line, column: 5 } },
  status,
  ...(coveredBy ? { coveredBy } : {}),
});

describe('static survivors (npm run mutation -- --retest-static)', () => {
  it('are the survivors that recorded no covering test, as one --mutate range per line', () => {
    const report = {
      files: {
        'src/core/rules/catalog/a.ts': {
          source: '',
          mutants: [
            mutant(12, 'Survived'),
            mutant(12, 'Survived', []),
            mutant(3, 'Survived'),
            mutant(20, 'Survived', ['t1']),
            mutant(30, 'Killed'),
            mutant(40, 'NoCoverage'),
          ],
        },
        'src/core/rules/b.ts': { source: '', mutants: [mutant(7, 'Survived', [])] },
      },
    };
    expect(staticSurvivorRanges(report)).toEqual([
      'src/core/rules/catalog/a.ts:3-3',
      'src/core/rules/catalog/a.ts:12-12',
      'src/core/rules/b.ts:7-7',
    ]);
  });

  it('span every line of a survivor written over several (Stryker re-tests only a mutant wholly inside the range)', () => {
    const arrow: ReportMutant = {
      ...mutant(18, 'Survived'),
      location: { start: { line: 18, column: 10 }, end: { line: 23, column: 5 } },
    };
    const report = { files: { 'src/core/rules/w.ts': { source: '', mutants: [arrow, mutant(18, 'Survived', [])] } } };
    expect(staticSurvivorRanges(report)).toEqual(['src/core/rules/w.ts:18-23']);
  });

  it('are none when every survivor had a covering test', () => {
    expect(
      staticSurvivorRanges({ files: { 'x.ts': { source: '', mutants: [mutant(1, 'Survived', ['t'])] } } }),
    ).toEqual([]);
  });
});
