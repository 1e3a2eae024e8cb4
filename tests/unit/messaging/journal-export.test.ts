import { describe, expect, it } from 'vitest';
import {
  csvCell,
  formatJournalExport,
  JOURNAL_CSV_COLUMNS,
  journalToCsv,
  journalToJson,
} from '../../../src/messaging/journal-export';
import type { JournalEntryView } from '../../../src/messaging/protocol';

const entry: JournalEntryView = {
  seq: 1,
  at: Date.UTC(2026, 10, 25, 15),
  kind: 'enforcement',
  accountId: 101,
  ruleId: 'dailyRealizedLoss',
  message: 'Flatten, loss "too big", see below',
  data: { realized: -512 },
};

const at = Date.parse('2026-11-25T15:00:00Z');
const entries: JournalEntryView[] = [
  {
    seq: 1,
    at,
    kind: 'lockout',
    accountId: 7,
    ruleId: 'daily-realized-loss',
    message: 'locked, until 17:00',
    data: { realized: -510.5 },
  },
  { seq: 2, at, kind: 'connection', accountId: null, message: 'said "reconnecting"\nthen up' },
];

describe('journal export', () => {
  it('writes a header and one CSV row per entry, quoting commas and quotes', () => {
    const lines = journalToCsv([entry]).split('\r\n');
    expect(lines[0]).toBe('seq,time_utc,kind,accountId,ruleId,message,data');
    expect(lines[1]).toBe(
      `1,2026-11-25T15:00:00.000Z,enforcement,101,dailyRealizedLoss,"Flatten, loss ""too big"", see below","{""realized"":-512}"`,
    );
  });

  it('writes RFC 4180 CSV: header, CRLF lines, quoted commas, quotes and newlines', () => {
    expect(journalToCsv(entries)).toBe(
      'seq,time_utc,kind,accountId,ruleId,message,data\r\n' +
        '1,2026-11-25T15:00:00.000Z,lockout,7,daily-realized-loss,"locked, until 17:00","{""realized"":-510.5}"\r\n' +
        '2,2026-11-25T15:00:00.000Z,connection,,,"said ""reconnecting""\nthen up",\r\n',
    );
  });

  it('quotes a cell only when it must', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell('')).toBe('');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = journalToCsv([{ ...entry, message: '=HYPERLINK("http://evil")', data: undefined }]);
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('prefixes a formula cell once, and leaves negative numbers alone', () => {
    expect(csvCell("'=1+1")).toBe("'=1+1");
    expect(csvCell(-510.5)).toBe('-510.5');
    expect(journalToCsv([{ ...entry, accountId: -3 }]).split('\r\n')[1]).toMatch(/^1,[^,]+,enforcement,-3,/);
  });

  it('keeps multi-line messages in one quoted cell', () => {
    const csv = journalToCsv([{ ...entry, message: 'a\nb', data: undefined }]);
    expect(csv.split('\r\n')).toEqual([
      JOURNAL_CSV_COLUMNS.join(','),
      '1,2026-11-25T15:00:00.000Z,enforcement,101,dailyRealizedLoss,"a\nb",',
      '',
    ]);
  });

  it('writes only the header for an empty journal', () => {
    expect(journalToCsv([])).toBe('seq,time_utc,kind,accountId,ruleId,message,data\r\n');
  });

  it('exports JSON that parses back to the same entries', () => {
    const doc = JSON.parse(journalToJson(entries));
    expect(doc.format).toBe('risk-guard-journal');
    expect(doc.version).toBe(1);
    expect(doc.entries.map(({ time: _t, ...e }: { time: string }) => e)).toEqual(entries);
    expect(doc.entries[0].time).toBe('2026-11-25T15:00:00.000Z');
  });

  it('exports JSON that reads back to the same entries, with a dated file name', () => {
    const out = formatJournalExport([entry], 'json', Date.UTC(2026, 10, 25, 16));
    expect(out.mime).toBe('application/json');
    expect(out.filename).toBe('risk-guard-journal-2026-11-25T16-00-00-000Z.json');
    expect(JSON.parse(out.content).entries.map(({ time: _t, ...e }: { time: string }) => e)).toEqual([entry]);
    expect(formatJournalExport([entry], 'csv', 0).mime).toBe('text/csv');
  });

  it('starts the CSV file with a UTF-8 byte-order mark so a spreadsheet reads ≤ and – right', () => {
    const out = formatJournalExport([{ ...entry, message: 'contracts ≤ 2, 09:30–16:00' }], 'csv', 0);
    expect(out.content.startsWith('\uFEFFseq,time_utc,')).toBe(true);
    expect(out.content.slice(1)).toBe(journalToCsv([{ ...entry, message: 'contracts ≤ 2, 09:30–16:00' }]));
  });
});
