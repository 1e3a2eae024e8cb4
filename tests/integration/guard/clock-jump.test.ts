import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import {
  type ChaosRig,
  enforcingDailyLoss,
  MNQ,
  restartGuard,
  rigPerTest,
  traderLosesPastLimit,
  waitConnected,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * The computer's clock set by hand, through the composed guard against the simulator. The
 * simulator's clock is the true time (the server's); the guard's monotonic clock counts the same
 * milliseconds; only the guard's wall clock is set ahead or back (`jump`). Moving `offset` is
 * time passing, for every clock.
 */

const HOUR = 3_600_000;
const RESET = Date.parse('2026-11-24T17:00:00-06:00');

const rigs = rigPerTest();

function clocks(startIso: string) {
  const c = {
    offset: Date.parse(startIso) - Date.now(),
    jump: 0,
    exchange: { now: () => Date.now() + c.offset },
    local: { now: () => Date.now() + c.offset + c.jump },
    moveTo(iso: string) {
      c.offset = Date.parse(iso) - Date.now();
    },
  };
  return c;
}

/** Locked until 17:00 CT by a daily loss at 10:00, with a loosening held back until then. */
async function lockedAtTen(c: ReturnType<typeof clocks>) {
  const rig = await rigs.start({
    sim: { now: c.exchange.now },
    harness: { clock: c.local, monotonic: c.exchange },
    config: enforcingDailyLoss(100),
  });
  const { sim, harness, accountId } = rig;
  traderLosesPastLimit(sim, accountId);
  await waitLocked(rig);
  await waitFlat(sim, accountId);
  await harness.guard.whenIdle(accountId);
  const loosened = await harness.guard.saveConfig(enforcingDailyLoss(1000));
  expect(loosened.ok && loosened.pending?.effectiveAt).toBe(RESET);
  const lockout = harness.guard.view().lockouts.find((l) => l.accountId === accountId);
  expect(lockout?.end).toEqual({ type: 'at', at: RESET, from: 'next-reset' });
  return { rig, lockout };
}

const clockEntries = (r: ChaosRig) => r.harness.journal.entries.filter((e) => e.kind === 'clock');
const limitOf = (r: ChaosRig) => r.harness.guard.view().config.defaultProfile.rules.dailyRealizedLoss.limit;

describe('the computer’s clock set by hand while the account is locked', () => {
  it('set a day ahead ends no lockout, brings no loosening into force and rolls no day; set back, it has nothing to restore', async () => {
    const c = clocks('2026-11-24T10:00:00-06:00');
    const { rig: r, lockout } = await lockedAtTen(c);
    const { sim, harness, accountId } = r;
    const { guard } = harness;

    c.jump = 24 * HOUR;
    await guard.onDeadline('lockout-expiry');
    await guard.onDeadline('reset');
    await guard.watchdog();
    expect(guard.view().lockouts).toEqual([lockout]);
    expect(guard.view().pending).not.toBeNull();
    expect(limitOf(r)).toBe(100);
    expect(guard.view().tradingDay.key).toBe('2026-11-24');
    expect(Math.abs(guard.view().now - c.exchange.now())).toBeLessThan(1500);
    // Journaled once, and shown.
    expect(clockEntries(r)).toHaveLength(1);
    expect(clockEntries(r)[0]?.message).toMatch(/ahead/);
    expect(guard.view().clock.skewMs).toBeGreaterThan(24 * HOUR - 1500);

    // The lockout still holds: what the trader opens is closed.
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFlat(sim, accountId);

    c.jump = 0;
    await guard.watchdog();
    expect(guard.view().lockouts).toEqual([lockout]);
    expect(clockEntries(r)).toHaveLength(2);
    expect(clockEntries(r)[1]?.message).toMatch(/back/);
    expect(guard.view().clock.skewMs).toBe(0);
    // A clock set back a day stalls nothing either (rate windows, breakers, the enforcer's timers).
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFlat(sim, accountId);

    // Time really passes: at 17:00 CT the lockout ends and the loosening applies.
    c.moveTo('2026-11-24T17:00:01-06:00');
    await guard.onDeadline('reset');
    expect(guard.view().lockouts).toEqual([]);
    expect(guard.view().pending).toBeNull();
    expect(limitOf(r)).toBe(1000);
    expect(guard.view().tradingDay.key).toBe('2026-11-25');
  }, 30_000);

  it('set ahead before a restart with the gateway out of reach, keeps the lockout until the server confirms the time', async () => {
    const c = clocks('2026-11-24T10:00:00-06:00');
    const { rig: r, lockout } = await lockedAtTen(c);
    // Same gateway, out of reach (a different host would be a gateway change: the key is forgotten).
    const options = { clock: c.local, monotonic: c.exchange };

    // The browser is closed; the computer's clock is set a day ahead; it starts offline.
    c.moveTo('2026-11-24T10:05:00-06:00');
    c.jump = 24 * HOUR;
    r.sim.faults.unreachable();
    let next = await restartGuard(r, undefined, options);
    await next.guard.watchdog();
    expect(next.guard.view().lockouts).toEqual([lockout]);
    expect(next.guard.view().pending).not.toBeNull();
    expect(next.guard.view().clock.source).toBe('saved');
    expect(next.guard.view().tradingDay.key).toBe('2026-11-24');

    // Online again: the server's time is confirmed, the lockout still holds until 17:00 CT.
    r.sim.faults.reachable();
    next = await restartGuard(r, undefined, options);
    await waitConnected(r);
    await waitFor(() => next.guard.view().clock.source === 'server', 'the server’s time');
    await next.guard.watchdog();
    expect(next.guard.view().lockouts).toEqual([lockout]);
    expect(next.guard.view().pending).not.toBeNull();
    expect(clockEntries(r).at(-1)?.message).toMatch(/ahead/);
  }, 30_000);
});
