import { describe, expect, it } from 'vitest';
import { createTradingDayClock } from '../../../src/core/state/trading-day';
import {
  enforcingDailyLoss,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * Timers fire a hair early now and then (Node's against a sub-millisecond clock, as the soak
 * found: a third of them, by up to 0.8 ms). A deadline that fires before its time finds
 * nothing due; the guard must arm it again, or the reset (and the unlock it brings) waits for
 * the next watchdog alarm, 30 s in the worker, never here.
 */
const rigs = rigPerTest();

describe('a deadline that fires early', () => {
  it('is armed again and still unlocks the daily-loss lockout at 17:00 Chicago', async () => {
    const reset = createTradingDayClock().nextReset(Date.now());
    let offset = reset - 60_000 - Date.now();
    let frozenAt: number | null = null;
    const clock = { now: () => frozenAt ?? Date.now() + offset };
    const rig = await rigs.start({ sim: { now: clock.now }, harness: { clock }, config: enforcingDailyLoss(100) });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;
    traderLosesPastLimit(sim, accountId);
    await waitLocked(rig);
    await waitFlat(sim, accountId);
    expect(guard.view().lockouts[0]?.end).toMatchObject({ type: 'at', at: reset });

    // The reset's timer fires 1 ms before 17:00 (the clock held there while the guard looks):
    // nothing is due yet.
    frozenAt = reset - 1;
    await guard.onDeadline('reset');
    expect(guard.view().lockouts).toHaveLength(1);
    // The millisecond passes; no alarm is called by hand from here on.
    offset = reset + 5 - Date.now();
    frozenAt = null;
    await waitFor(() => guard.view().lockouts.length === 0, 'the unlock at the reset', 2000);
    expect(guard.view().tradingDay.start).toBe(reset);
  });

  it('brings the held-back config into force even when the reset passes while its tick runs', async () => {
    const reset = createTradingDayClock().nextReset(Date.now());
    let offset = reset - 60_000 - Date.now();
    // `straddle`: the next reading is a hair before the reset, every later one after it.
    let straddle = false;
    const clock = {
      now: () => {
        if (!straddle) return Date.now() + offset;
        straddle = false;
        offset = reset + 1 - Date.now();
        return reset - 0.5;
      },
    };
    const rig = await rigs.start({
      sim: { now: () => Date.now() + offset },
      harness: { clock },
      config: enforcingDailyLoss(100),
    });
    const { guard } = rig.harness;
    const loosened = await guard.saveConfig(enforcingDailyLoss(1000));
    expect(loosened.ok && loosened.pending?.effectiveAt).toBe(reset);

    // The reset's timer fires 0.5 ms early and the guard's first look at the clock (for the
    // held-back config) is before 17:00; by its next look the day has rolled, and the next
    // reset is tomorrow's. The config that was due must still come into force, at once.
    straddle = true;
    await guard.onDeadline('reset');
    expect(guard.view().tradingDay.start).toBe(reset);
    expect(guard.view().state.tradingDay).toBe(guard.view().tradingDay.key);
    await waitFor(() => guard.view().pending === null, 'the held-back config in force', 2000);
    expect(guard.view().config.defaultProfile.rules.dailyRealizedLoss.limit).toBe(1000);
  });
});
