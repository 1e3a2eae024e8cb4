import { describe, expect, it } from 'vitest';
import type { GuardSnapshot } from '../../../src/messaging/snapshot';
import { guardView } from '../../../src/ui/view-models/guard-view';
import { createNotifier } from '../../../src/worker/notifications/notifier';
import { buildSnapshot } from '../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../src/worker/snapshot/pnl-series';
import { rigPerTest, waitConnected } from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * The trader revokes the API key on the TopstepX site while the guard runs (simulator:
 * faults.revokeApiKey — sign-in refused, tokens dead). Over an hour on a compressed clock
 * (the exchange's and the guard's clocks jump 30 s at each step, the watchdog alarm runs at
 * each, the hubs and the poller keep asking for a token on real timers) the guard must sign in
 * a handful of times on its slow capped schedule (1, 2, 4, 8, 16, then every 30 minutes),
 * never hundreds; say "re-enter your API key"; notify once; and connect again at once when
 * the key is entered again.
 */

const MINUTE = 60_000;

const rigs = rigPerTest();

describe('a revoked API key through the composed guard', () => {
  it('is tried a handful of times in an hour, says re-enter the key, notifies once, and a key entered again reconnects', async () => {
    const c = { offset: 0 };
    const now = () => Date.now() + c.offset;
    const rig = await rigs.start({ sim: { now }, harness: { clock: { now } } });
    const { sim, harness } = rig;
    const { guard } = harness;

    const shown: string[] = [];
    const notifier = createNotifier({
      notifications: { create: async (id: string) => shown.push(id) },
      now: () => guard.view().now,
    });
    const series = createPnlSeries();
    let prev: GuardSnapshot | null = null;
    /** What the worker does on each publish: a snapshot, notifications planned from it. */
    const publish = (): GuardSnapshot => {
      const next = buildSnapshot(guard.view(), series);
      notifier.onSnapshot(prev, next, guard.view().config.notifications);
      prev = next;
      return next;
    };
    publish();

    const loginsBefore = sim.requests.list('/api/Auth/loginKey').length;
    const revokedAt = now();
    sim.faults.revokeApiKey();
    for (let step = 0; step <= 120; step++) {
      await guard.watchdog();
      publish();
      await new Promise((r) => setTimeout(r, 5));
      c.offset += 30_000;
    }
    const attempts = sim.requests
      .list('/api/Auth/loginKey')
      .slice(loginsBefore)
      .map((r) => (r.at - revokedAt) / MINUTE);
    // Found at the first watchdog (a 401, one sign-in refused), then tried after 1, 2, 4, 8 and
    // 16 minutes: at minutes 0, 1, 3, 7, 15 and 31; the next is due at 61, past the hour. Each
    // on the first 30-s alarm after it is due (the server-time estimate may put one a step late).
    expect(attempts.length).toBeGreaterThanOrEqual(6);
    expect(attempts.length).toBeLessThanOrEqual(7);
    const gaps = attempts.slice(1).map((at, k) => at - (attempts[k] ?? 0));
    for (const [k, gap] of gaps.entries()) {
      expect(gap).toBeGreaterThanOrEqual(Math.min(30, 2 ** k) - 0.05);
      expect(gap).toBeLessThanOrEqual(Math.min(30, 2 ** k) + 1.05);
    }
    expect(guard.view().health.token).toBe('reenter-key');
    expect(guardView(publish(), guard.view().now).reenterKey).toBe(true);
    expect(shown.filter((id) => id === 'risk-guard:reenter-key')).toHaveLength(1);

    // The key works again on the site and the trader enters it: signed in at once, not at the next slot.
    sim.faults.restoreApiKey();
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    expect(guard.view().health.token).toBe('valid');
    await waitConnected(rig);
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub again');
    expect(guardView(publish(), guard.view().now).reenterKey).toBe(false);
    expect(shown.filter((id) => id === 'risk-guard:reenter-key')).toHaveLength(1);
  });
});
