import { describe, expect, it } from 'vitest';
import { chicagoTime, createDemoClock, demoDayStart, nextReset } from '../../../scripts/demo/demo-clock';

describe('createDemoClock', () => {
  it('is real time plus the offset the demo sets', () => {
    let real = 1_000;
    const clock = createDemoClock(() => real);
    expect(clock.now()).toBe(1_000);
    clock.setOffsetMs(3_600_000);
    real += 5;
    expect(clock.now()).toBe(3_601_005);
    expect(clock.offsetMs()).toBe(3_600_000);
  });

  it('refuses a non-finite offset and keeps the old one', () => {
    const clock = createDemoClock(() => 0);
    clock.setOffsetMs(10);
    expect(() => clock.setOffsetMs(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(10);
  });
});

describe('demo day', () => {
  it('starts 7 hours before the next 17:00 Chicago reset (10:00 CT)', () => {
    // Wednesday 2026-11-25 12:00 UTC = 06:00 CST.
    const real = Date.parse('2026-11-25T12:00:00Z');
    const { startAt, resetAt } = demoDayStart(real);
    expect(new Date(resetAt).toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(chicagoTime(startAt)).toBe('10:00:00 CT');
  });

  it('after Friday 17:00 CT the next reset is Monday 17:00 CT', () => {
    const fridayEvening = Date.parse('2026-11-27T23:30:00Z'); // Fri 17:30 CST
    expect(new Date(nextReset(fridayEvening)).toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('follows daylight saving time (17:00 CDT is 22:00 UTC)', () => {
    const july = Date.parse('2026-07-15T12:00:00Z');
    expect(new Date(nextReset(july)).toISOString()).toBe('2026-07-15T22:00:00.000Z');
  });
});
