import { describe, expect, it, vi } from 'vitest';
import { systemClock, systemTimers } from '../../../src/core/ports';

describe('system ports', () => {
  it('reads the wall clock and runs and cancels real timers', () => {
    vi.useFakeTimers({ now: 1_000 });
    try {
      expect(systemClock.now()).toBe(1_000);
      const ran: string[] = [];
      systemTimers.setTimeout(() => ran.push('a'), 10);
      const b = systemTimers.setTimeout(() => ran.push('b'), 10);
      systemTimers.clearTimeout(b);
      vi.advanceTimersByTime(10);
      expect(ran).toEqual(['a']);
    } finally {
      vi.useRealTimers();
    }
  });
});
