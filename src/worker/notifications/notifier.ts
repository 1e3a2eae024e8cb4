import type { GuardConfig } from '../../core/rules/config/config-schema';
import type { Decision } from '../../core/rules/decision';
import type { GuardSnapshot } from '../../messaging/snapshot';
import type { SoundLevel, SoundPlayer } from '../sound/sound-player';
import { EMPTY_NOTIFICATION_STATE, type NotificationPolicyState, planNotifications } from './notification-policy';

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
 * System notifications: the pure policy (notification-policy.ts, beside it) decides what to say
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
  /**
   * Where the policy's memory outlives the worker (storage.session): an MV3 worker stops
   * every ~30 s when nothing keeps it alive, and each new one must not tell it all again.
   */
  memory?: NotifierMemory;
}) {
  const api = deps.notifications as NotificationsApi | undefined;
  let pending: Decision[] = [];
  let state: NotificationPolicyState = EMPTY_NOTIFICATION_STATE;
  const loaded: Promise<void> | undefined = deps.memory
    ?.load()
    .then((saved) => {
      if (isPolicyState(saved)) state = saved;
    })
    .catch(() => undefined);

  const show = (prev: GuardSnapshot | null, next: GuardSnapshot, settings: GuardConfig['notifications']): void => {
    const planned = planNotifications({ prev, next, decisions: pending, settings, state, now: deps.now() });
    pending = [];
    const changed = JSON.stringify(planned.state) !== JSON.stringify(state);
    state = planned.state;
    if (changed) void deps.memory?.save(state).catch(() => undefined);
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
  };

  return {
    onDecisions(decisions: readonly Decision[]): void {
      pending.push(...decisions);
      if (pending.length > 500) pending = pending.slice(-500);
    },
    onSnapshot(prev: GuardSnapshot | null, next: GuardSnapshot, settings: GuardConfig['notifications']): void {
      if (loaded) void loaded.then(() => show(prev, next, settings));
      else show(prev, next, settings);
    },
  };
}

export interface NotifierMemory {
  load(): Promise<unknown>;
  save(state: NotificationPolicyState): Promise<void>;
}

function isPolicyState(value: unknown): value is NotificationPolicyState {
  if (typeof value !== 'object' || value === null) return false;
  const shown = (value as { lastShown?: unknown }).lastShown;
  return (
    typeof shown === 'object' &&
    shown !== null &&
    Object.values(shown).every((at) => typeof at === 'number' && Number.isFinite(at))
  );
}
