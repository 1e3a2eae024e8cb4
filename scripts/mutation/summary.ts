// The readable side of the mutation report: reports/mutation/summary.md, written from Stryker's
// JSON report (the committed reports/mutation/mutation.json). Scores each room named in
// stryker.config.mjs, lists every surviving mutant, and sets the ones explained as equivalent
// (scripts/mutation/equivalent-mutants.ts) apart under their reason.

/** A mutant as the mutation-testing-report-schema has it (positions 1-based, end exclusive). */
export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
  static?: boolean;
  /** The ids of the tests that ran the mutant's code in the dry run (none for a static mutant). */
  coveredBy?: string[];
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

/** A survivor no test can kill because the changed code behaves the same; matched by content, not line. */
export interface EquivalentMutant {
  /** The source file, or its path's tail (`lockouts/lockout-book.ts`), so a moved file still matches. */
  file: string;
  mutator: string;
  /** The original code the mutant replaces, whitespace collapsed: its start is enough. */
  original: string;
  replacement: string;
  /** Text the mutant's first line must hold, when the original alone (`[]`, `true`) would match elsewhere too. */
  within?: string;
  reason: string;
}

export type Rooms = Record<string, readonly string[]>;

/** A glob as stryker.config.mjs writes them (`*` within a folder, `**\/` any folders, none too) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  const literal = (text: string) =>
    text
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
  const body = glob
    .split('**/')
    .map((part) => part.split('**').map(literal).join('.*'))
    .join('(?:.*/)?');
  return new RegExp(`^${body}$`);
}

/** The room a file belongs to: the first whose globs include it and whose `!` globs do not. */
export function roomOf(file: string, rooms: Rooms): string | undefined {
  for (const [room, globs] of Object.entries(rooms)) {
    const included = globs.filter((g) => !g.startsWith('!')).some((g) => globToRegExp(g).test(file));
    const excluded = globs.filter((g) => g.startsWith('!')).some((g) => globToRegExp(g.slice(1)).test(file));
    if (included && !excluded) return room;
  }
  return undefined;
}

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Survivors explained as equivalent mutants (counted in `survived` too). */
  equivalent: number;
  /** Ignored, compile and runtime errors: not part of the score, as in Stryker's own. */
  other: number;
}

export function tally(mutants: readonly ReportMutant[], isEquivalent: (m: ReportMutant) => boolean): Tally {
  const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') t.killed += 1;
    else if (m.status === 'Timeout') t.timeout += 1;
    else if (m.status === 'Survived') {
      t.survived += 1;
      if (isEquivalent(m)) t.equivalent += 1;
    } else if (m.status === 'NoCoverage') t.noCoverage += 1;
    else t.other += 1;
  }
  return t;
}

/** Stryker's mutation score: detected (killed or timed out) over valid (detected, survived, not covered). */
export function mutationScore(t: Tally): number | undefined {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? undefined : ((t.killed + t.timeout) / valid) * 100;
}

/** The score once equivalent mutants are set aside (they cannot be killed by any test). */
export function scoreWithoutEquivalents(t: Tally): number | undefined {
  return mutationScore({ ...t, survived: t.survived - t.equivalent });
}

/** The source text a mutant replaces, whitespace collapsed to single spaces. */
export function originalText(source: string, location: ReportMutant['location']): string {
  const lines = source.split('\n');
  const { start, end } = location;
  const picked =
    start.line === end.line
      ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
      : [
          (lines[start.line - 1] ?? '').slice(start.column - 1),
          ...lines.slice(start.line, end.line - 1),
          (lines[end.line - 1] ?? '').slice(0, end.column - 1),
        ].join('\n');
  return collapse(picked);
}

function collapse(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

export function findEquivalent(
  file: string,
  source: string,
  mutant: ReportMutant,
  equivalents: readonly EquivalentMutant[],
): EquivalentMutant | undefined {
  const original = originalText(source, mutant.location);
  const replacement = collapse(mutant.replacement ?? '');
  const firstLine = collapse(source.split('\n')[mutant.location.start.line - 1] ?? '');
  return equivalents.find(
    (e) =>
      (file === e.file || file.endsWith(`/${e.file}`)) &&
      e.mutator === mutant.mutatorName &&
      collapse(e.replacement) === replacement &&
      original.startsWith(collapse(e.original)) &&
      (e.within === undefined || firstLine.includes(collapse(e.within))),
  );
}

/** Inline code that survives backticks and pipes in the code, cut to a readable length. */
export function code(text: string, max = 70): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const safe = cut.replace(/\|/g, '\\|');
  // A fence one backtick longer than the longest run inside (CommonMark inline code).
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  if (longestRun === 0) return `\`${safe}\``;
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${safe} ${fence}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(2)} %`;
}

interface Located {
  file: string;
  mutant: ReportMutant;
  original: string;
}

function line({ file, mutant, original }: Located, withFile: boolean): string {
  const where = `${withFile ? `${file}:` : 'line '}${mutant.location.start.line}`;
  const what = `${mutant.mutatorName}${mutant.static ? ' (static)' : ''}`;
  return `- ${where} ${what}: ${code(original)} → ${code(collapse(mutant.replacement ?? ''))}`;
}

export function summarize(
  report: MutationReport,
  rooms: Rooms,
  equivalents: readonly EquivalentMutant[],
  target: number,
  /** Which source the results were measured on (a line under the title). */
  provenance?: string,
): string {
  const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
  const equivalentOf = new Map<ReportMutant, EquivalentMutant>();
  for (const [file, { source, mutants }] of files) {
    for (const m of mutants) {
      if (m.status !== 'Survived') continue;
      const e = findEquivalent(file, source, m, equivalents);
      if (e) equivalentOf.set(m, e);
    }
  }
  const isEquivalent = (m: ReportMutant) => equivalentOf.has(m);

  // Every room in the config order, one not measured yet too (its score reads n/a).
  const byRoom = new Map<string, ReportMutant[]>(Object.keys(rooms).map((room) => [room, []]));
  for (const [file, { mutants }] of files) {
    const room = roomOf(file, rooms) ?? '(outside the rooms)';
    byRoom.set(room, [...(byRoom.get(room) ?? []), ...mutants]);
  }
  const row = (name: string, mutants: readonly ReportMutant[]) => {
    const t = tally(mutants, isEquivalent);
    const score = mutationScore(t);
    const mark = score === undefined ? '' : score >= target ? ' ✓' : ' ✗';
    return `| ${name} | **${percent(score)}**${mark} | ${percent(scoreWithoutEquivalents(t))} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.equivalent} | ${t.noCoverage} | ${t.other} |`;
  };
  const header = [
    '| | score | without equivalents | killed | timeout | survived | of them equivalent | no coverage | ignored/errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const all = files.flatMap(([, f]) => f.mutants);

  const survivors: Located[] = files.flatMap(([file, { source, mutants }]) =>
    mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort(
        (a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
      )
      .map((mutant) => ({ file, mutant, original: originalText(source, mutant.location) })),
  );
  const open = survivors.filter((s) => !equivalentOf.has(s.mutant));
  const explained = groupBy(
    survivors.filter((s) => equivalentOf.has(s.mutant)),
    (s) => equivalentOf.get(s.mutant)?.reason ?? '',
  );

  const out: string[] = [
    '# Mutation testing report',
    '',
    "Written by `npm run mutation` from `mutation.json` (Stryker's JSON report, also the incremental",
    'baseline of the next run). How to read it: docs/mutation-testing.md.',
    '',
    ...(provenance ? [provenance, ''] : []),
    `Target: a mutation score of at least ${target} % in every room. Score = mutants a test noticed`,
    '(killed or timed out) / every mutant that ran or had no test. "Without equivalents" sets aside',
    'the survivors explained below as equivalent mutants (no test can tell them from the original).',
    '',
    '## By room',
    '',
    ...header,
    ...[...byRoom.entries()].map(([room, list]) => row(room, list)),
    row('**all**', all),
    '',
    '## By file',
    '',
    ...header,
    ...files.map(([file, f]) => row(file, f.mutants)),
    '',
    `## Surviving mutants not explained (${open.length})`,
    '',
  ];
  if (open.length === 0) out.push('None.', '');
  for (const [file, list] of groupBy(open, (s) => s.file)) {
    const lines = list.map((s) => `${line(s, false)}${s.mutant.status === 'NoCoverage' ? ' (no test runs it)' : ''}`);
    out.push(`### ${file}`, '', ...lines, '');
  }
  const explainedCount = [...explained.values()].reduce((n, list) => n + list.length, 0);
  out.push(`## Equivalent mutants, by reason (${explainedCount})`, '');
  if (explained.size === 0) out.push('None.', '');
  for (const [reason, list] of explained) {
    out.push(`**${reason}**`, '', ...list.map((s) => line(s, true)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
