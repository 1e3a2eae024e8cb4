import type { JournalEntryView, RequestOf, ResponseOf } from './protocol';

/**
 * The worker's answer to exportJournal: the journal as a file, CSV for a spreadsheet or JSON
 * for support.
 *
 * CSV follows RFC 4180: a header, CRLF after every record, a cell holding a comma, a double
 * quote, CR or LF wrapped in double quotes with inner quotes doubled. The time is ISO 8601 UTC
 * and `data` is JSON in the last column. The file starts with a UTF-8 byte-order mark: without
 * it Excel reads the guard's `≤` and `–` as mojibake.
 *
 * A text cell a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or CR) gets
 * a leading apostrophe: a journal message must never execute on the trader's machine. Numbers
 * are written as numbers, so a negative amount stays a number.
 */
export const JOURNAL_CSV_COLUMNS = ['seq', 'time_utc', 'kind', 'accountId', 'ruleId', 'message', 'data'] as const;

const UTF8_BOM = '\uFEFF';

/** One CSV cell: quoted when needed, and never a formula a spreadsheet would run. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function journalToCsv(entries: readonly JournalEntryView[]): string {
  const lines = [JOURNAL_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.seq,
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
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A self-describing JSON document: the entries as stored, with ISO times added for reading. */
export function journalToJson(entries: readonly JournalEntryView[]): string {
  return JSON.stringify(
    {
      format: 'risk-guard-journal',
      version: 1,
      entries: entries.map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
    },
    null,
    2,
  );
}

export function formatJournalExport(
  entries: readonly JournalEntryView[],
  format: RequestOf<'exportJournal'>['format'],
  now: number,
): ResponseOf<'exportJournal'> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return format === 'csv'
    ? { filename: `risk-guard-journal-${stamp}.csv`, mime: 'text/csv', content: UTF8_BOM + journalToCsv(entries) }
    : { filename: `risk-guard-journal-${stamp}.json`, mime: 'application/json', content: journalToJson(entries) };
}
