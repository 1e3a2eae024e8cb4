import type { ViewClock } from '../../../src/ui/clock';

/** A clock the test moves by hand; `every` timers fire as time passes. */
export function manualClock(start: number) {
  let now = start;
  const timers = new Set<{ ms: number; next: number; fn: () => void }>();
  const clock: ViewClock = {
    now: () => now,
    every(ms, fn) {
      const t = { ms, next: now + ms, fn };
      timers.add(t);
      return () => timers.delete(t);
    },
  };
  return {
    clock,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        let due: { ms: number; next: number; fn: () => void } | null = null;
        for (const t of timers) if (t.next <= end && (due === null || t.next < due.next)) due = t;
        if (due === null) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
      }
      now = end;
    },
  };
}
