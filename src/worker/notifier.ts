import type { GuardConfig } from '../core/rules/config-schema';
import type { Decision } from '../core/rules/decision';
import type { GuardSnapshot } from '../messaging/snapshot';
import { EMPTY_NOTIFICATION_STATE, type NotificationPolicyState, planNotifications } from '../platform/notifications';
import type { SoundLevel, SoundPlayer } from './sound-player';

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
 * Sound: with a sound player (offscreen document / event-page AudioContext), one tone per
 * batch at the loudest planned level, and the notifications themselves are silent so the
 * trader does not hear two sounds. Without one, "off" makes the notification silent and
 * otherwise the system's own notification sound plays.
 */
export function createNotifier(deps: {
  notifications: unknown;
  now: () => number;
  iconUrl?: string;
  sound?: SoundPlayer;
}) {
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
      let loudest: SoundLevel = 'off';
      for (const n of planned.notifications) {
        if (n.sound === 'loud' || (n.sound === 'soft' && loudest === 'off')) loudest = n.sound;
        void Promise.resolve(
          api.create(n.id, {
            type: 'basic',
            iconUrl: deps.iconUrl ?? 'icon/128.png',
            title: n.title,
            message: n.message,
            priority: n.priority,
            requireInteraction: n.requireInteraction,
            silent: n.sound === 'off' || deps.sound !== undefined,
          }),
        ).catch(() => undefined);
      }
      if (deps.sound && loudest !== 'off') void deps.sound.play(loudest);
    },
  };
}
