/**
 * The terminal timeline of the demo: one line per thing that happened, with the time since
 * the start, so a reader sees what the trader did, what the guard decided and how long it
 * took. Pure formatting plus a sink; every line is also kept for `timeline.txt`.
 *
 *   +12.4s ▶ 4. Daily loss breach
 *   +12.4s   trader sells 1 ES @ 6848.00 (realized -$509.80 in the ledger)
 *   +12.6s   ✓ breach → flat in 183 ms; account locked until 17:00:00 CT
 */

export type LineKind = 'step' | 'info' | 'guard' | 'pass' | 'fail' | 'detail' | 'shot' | 'summary';

export interface TimelineLine {
  elapsedMs: number;
  kind: LineKind;
  text: string;
}

const MARK: Record<LineKind, string> = {
  step: '▶ ',
  info: '  ',
  guard: '  guard: ',
  pass: '  ✓ ',
  fail: '  ✗ ',
  detail: '      ',
  shot: '  📷 ',
  summary: '',
};

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  const abs = Math.abs(ms);
  if (abs < 10) return `${ms.toFixed(1)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(abs / 60_000);
  const s = Math.round((abs % 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${m} min ${s} s`;
}

export function formatElapsed(ms: number): string {
  return `+${(Math.max(0, ms) / 1000).toFixed(1)}s`.padStart(7);
}

/** Signed dollars with cents: +$97.20, -$509.80, $0.00. */
export function formatMoney(value: number): string {
  const cents = Math.round(value * 100);
  if (cents === 0) return '$0.00';
  const sign = cents < 0 ? '-' : '+';
  return `${sign}$${(Math.abs(cents) / 100).toFixed(2)}`;
}

export function formatLine(line: TimelineLine): string {
  const head = line.kind === 'summary' ? '' : `${formatElapsed(line.elapsedMs)} `;
  const mark = MARK[line.kind];
  // Continuation lines of a multi-line text keep the column.
  const pad = ' '.repeat(head.length + mark.length);
  return line.text
    .split('\n')
    .map((part, i) => (i === 0 ? `${head}${mark}${part}` : `${pad}${part}`))
    .join('\n');
}

export interface Timeline {
  step(title: string): void;
  info(text: string): void;
  guard(text: string): void;
  pass(text: string): void;
  fail(text: string): void;
  detail(text: string): void;
  shot(path: string): void;
  summary(text: string): void;
  lines(): readonly TimelineLine[];
  /** Everything printed so far, as text (for timeline.txt). */
  text(): string;
}

export function createTimeline(options: { now: () => number; write: (text: string) => void }): Timeline {
  const started = options.now();
  const kept: TimelineLine[] = [];
  const add = (kind: LineKind, text: string): void => {
    const line = { elapsedMs: options.now() - started, kind, text };
    kept.push(line);
    options.write(formatLine(line));
  };
  return {
    step: (t) => add('step', t),
    info: (t) => add('info', t),
    guard: (t) => add('guard', t),
    pass: (t) => add('pass', t),
    fail: (t) => add('fail', t),
    detail: (t) => add('detail', t),
    shot: (t) => add('shot', t),
    summary: (t) => add('summary', t),
    lines: () => kept,
    text: () => kept.map(formatLine).join('\n'),
  };
}
