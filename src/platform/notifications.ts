import type { JournalEntryView } from '../messaging/protocol';
import type { GuardSnapshot, LockoutView } from '../messaging/snapshot';

/**
 * Which system notifications to show, decided from what changed: a new enforcement in the
 * journal (breach), a lockout that appeared or ended, the guard going blind or seeing again.
 * Pure: the worker keeps `state` (storage.session is enough) and calls
 *   chrome.notifications.create(n.id, { type: 'basic', title, message, priority, requireInteraction, silent: !n.sound })
 * for each planned notification.
 *
 * De-duplication: every notification has a key; a key shown within its window is not shown
 * again (a retried enforcement journals twice, a snapshot is pushed many times).
 */

export type NotificationKind = 'breach' | 'lockout' | 'unlock' | 'blind' | 'sighted';

export interface NotificationSettings {
  breach: boolean;
  lockout: boolean;
  unlock: boolean;
  /** Covers both going blind and seeing again. */
  blindness: boolean;
  sound: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  breach: true,
  lockout: true,
  unlock: true,
  blindness: true,
  sound: false,
};

export interface PlannedNotification {
  /** Stable id: re-creating the same id replaces the notification instead of stacking. */
  id: string;
  kind: NotificationKind;
  accountId: number | null;
  title: string;
  message: string;
  /** 2 = high: lockouts and blindness stay until seen. */
  priority: 0 | 1 | 2;
  requireInteraction: boolean;
  sound: boolean;
}

export interface NotificationPolicyState {
  /** key → epoch ms it was last shown. */
  lastShown: Record<string, number>;
}

export const EMPTY_NOTIFICATION_STATE: NotificationPolicyState = { lastShown: {} };

export interface NotificationInput {
  prev: GuardSnapshot | null;
  next: GuardSnapshot;
  /** Journal entries appended since the last call. */
  journal: readonly JournalEntryView[];
  settings: NotificationSettings;
  state: NotificationPolicyState;
  now: number;
}

/** A breach of the same rule on the same account is told once per this window. */
export const BREACH_WINDOW_MS = 5 * 60_000;
/** Lockout/unlock/blind keys carry their own identity; remember them for a day. */
const MEMORY_MS = 24 * 3_600_000;

const lockoutKey = (accountId: number, l: LockoutView): string =>
  `${accountId}:${l.ruleId}:${l.kind}:${l.symbol ?? '*'}:${l.endsAt ?? l.condition ?? 'open'}`;

function lockoutsById(s: GuardSnapshot | null): Map<string, { accountId: number; name: string; lockout: LockoutView }> {
  const out = new Map<string, { accountId: number; name: string; lockout: LockoutView }>();
  for (const a of s?.accounts ?? []) {
    for (const l of a.lockouts) out.set(lockoutKey(a.id, l), { accountId: a.id, name: a.name, lockout: l });
  }
  return out;
}

function endsText(l: LockoutView): string {
  if (l.endsAt !== null) return `until ${new Date(l.endsAt).toISOString().slice(11, 16)} UTC`;
  return l.condition ? `until ${l.condition}` : 'until it clears';
}

export function planNotifications(input: NotificationInput): {
  notifications: PlannedNotification[];
  state: NotificationPolicyState;
} {
  const { prev, next, settings, now } = input;
  const lastShown: Record<string, number> = {};
  for (const [k, at] of Object.entries(input.state.lastShown)) if (now - at < MEMORY_MS) lastShown[k] = at;
  const out: PlannedNotification[] = [];
  const names = new Map(next.accounts.map((a) => [a.id, a.name]));

  const offer = (key: string, windowMs: number, n: Omit<PlannedNotification, 'id' | 'sound'>): void => {
    const seen = lastShown[key];
    if (seen !== undefined && now - seen < windowMs) return;
    lastShown[key] = now;
    out.push({ ...n, id: `risk-guard:${key}`, sound: settings.sound });
  };

  if (settings.breach) {
    for (const e of input.journal) {
      if (e.kind !== 'enforcement') continue;
      const who = e.accountId === null ? 'all accounts' : (names.get(e.accountId) ?? `account ${e.accountId}`);
      offer(`breach:${e.accountId ?? '*'}:${e.ruleId ?? '?'}`, BREACH_WINDOW_MS, {
        kind: 'breach',
        accountId: e.accountId,
        title: `Limit reached — ${who}`,
        message: e.message,
        priority: 2,
        requireInteraction: false,
      });
    }
  }

  const before = lockoutsById(prev);
  const after = lockoutsById(next);
  if (settings.lockout) {
    for (const [key, { accountId, name, lockout }] of after) {
      if (before.has(key)) continue;
      offer(`lockout:${key}`, MEMORY_MS, {
        kind: 'lockout',
        accountId,
        title: `${lockout.kind === 'cooldown' ? 'Cooldown' : 'Locked'} — ${name}`,
        message: `${lockout.reason} (${endsText(lockout)})`,
        priority: 2,
        requireInteraction: true,
      });
    }
  }
  if (settings.unlock && prev !== null) {
    for (const [key, { accountId, name, lockout }] of before) {
      if (after.has(key)) continue;
      offer(`unlock:${key}`, MEMORY_MS, {
        kind: 'unlock',
        accountId,
        title: `Unlocked — ${name}`,
        message: `The ${lockout.kind} (${lockout.reason}) has ended.`,
        priority: 1,
        requireInteraction: false,
      });
    }
  }

  if (settings.blindness) {
    const wasBlind = prev?.health.blindSince ?? null;
    const isBlind = next.health.blindSince;
    if (isBlind !== null && wasBlind === null) {
      offer(`blind:${isBlind}`, MEMORY_MS, {
        kind: 'blind',
        accountId: null,
        title: 'Risk guard is BLIND',
        message: next.failClosed
          ? 'The guard cannot see your accounts. Order entry on the page is blocked until it sees again.'
          : 'The guard cannot see your accounts. Your limits are NOT being enforced.',
        priority: 2,
        requireInteraction: true,
      });
    }
    if (isBlind === null && wasBlind !== null) {
      offer(`sighted:${wasBlind}`, MEMORY_MS, {
        kind: 'sighted',
        accountId: null,
        title: 'Risk guard sees again',
        message: 'The connection is back; limits are enforced again.',
        priority: 1,
        requireInteraction: false,
      });
    }
  }

  return { notifications: out, state: { lastShown } };
}
