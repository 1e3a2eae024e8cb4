import { describe, expect, it } from 'vitest';
import { createTimeFormatter, roundToTick } from '../../simulator/time-format';

describe('time format and price rounding', () => {
  it('writes ISO-8601 with 7 fractional digits and +00:00, ordered within a millisecond', () => {
    const f = createTimeFormatter();
    const a = f.iso(Date.UTC(2026, 10, 25, 15, 4, 5, 123));
    const b = f.iso(Date.UTC(2026, 10, 25, 15, 4, 5, 123));
    expect(a).toMatch(/^2026-11-25T15:04:05\.123\d{4}\+00:00$/);
    expect(a < b).toBe(true);
    expect(Date.parse(a)).toBe(Date.UTC(2026, 10, 25, 15, 4, 5, 123));
  });

  it('rounds prices to the tick without float noise', () => {
    expect(roundToTick(62.4 + 0.01 * 3, 0.01)).toBe(62.43);
    expect(roundToTick(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundToTick(25_000.13, 0.25)).toBe(25_000.25);
    expect(roundToTick(47_500.4, 1)).toBe(47_500);
  });
});
