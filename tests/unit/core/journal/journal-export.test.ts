import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../src/core/journal/journal';
import { csvField, journalToCsv, journalToJson } from '../../../../src/core/journal/journal-export';

const at = Date.parse('2026-11-25T15:00:00Z');
const entries: JournalEntry[] = [
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
  it('writes RFC 4180 CSV: header, CRLF lines, quoted commas, quotes and newlines', () => {
    expect(journalToCsv(entries)).toBe(
      'seq,time,kind,accountId,ruleId,message,data\r\n' +
        '1,2026-11-25T15:00:00.000Z,lockout,7,daily-realized-loss,"locked, until 17:00","{""realized"":-510.5}"\r\n' +
        '2,2026-11-25T15:00:00.000Z,connection,,,"said ""reconnecting""\nthen up",\r\n',
    );
  });

  it('quotes a field only when it must', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('defuses spreadsheet formulas but leaves negative numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-510.5')).toBe('-510.5');
  });

  it('writes only the header for an empty journal', () => {
    expect(journalToCsv([])).toBe('seq,time,kind,accountId,ruleId,message,data\r\n');
  });

  it('exports JSON that parses back to the same entries', () => {
    const doc = JSON.parse(journalToJson(entries));
    expect(doc.format).toBe('risk-guard-journal');
    expect(doc.version).toBe(1);
    expect(doc.entries.map(({ time: _t, ...e }: { time: string }) => e)).toEqual(entries);
    expect(doc.entries[0].time).toBe('2026-11-25T15:00:00.000Z');
  });
});
