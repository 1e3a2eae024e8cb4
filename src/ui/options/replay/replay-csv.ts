import { csvCell } from '../../../messaging/journal-export';
import type { ReplayResultView } from '../../../messaging/replay';
import type { DownloadFile } from '../ImportExportSection';
import { dayRows } from './replay-view';

/** The per-day table as CSV (one row per account and trading day), as the journal exports it: no cell runs as a formula. */
const COLUMNS = [
  'day',
  'account',
  'actual_pnl',
  'replayed_pnl',
  'difference',
  'fills',
  'removed_fills',
  'locked',
  'cooldown',
  'rules_fired',
  'guard_closes',
  'approximate',
] as const;

export function replayCsv(r: ReplayResultView, now: number): DownloadFile {
  const rows = dayRows(r).map((d) =>
    [
      d.day,
      d.account,
      // Numbers stay numbers (a negative amount is not a formula).
      d.actual,
      d.replayed,
      d.difference,
      d.fills,
      d.removed,
      d.locked,
      d.cooldown,
      d.fired.join(' | '),
      d.closes.join(' | '),
      d.approximate.join(' | '),
    ]
      .map(csvCell)
      .join(','),
  );
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return {
    filename: `risk-guard-replay-${r.range.days[0] ?? ''}-to-${r.range.days.at(-1) ?? ''}-${stamp}.csv`,
    mime: 'text/csv',
    content: [COLUMNS.join(','), ...rows].join('\r\n'),
  };
}
