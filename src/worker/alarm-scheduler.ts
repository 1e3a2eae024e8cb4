import type { Clock, Scheduler } from '../core/ports';

/** The part of `browser.alarms` the scheduler uses (Chrome and Firefox agree on it). */
export interface AlarmsApi {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | boolean | undefined;
}

/**
 * A Scheduler over `browser.alarms` plus an in-memory timer. The alarm survives a stopped
 * worker (and wakes it); the timer gives sub-30 s precision while the worker is alive (Chrome
 * clamps alarms to ≥ 30 s). Whichever fires first calls `onFire(name)`; the guard's handlers
 * are idempotent, so a second firing is harmless.
 */
export function createAlarmScheduler(deps: {
  alarms: AlarmsApi;
  clock: Clock;
  onFire: (name: string) => void;
}): Scheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const prefix = 'rg:';
  return {
    schedule(name, at) {
      const existing = timers.get(name);
      if (existing !== undefined) clearTimeout(existing);
      const delay = Math.max(0, at - deps.clock.now());
      timers.set(
        name,
        setTimeout(() => {
          timers.delete(name);
          deps.onFire(name);
        }, delay),
      );
      // `at` is on the guard's clock (which may be shifted in local builds); alarms run on the wall clock.
      void deps.alarms.create(prefix + name, { when: Date.now() + Math.max(delay, 1000) });
    },
    cancel(name) {
      const existing = timers.get(name);
      if (existing !== undefined) clearTimeout(existing);
      timers.delete(name);
      void deps.alarms.clear(prefix + name);
    },
  };
}

/** The scheduler's name for an alarm created through it, or null for other alarms. */
export function schedulerNameOf(alarmName: string): string | null {
  return alarmName.startsWith('rg:') ? alarmName.slice(3) : null;
}
