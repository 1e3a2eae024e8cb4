import type { JournalEntry } from './journal';

/**
 * Journal exports for the trader (spreadsheet) and for support (JSON). CSV follows RFC 4180:
 * CRLF line ends; a field holding a comma, a double quote, CR or LF is wrapped in double
 * quotes with inner quotes doubled. Cells a spreadsheet would run as a formula (leading `=`,
 * `+`, `@`, tab or CR) get a leading apostrophe; a leading `-` is left alone, as negative
 * P&L figures start with it and messages are the guard's own words.
 */
export const JOURNAL_CSV_COLUMNS = ['seq', 'time', 'kind', 'accountId', 'ruleId', 'message', 'data'] as const;

export function journalToCsv(entries: readonly JournalEntry[]): string {
  const lines = [JOURNAL_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        String(e.seq),
        new Date(e.at).toISOString(),
        e.kind,
        e.accountId === null ? '' : String(e.accountId),
        e.ruleId ?? '',
        e.message,
        e.data === undefined ? '' : JSON.stringify(e.data),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A self-describing JSON document: the entries as stored, with ISO times added for reading. */
export function journalToJson(entries: readonly JournalEntry[]): string {
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
