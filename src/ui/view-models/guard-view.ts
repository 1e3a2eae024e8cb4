import type { ClockStatusView, GuardSnapshot, HealthView, PendingConfigView } from '../../messaging/snapshot';
import { formatChicagoTime, formatDuration } from '../format';
import type { Tone } from '../theme';

/**
 * The guard's own health, credentials and pending config → banner words. BLIND is the
 * loudest state: the guard cannot see, so the trader must know at a glance.
 */

export type HealthWord = 'Connected' | 'Reconnecting' | 'BLIND' | 'Market closed' | 'Starting';

export interface HealthVM {
  word: HealthWord;
  glyph: string;
  tone: Tone;
  /** "since 09:00 CT (5 min)". */
  since: string;
  detail: string;
  blind: boolean;
  /** Blind with fail-closed on: the page's order entry is blocked. */
  orderEntryBlocked: boolean;
  /** The computer's clock is off, or the server's time is not confirmed yet; else absent. */
  clock?: string;
}

export interface PendingVM {
  title: string;
  items: string[];
}

export interface GuardVM {
  health: HealthVM;
  /** Shown instead of accounts when no API key is stored. */
  needsCredentials: boolean;
  /** The server refused the stored key (revoked or wrong): the trader must enter it again. */
  reenterKey: boolean;
  pending: PendingVM | null;
  failClosed: boolean;
}

const HUB_WORDS: Record<HealthView['user']['status'], string> = {
  connected: 'connected',
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  disconnected: 'disconnected',
  'closed-weekend': 'closed for the weekend',
  'logged-out': 'logged out',
};

const TOKEN_WORDS: Record<HealthView['token'], string> = {
  none: 'no token',
  valid: 'token valid',
  refreshing: 'token refreshing',
  failed: 'sign-in failed',
  'reenter-key': 'API key rejected — re-enter it in Options',
};

function sinceText(at: number, now: number): string {
  return `since ${formatChicagoTime(at, now)} (${formatDuration(now - at)})`;
}

export function healthView(health: HealthView, failClosed: boolean, now: number): HealthVM {
  const detail = `User hub ${HUB_WORDS[health.user.status]}${health.user.stale ? ' (silent)' : ''}; market hub ${HUB_WORDS[health.market.status]}${health.market.stale ? ' (silent)' : ''}; ${TOKEN_WORDS[health.token]}.`;
  if (health.blindSince !== null) {
    return {
      word: 'BLIND',
      glyph: '\u26A0',
      tone: 'danger',
      since: sinceText(health.blindSince, now),
      detail,
      blind: true,
      orderEntryBlocked: failClosed,
    };
  }
  const hubs = [health.user, health.market];
  const unsettled = hubs.filter((h) => h.status !== 'connected' && h.status !== 'closed-weekend');
  const earliest = (xs: typeof hubs) => Math.min(...xs.map((h) => h.since));
  if (unsettled.length > 0 || hubs.some((h) => h.stale)) {
    const starting = unsettled.length > 0 && unsettled.every((h) => h.status === 'connecting');
    const list = unsettled.length > 0 ? unsettled : hubs.filter((h) => h.stale);
    return {
      word: starting ? 'Starting' : 'Reconnecting',
      glyph: '\u21BB',
      tone: 'warn',
      since: sinceText(earliest(list), now),
      detail,
      blind: false,
      orderEntryBlocked: false,
    };
  }
  if (hubs.some((h) => h.status === 'closed-weekend')) {
    return {
      word: 'Market closed',
      glyph: '\u263E',
      tone: 'muted',
      since: sinceText(earliest(hubs), now),
      detail,
      blind: false,
      orderEntryBlocked: false,
    };
  }
  return {
    word: 'Connected',
    glyph: '\u2713',
    tone: 'ok',
    since: sinceText(Math.max(...hubs.map((h) => h.since)), now),
    detail,
    blind: false,
    orderEntryBlocked: false,
  };
}

function valueText(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function pendingView(pending: PendingConfigView | null, now: number): PendingVM | null {
  if (pending === null || pending.changes.length === 0) return null;
  return {
    title: `Pending until ${formatChicagoTime(pending.effectiveAt, now)}`,
    items: pending.changes.map((c) => `${c.label ?? c.path}: ${valueText(c.from)} \u2192 ${valueText(c.to)}`),
  };
}

const CLOCK_SKEW_SHOWN_MS = 5_000;

/** Said only when it matters: the guard never follows the computer's clock, and the trader should know why. */
export function clockText(clock: ClockStatusView | undefined): string | null {
  if (!clock) return null;
  if (clock.source === 'saved') {
    return 'Server time not confirmed yet: until TopstepX answers, the guard counts from the last time it trusted, so no lockout ends early.';
  }
  if (clock.skewMs === null || Math.abs(clock.skewMs) < CLOCK_SKEW_SHOWN_MS) return null;
  const side = clock.skewMs > 0 ? 'ahead of' : 'behind';
  return `Your computer's clock is ${formatDuration(Math.abs(clock.skewMs))} ${side} TopstepX's server time. The guard keeps the server's time: lockouts and the trading day follow it, not your clock.`;
}

export function guardView(snapshot: GuardSnapshot, now: number): GuardVM {
  const clock = clockText(snapshot.clock);
  return {
    health: { ...healthView(snapshot.health, snapshot.failClosed, now), ...(clock ? { clock } : {}) },
    needsCredentials: !snapshot.credentials.configured,
    reenterKey: snapshot.credentials.configured && snapshot.health.token === 'reenter-key',
    pending: pendingView(snapshot.pendingConfig, now),
    failClosed: snapshot.failClosed,
  };
}
