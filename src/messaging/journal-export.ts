import type { JournalEntryView } from './protocol';

/**
 * The worker's answer to exportJournal: CSV (one row per entry, data as JSON in the last
 * column) or JSON. Cells that a spreadsheet would run as a formula (= + - @ and tab/CR at the
 * start) are prefixed with a quote: a journal message must never execute on the trader's machine.
 */

const COLUMNS = ['seq', 'at', 'time_utc', 'kind', 'accountId', 'ruleId', 'message', 'data'] as const;

/** One CSV cell: quoted when needed, and never a formula a spreadsheet would run. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function journalToCsv(entries: readonly JournalEntryView[]): string {
  const rows = entries.map((e) =>
    [
      e.seq,
      e.at,
      new Date(e.at).toISOString(),
      e.kind,
      e.accountId,
      e.ruleId,
      e.message,
      e.data === undefined ? '' : JSON.stringify(e.data),
    ]
      .map(csvCell)
      .join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n');
}

export function formatJournalExport(
  entries: readonly JournalEntryView[],
  format: 'csv' | 'json',
  now: number,
): { filename: string; mime: string; content: string } {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return format === 'csv'
    ? { filename: `risk-guard-journal-${stamp}.csv`, mime: 'text/csv', content: journalToCsv(entries) }
    : {
        filename: `risk-guard-journal-${stamp}.json`,
        mime: 'application/json',
        content: JSON.stringify(entries, null, 2),
      };
}
