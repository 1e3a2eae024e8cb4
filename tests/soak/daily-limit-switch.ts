import { createPrng } from '../../simulator/prng';
import type { Guard } from '../../src/core/guard/guard';
import { soakConfig } from './guard-soak-config';
import type { DayMarks } from './trading-days';

/**
 * The trader's daily-limit changes in the guard soak: on half the afternoons the trader flips
 * the daily loss limit between two values, and the guard must apply a tightening at once and
 * hold a loosening to the reset. Keeps the limit in force, the one held to the reset and the
 * lowest in force today (what the day's losses are judged against).
 */
export function createDailyLimitSwitch(options: {
  limits: readonly [number, number];
  seed: number;
  guard: Pick<Guard, 'saveConfig'>;
  fail: (messages: string[]) => void;
}) {
  const { limits, guard, fail } = options;
  let limit: number = limits[0];
  let heldLimit: number | null = null;
  let lowestLimit = limit;
  let changedToday = false;
  let changes = 0;
  let heldToReset = 0;
  const decide = createPrng(options.seed ^ 0x2545f491);

  /** On half the afternoons the trader flips the daily limit: tightening applies at once, loosening at the reset. */
  const maybeChangeLimit = async () => {
    changedToday = true;
    if (decide.next() < 0.5) return;
    const next = limit === limits[0] ? limits[1] : limits[0];
    const result = await guard.saveConfig(soakConfig(next));
    if (!result.ok) return fail([`the limit change to ${next} was refused`]);
    changes += 1;
    if (result.pending === null) {
      if (next > limit) fail([`loosening the daily limit to ${next} applied at once`]);
      limit = next;
      lowestLimit = Math.min(lowestLimit, next);
    } else {
      if (next < limit) fail([`tightening the daily limit to ${next} was held to the reset`]);
      heldToReset += 1;
      heldLimit = next;
    }
  };

  return {
    /** The daily loss limit in force. */
    get limit() {
      return limit;
    },
    get lowestLimit() {
      return lowestLimit;
    },
    get changes() {
      return changes;
    },
    get heldToReset() {
      return heldToReset;
    },
    /** Once a day, from the afternoon on. */
    async duringTrading(day: DayMarks, now: number): Promise<void> {
      if (!changedToday && now >= day.afternoon) await maybeChangeLimit();
    },
    /** At the reset a loosening held to it comes into force. */
    newDay(): void {
      if (heldLimit !== null) limit = heldLimit;
      heldLimit = null;
      lowestLimit = limit;
      changedToday = false;
    },
  };
}
