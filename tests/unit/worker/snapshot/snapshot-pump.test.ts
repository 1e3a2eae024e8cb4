import { describe, expect, it } from 'vitest';
import type { Guard, GuardView } from '../../../../src/core/guard/guard';
import type { Decision } from '../../../../src/core/rules/decision';
import type { GuardSnapshot } from '../../../../src/messaging/snapshot';
import { SNAPSHOT_CACHE_KEY } from '../../../../src/messaging/snapshot-cache';
import { createGuardAccess } from '../../../../src/worker/guard-access';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import { createSnapshotPublisher } from '../../../../src/worker/snapshot/snapshot-publisher';
import { createSnapshotPump, PUMP_DELAY_MS } from '../../../../src/worker/snapshot/snapshot-pump';
import { NOW, sampleView } from '../fixtures';

/** A guard that only has a view and the two signals the pump listens to. */
function fakeGuard(view: () => GuardView) {
  const changed = new Set<() => void>();
  const decided = new Set<(d: readonly Decision[]) => void>();
  const guard = {
    view,
    subscribe(l: () => void) {
      changed.add(l);
      return () => changed.delete(l);
    },
    onDecisions(l: (d: readonly Decision[]) => void) {
      decided.add(l);
      return () => decided.delete(l);
    },
  } as unknown as Guard;
  return {
    guard,
    change: () => {
      for (const l of changed) l();
    },
    decide: (d: readonly Decision[]) => {
      for (const l of decided) l(d);
    },
  };
}

async function world() {
  let view = sampleView();
  const g = fakeGuard(() => view);
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const calls: string[] = [];
  const onGuard: Array<(guard: Guard) => void> = [];
  const host = {
    ready: async () => g.guard,
    onGuard: (l: (guard: Guard) => void) => onGuard.push(l),
  };
  const cached: Record<string, unknown>[] = [];
  const synced: GuardSnapshot[] = [];
  const notified: Array<{ prev: GuardSnapshot | null; next: GuardSnapshot }> = [];
  const decisions: Array<readonly Decision[]> = [];
  const publisher = createSnapshotPublisher();
  publisher.subscribe(() => calls.push('publisher'));
  const pump = createSnapshotPump({
    host,
    access: createGuardAccess(host),
    series: createPnlSeries(),
    pageHealth: {
      view: () => ({ orderEntry: 'unknown', since: null, networkBlock: { active: false, failure: null } }),
    },
    publisher,
    toolbar: { show: () => calls.push('toolbar') },
    cache: {
      set: async (items) => {
        calls.push('cache');
        cached.push(items);
      },
    },
    pageBlock: {
      sync: (_patterns, snapshot) => {
        calls.push('network block');
        synced.push(snapshot);
      },
    },
    notifier: {
      onDecisions: (d) => decisions.push(d),
      onSnapshot: (prev, next) => {
        calls.push('notifier');
        notified.push({ prev, next });
      },
    },
    now: () => NOW - 5_000,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
  });
  const fire = async () => {
    const due = timers.splice(0);
    for (const t of due) t.fn();
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    pump,
    g,
    timers,
    calls,
    cached,
    synced,
    notified,
    decisions,
    fire,
    newGuard: () => {
      for (const l of onGuard) l(g.guard);
    },
    setView: (v: GuardView) => {
      view = v;
    },
  };
}

describe('the snapshot pump', () => {
  it('publishes once when a guard is built, and once per burst of changes, 100 ms after the first', async () => {
    const w = await world();
    w.newGuard();
    expect(w.timers).toHaveLength(1);
    expect(w.timers[0]?.ms).toBe(PUMP_DELAY_MS);
    w.g.change();
    w.g.change();
    w.pump.publish();
    expect(w.timers).toHaveLength(1); // the burst joined the armed rebuild
    await w.fire();
    expect(w.notified).toHaveLength(1);
    w.g.change();
    expect(w.timers).toHaveLength(1); // armed again after it went out
  });

  it('hands the snapshot to the publisher, the toolbar, the session cache, the network block and the notifier, in that order', async () => {
    const w = await world();
    w.newGuard();
    await w.fire();
    expect(w.calls).toEqual(['publisher', 'toolbar', 'cache', 'network block', 'notifier']);
    const sent = w.synced[0];
    expect(w.cached[0]).toEqual({ [SNAPSHOT_CACHE_KEY]: sent });
    expect(w.notified[0]).toEqual({ prev: null, next: sent });
  });

  it('tells the notifier each snapshot with the one before it, and each decision as the guard takes it', async () => {
    const w = await world();
    w.newGuard();
    await w.fire();
    w.g.change();
    await w.fire();
    expect(w.notified[1]?.prev).toBe(w.notified[0]?.next);
    const decision = { kind: 'warning' } as unknown as Decision;
    w.g.decide([decision]);
    expect(w.decisions).toEqual([[decision]]);
  });

  it('builds a snapshot on demand without publishing it, counting on the guard’s time', async () => {
    const w = await world();
    const snapshot = await w.pump.now();
    expect(snapshot.clockOffsetMs).toBe(5_000); // the view's now against the computer's clock
    expect(w.calls).toEqual([]);
  });

  it('skips a rebuild while the guard cannot start, and goes out with the next change', async () => {
    const w = await world();
    w.newGuard();
    w.setView(
      new Proxy(sampleView(), {
        get() {
          throw new Error('not started');
        },
      }),
    );
    await w.fire();
    expect(w.notified).toHaveLength(0);
    w.setView(sampleView());
    w.g.change();
    await w.fire();
    expect(w.notified).toHaveLength(1);
  });
});
