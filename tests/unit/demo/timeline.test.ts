import { describe, expect, it } from 'vitest';
import { createTimeline, formatDuration, formatElapsed, formatLine, formatMoney } from '../../../scripts/demo/timeline';

describe('formatDuration', () => {
  it('says sub-second durations in whole milliseconds', () => {
    expect(formatDuration(183.4)).toBe('183 ms');
    expect(formatDuration(12)).toBe('12 ms');
  });
  it('keeps a decimal below 10 ms', () => {
    expect(formatDuration(3.14)).toBe('3.1 ms');
  });
  it('says seconds with one decimal, minutes with seconds', () => {
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
  it('says n/a for a missing measurement', () => {
    expect(formatDuration(Number.NaN)).toBe('n/a');
  });
});

describe('formatMoney', () => {
  it('signs profits and losses and keeps cents', () => {
    expect(formatMoney(97.2)).toBe('+$97.20');
    expect(formatMoney(-509.8)).toBe('-$509.80');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(-0.004)).toBe('$0.00');
  });
});

describe('formatLine', () => {
  it('puts the elapsed time in a fixed column before the mark', () => {
    expect(formatElapsed(12_345)).toBe(' +12.3s');
    expect(formatLine({ elapsedMs: 12_345, kind: 'pass', text: 'breach → flat in 183 ms' })).toBe(
      ' +12.3s   ✓ breach → flat in 183 ms',
    );
    expect(formatLine({ elapsedMs: 0, kind: 'step', text: '1. Connect' })).toBe('  +0.0s ▶ 1. Connect');
  });

  it('indents continuation lines under the text', () => {
    const out = formatLine({ elapsedMs: 1000, kind: 'guard', text: 'decided\nflatten' }).split('\n');
    expect(out[0]).toBe('  +1.0s   guard: decided');
    expect(out[1]).toBe(`${' '.repeat('  +1.0s   guard: '.length)}flatten`);
  });

  it('prints summary lines without a time column', () => {
    expect(formatLine({ elapsedMs: 99_000, kind: 'summary', text: 'DEMO PASSED' })).toBe('DEMO PASSED');
  });
});

describe('createTimeline', () => {
  it('writes each line as it happens, timed from the start, and keeps them all', () => {
    let t = 1_000;
    const written: string[] = [];
    const tl = createTimeline({ now: () => t, write: (s) => written.push(s) });
    tl.step('1. Connect');
    t += 2_500;
    tl.pass('connected');
    expect(written).toEqual(['  +0.0s ▶ 1. Connect', '  +2.5s   ✓ connected']);
    expect(tl.lines().map((l) => l.kind)).toEqual(['step', 'pass']);
    expect(tl.text()).toBe(written.join('\n'));
  });
});
