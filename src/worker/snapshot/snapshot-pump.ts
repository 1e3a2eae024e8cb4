import type { GuardView } from '../../core/guard/guard';
import type { PageConfig } from '../../core/page/page-config';
import type { GuardConfig } from '../../core/rules/config/config-schema';
import type { Decision } from '../../core/rules/decision';
import type { GuardSnapshot } from '../../messaging/snapshot';
import { SNAPSHOT_CACHE_KEY } from '../../messaging/snapshot-cache';
import type { GuardAccess } from '../guard-access';
import type { GuardHost } from '../guard-host';
import type { createPageHealth } from '../page/page-health';
import type { Toolbar } from '../toolbar/toolbar';
import { buildSnapshot } from './build-snapshot';
import type { createPnlSeries } from './pnl-series';
import type { SnapshotPublisher } from './snapshot-publisher';

/** Snapshots are rebuilt at most this often: a burst of quotes is one repaint. */
export const PUMP_DELAY_MS = 100;

/**
 * The snapshot pump: the guard's news out to everything that shows it.
 *
 * Triggered by every "changed" of the guard (state, lockouts, enforcement, config, health:
 * create-guard.ts), by page health changing (the content script's reports, the network
 * block), by a guard (re)built for a new gateway, and by the dev clock shift. Bursts coalesce:
 * one rebuild at most every 100 ms.
 * Does: builds the snapshot from the guard's view (src/worker/snapshot/build-snapshot.ts) and hands it, in
 * this order, to the publisher (popup, options, overlay), the toolbar badge, the session
 * cache (the popup paints it at once on open), the page's network block, and the notifier
 * (with the snapshot before it; the rules' decisions reach the notifier as they are taken).
 *
 *   guard changed ─┐
 *   page health ───┼─▶ (100 ms) ─▶ view ─▶ snapshot ─▶ publisher ─▶ toolbar ─▶ session cache
 *   new guard ─────┘                                 ─▶ network block ─▶ notifier (prev, next)
 *   guard decided ────────────────────────────────────────────────────▶ notifier
 */
export interface SnapshotPump {
  /** Something changed: a snapshot goes out within PUMP_DELAY_MS. */
  publish(): void;
  /** A snapshot built now, for a view that asks (not published). */
  now(): Promise<GuardSnapshot>;
}

export function createSnapshotPump(deps: {
  host: Pick<GuardHost, 'ready' | 'onGuard'>;
  access: Pick<GuardAccess, 'whenReady'>;
  series: ReturnType<typeof createPnlSeries>;
  pageHealth: Pick<ReturnType<typeof createPageHealth>, 'view'>;
  publisher: SnapshotPublisher;
  toolbar: Pick<Toolbar, 'show'>;
  /** storage.session (absent in some browsers). */
  cache: { set(items: Record<string, unknown>): Promise<void> } | undefined;
  pageBlock: { sync(patterns: PageConfig, snapshot: GuardSnapshot): void };
  notifier: {
    onDecisions(decisions: readonly Decision[]): void;
    onSnapshot(prev: GuardSnapshot | null, next: GuardSnapshot, settings: GuardConfig['notifications']): void;
  };
  /** The computer's clock: the views count down on the guard's time, sent as an offset from it. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}): SnapshotPump {
  const now = deps.now ?? (() => Date.now());
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const snapshotOf = (view: GuardView) =>
    buildSnapshot(view, deps.series, { clockOffsetMs: view.now - now(), page: deps.pageHealth.view() });

  let armed = false;
  const pump: SnapshotPump = {
    publish() {
      if (armed) return;
      armed = true;
      setTimer(() => {
        armed = false;
        void deps.access.whenReady((guard) => {
          const view = guard.view();
          const snapshot = snapshotOf(view);
          const prev = deps.publisher.current();
          deps.publisher.publish(snapshot);
          deps.toolbar.show(snapshot);
          void deps.cache?.set({ [SNAPSHOT_CACHE_KEY]: snapshot }).catch(() => undefined);
          deps.pageBlock.sync(view.config.page, snapshot);
          deps.notifier.onSnapshot(prev, snapshot, view.config.notifications);
        });
      }, PUMP_DELAY_MS);
    },
    async now() {
      return snapshotOf((await deps.host.ready()).view());
    },
  };
  deps.host.onGuard((guard) => {
    guard.subscribe(pump.publish);
    guard.onDecisions((decisions) => deps.notifier.onDecisions(decisions));
    pump.publish();
  });
  return pump;
}
