import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { systemTimers } from '../../../../src/core/ports';
import { createRestPoller } from '../../../../src/core/realtime/rest-poller';

const clock = { now: () => Date.now() };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRestPoller', () => {
  it('polls at once and then every 5 s while active, and stops when healthy again', async () => {
    const at: number[] = [];
    const poller = createRestPoller({ timers: systemTimers, clock, poll: async () => at.push(Date.now()) });
    poller.setActive(true);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(at).toEqual([0, 5000, 10_000]);
    poller.setActive(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(at).toHaveLength(3);
    expect(poller.isActive()).toBe(false);
  });

  it('never overlaps polls: the next waits 5 s after a slow one ends', async () => {
    const at: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const poller = createRestPoller({
      timers: systemTimers,
      clock,
      poll: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        at.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 7000));
        running -= 1;
      },
    });
    poller.setActive(true);
    poller.setActive(false);
    poller.setActive(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(maxRunning).toBe(1);
    expect(at).toEqual([0, 12_000, 24_000]);
  });

  it('keeps polling through failures and journals only the first of a streak', async () => {
    const journal = createMemoryJournal();
    let calls = 0;
    const poller = createRestPoller({
      timers: systemTimers,
      clock,
      journal,
      poll: async () => {
        calls += 1;
        if (calls <= 4) throw new Error('503');
      },
    });
    poller.setActive(true);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(calls).toBe(6);
    expect(journal.entries.map((e) => e.message)).toEqual(['REST polling failed', 'REST polling recovered']);
    expect(poller.count()).toBe(6);
  });
});
