import { describe, expect, it } from 'vitest';
import { formatJournalExport, journalToCsv } from '../../../src/messaging/journal-export';
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

describe('journal export', () => {
  it('writes a header and one CSV row per entry, quoting commas and quotes', () => {
    const lines = journalToCsv([entry]).split('\r\n');
    expect(lines[0]).toBe('seq,at,time_utc,kind,accountId,ruleId,message,data');
    expect(lines[1]).toBe(
      `1,${entry.at},2026-11-25T15:00:00.000Z,enforcement,101,dailyRealizedLoss,"Flatten, loss ""too big"", see below","{""realized"":-512}"`,
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = journalToCsv([{ ...entry, message: '=HYPERLINK("http://evil")', data: undefined }]);
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('keeps multi-line messages in one quoted cell', () => {
    const csv = journalToCsv([{ ...entry, message: 'a\nb', data: undefined }]);
    expect(csv.split('\r\n')).toHaveLength(2);
  });

  it('exports JSON that reads back to the same entries, with a dated file name', () => {
    const out = formatJournalExport([entry], 'json', Date.UTC(2026, 10, 25, 16));
    expect(out.mime).toBe('application/json');
    expect(out.filename).toBe('risk-guard-journal-2026-11-25T16-00-00-000Z.json');
    expect(JSON.parse(out.content)).toEqual([entry]);
    expect(formatJournalExport([entry], 'csv', 0).mime).toBe('text/csv');
  });
});
