import type { NotificationsApi } from './notifications/notifier';
import type { StartupStatus } from './startup';

const NOTIFIED_KEY = 'startup-failure-notified';

/** The part of `browser.storage.session` used here. */
export interface SessionStorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * One system notification when the guard cannot start (a failing disk, a closed database):
 * until it starts, nothing is watched, and the trader must know even with the popup shut.
 * Told once per failing spell, remembered in storage.session so a worker that wakes again
 * (every 30 s from the watchdog alarm) does not tell it again; forgotten once it starts.
 */
export function createStartupAlert(deps: { notifications: unknown; session: SessionStorageLike | undefined }) {
  const api = deps.notifications as NotificationsApi | undefined;
  return {
    async onStatus(status: StartupStatus): Promise<void> {
      try {
        if (status.state === 'ready') {
          await deps.session?.remove(NOTIFIED_KEY);
          return;
        }
        if (status.state !== 'failed' || !api) return;
        if ((await deps.session?.get(NOTIFIED_KEY))?.[NOTIFIED_KEY]) return;
        await deps.session?.set({ [NOTIFIED_KEY]: true });
        await api.create('risk-guard:startup-failed', {
          type: 'basic',
          iconUrl: 'icon/128.png',
          title: 'Risk guard could not start',
          message: `Your limits are NOT being enforced: ${status.error ?? 'unknown error'}. It keeps trying; open the popup for the latest.`,
          priority: 2,
          requireInteraction: true,
        });
      } catch {
        // Telling the trader is best-effort; the popup shows the failure too.
      }
    },
  };
}
