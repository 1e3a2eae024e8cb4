import type { GuardConfig } from '../core/rules/config-schema';
import type { Decision } from '../core/rules/decision';
import type { GuardSnapshot } from '../messaging/snapshot';
import { EMPTY_NOTIFICATION_STATE, type NotificationPolicyState, planNotifications } from '../platform/notifications';

/** The part of `browser.notifications` used here. */
export interface NotificationsApi {
  create(
    id: string,
    options: {
      type: 'basic';
      iconUrl: string;
      title: string;
      message: string;
      priority?: number;
      requireInteraction?: boolean;
      silent?: boolean;
    },
  ): Promise<string> | undefined;
}

/**
 * System notifications: the pure policy (src/platform/notifications.ts) decides what to say
 * and de-duplicates; this only collects the decisions between two snapshots and shows.
 * Sound: an MV3 worker has no audio element; "off" makes the notification silent, otherwise
 * the system's own notification sound plays.
 */
export function createNotifier(deps: { notifications: unknown; now: () => number; iconUrl?: string }) {
  const api = deps.notifications as NotificationsApi | undefined;
  let pending: Decision[] = [];
  let state: NotificationPolicyState = EMPTY_NOTIFICATION_STATE;
  return {
    onDecisions(decisions: readonly Decision[]): void {
      pending.push(...decisions);
      if (pending.length > 500) pending = pending.slice(-500);
    },
    onSnapshot(prev: GuardSnapshot | null, next: GuardSnapshot, settings: GuardConfig['notifications']): void {
      const planned = planNotifications({ prev, next, decisions: pending, settings, state, now: deps.now() });
      pending = [];
      state = planned.state;
      if (!api) return;
      for (const n of planned.notifications) {
        void Promise.resolve(
          api.create(n.id, {
            type: 'basic',
            iconUrl: deps.iconUrl ?? 'icon/128.png',
            title: n.title,
            message: n.message,
            priority: n.priority,
            requireInteraction: n.requireInteraction,
            silent: n.sound === 'off',
          }),
        ).catch(() => undefined);
      }
    },
  };
}
