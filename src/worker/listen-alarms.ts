import { schedulerNameOf } from './alarm-scheduler';
import type { GuardAccess } from './guard-access';

/** The 30 s alarm that wakes a stopped worker: reconnect, reconcile, catch up (Guard.watchdog). */
export const WATCHDOG_ALARM = 'watchdog';

interface AlarmsLike {
  onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number }): Promise<void> | void;
}

/**
 * chrome.alarms into the guard. A deadline the guard armed (deadlines.ts, through the alarm
 * scheduler) fires `onDeadline`; the watchdog fires `watchdog`. While start-up is failing,
 * the watchdog is also what tries it again once its backoff is over (host.ready()).
 *
 *   alarm ─┬─ a guard deadline ─▶ guard.onDeadline(name) ─▶ catch-up tick
 *          └─ watchdog (30 s) ──▶ guard.watchdog()
 */
export function listenAlarms(alarms: AlarmsLike, access: Pick<GuardAccess, 'whenReady'>): void {
  alarms.onAlarm.addListener((alarm) => {
    const name = schedulerNameOf(alarm.name);
    if (name) void access.whenReady((g) => g.onDeadline(name));
    else if (alarm.name === WATCHDOG_ALARM) void access.whenReady((g) => g.watchdog());
  });
  // Created once: re-creating it at every worker start would restart its period each time.
  void alarms.get(WATCHDOG_ALARM).then((existing) => {
    if (!existing) void alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
  });
}
