import type { GuardConfig } from '../../core/rules/config/config-schema';
import type { Decision } from '../../core/rules/decision';
import type { GuardSnapshot, LockoutView } from '../../messaging/snapshot';

/**
 * Which system notifications to show, decided from what changed: the rules' new decisions
 * (breach = an enforcement, a monitor-only "would have", a near-limit warning), a lockout
 * that appeared or ended, the guard going blind or seeing again. Each kind is switched by
 * config.notifications. Pure: the worker keeps `state` (storage.session is enough) and calls
 *   chrome.notifications.create(n.id, { type: 'basic', iconUrl, title, message, priority,
 *     requireInteraction, silent: n.sound === 'off' })
 * for each planned notification (and plays a louder sound itself for 'loud', if it wants).
 *
 * De-duplication: every notification has a key; a key shown within its window is not shown
 * again (a retried enforcement journals twice, a snapshot is pushed many times).
 */

export type NotificationKind =
  | 'breach'
  | 'monitor'
  | 'warning'
  | 'lockout'
  | 'unlock'
  | 'blind'
  | 'sighted'
  | 'storage'
  | 'reenter-key';

/** config.notifications: enforcements, monitorOnly, warnings, lockouts (and unlocks), blind (and sighted), sound. */
export type NotificationSettings = GuardConfig['notifications'];

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
  sound: NotificationSettings['sound'];
}

export interface NotificationPolicyState {
  /** key → epoch ms it was last shown. */
  lastShown: Record<string, number>;
}

export const EMPTY_NOTIFICATION_STATE: NotificationPolicyState = { lastShown: {} };

export interface NotificationInput {
  prev: GuardSnapshot | null;
  next: GuardSnapshot;
  /** Decisions the rules returned since the last call. */
  decisions: readonly Decision[];
  settings: NotificationSettings;
  state: NotificationPolicyState;
  now: number;
}

/** A breach of the same rule on the same account is told once per this window. */
export const BREACH_WINDOW_MS = 5 * 60_000;
/** Lockout/unlock/blind keys carry their own identity; remember them for a day. */
const MEMORY_MS = 24 * 3_600_000;
/** Remembered while the key stays refused (however long), forgotten once a token is valid again. */
const REENTER_KEY = 'reenter-key';
const BLIND_KEY = 'blind';

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
  const refused = next.credentials.configured && next.health.token === 'reenter-key';
  for (const [k, at] of Object.entries(input.state.lastShown)) {
    if (now - at < MEMORY_MS || (k === REENTER_KEY && next.health.token !== 'valid')) lastShown[k] = at;
  }
  if (next.health.token === 'valid') delete lastShown[REENTER_KEY];
  if (next.health.blindSince === null) delete lastShown[BLIND_KEY];
  const out: PlannedNotification[] = [];
  const names = new Map(next.accounts.map((a) => [a.id, a.name]));

  const offer = (key: string, windowMs: number, n: Omit<PlannedNotification, 'id' | 'sound'>): void => {
    const seen = lastShown[key];
    if (seen !== undefined && now - seen < windowMs) return;
    lastShown[key] = now;
    out.push({ ...n, id: `risk-guard:${key}`, sound: settings.sound });
  };

  for (const d of input.decisions) {
    const who = names.get(d.accountId) ?? `account ${d.accountId}`;
    if (d.kind === 'warning') {
      if (!settings.warnings) continue;
      // Once per level per day: the rules warn once per trading day at each level too.
      offer(`warning:${d.accountId}:${d.ruleId}:${d.level}`, MEMORY_MS, {
        kind: 'warning',
        accountId: d.accountId,
        title: `Near the limit — ${who}`,
        message: d.message,
        priority: 1,
        requireInteraction: false,
      });
    } else if (d.monitorOnly) {
      if (!settings.monitorOnly) continue;
      offer(`monitor:${d.accountId}:${d.ruleId}`, BREACH_WINDOW_MS, {
        kind: 'monitor',
        accountId: d.accountId,
        title: `Would have acted (monitor mode) — ${who}`,
        message: d.reason,
        priority: 1,
        requireInteraction: false,
      });
    } else {
      if (!settings.enforcements) continue;
      offer(`breach:${d.accountId}:${d.ruleId}`, BREACH_WINDOW_MS, {
        kind: 'breach',
        accountId: d.accountId,
        title: `Limit reached — ${who}`,
        message: d.reason,
        priority: 2,
        requireInteraction: false,
      });
    }
  }

  const before = lockoutsById(prev);
  const after = lockoutsById(next);
  if (settings.lockouts) {
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
  if (settings.lockouts && prev !== null) {
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

  if (settings.blind) {
    const wasBlind = prev?.health.blindSince ?? null;
    const isBlind = next.health.blindSince;
    // One key per blind spell, dropped once the guard sees: a worker that wakes blind every
    // 30 s (nothing keeps it alive while it cannot connect) does not tell it again each time.
    if (isBlind !== null && wasBlind === null) {
      offer(BLIND_KEY, MEMORY_MS, {
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

  // Not behind a switch: no setting asked to hear less about the guard losing its memory.
  const storageSince = next.storage?.state === 'failing' ? next.storage.since : null;
  if (storageSince !== null && prev?.storage?.state !== 'failing') {
    offer(`storage:${storageSince}`, MEMORY_MS, {
      kind: 'storage',
      accountId: null,
      title: next.storage?.quota ? 'Risk guard: storage full' : 'Risk guard cannot save',
      message:
        'Limits are still enforced, but lockouts and the journal may be lost if the browser restarts. ' +
        (next.storage?.quota ? 'Free some disk space.' : 'Check the browser profile.'),
      priority: 2,
      requireInteraction: true,
    });
  }

  // Told once whatever the switches: until the key is entered again the guard sees nothing.
  if (refused) {
    offer(REENTER_KEY, Number.POSITIVE_INFINITY, {
      kind: 'reenter-key',
      accountId: null,
      title: 'Risk guard: re-enter your API key',
      message:
        'TopstepX refused the stored API key (revoked or wrong). The guard cannot see your accounts until you enter it again in Options.',
      priority: 2,
      requireInteraction: true,
    });
  }

  return { notifications: out, state: { lastShown } };
}
