import type { AccountSnapshot, GuardSnapshot, LockoutView } from '../../messaging/snapshot';
import { formatChicagoTime, formatCountdown, formatDuration, formatPercent, formatQuantity } from '../format';
import type { Tone } from '../theme';
import { governingLockout, statusView } from '../view-models/account-view';
import { accountNamedIn } from './page-reader';

/**
 * What the page overlay shows, from the snapshot alone (pure). The overlay never decides a
 * lockout: it shows the worker's. It only decides WHICH account (and contract) the page is
 * trading on, when it can tell; when it cannot, any locked account blocks the page (safe side).
 */

export interface BlockVM {
  kind: 'lockout' | 'cooldown' | 'offline';
  title: string;
  lines: string[];
  /** "1:02:03" to the end, or null. */
  countdown: string | null;
}

export interface ChipVM {
  accountId: number;
  text: string;
  word: string;
  glyph: string;
  tone: Tone;
}

export interface BlockInput {
  snapshot: GuardSnapshot | null;
  /** ms since the worker stopped answering (port closed, no snapshot yet), or null when connected. */
  workerOfflineFor: number | null;
  offlineAfterMs: number;
  /** The account picker's text (it holds the account's name), or null when unreadable. */
  activeAccountName: string | null;
  /** The ticker of the contract the page trades (`MNQ`), or null when unreadable. */
  activeTicker?: string | null;
  now: number;
}

/** Accounts whose lockout blocks this page: the one in view, else all (we cannot tell). */
export function accountsInView(snapshot: GuardSnapshot, activeAccountName: string | null): AccountSnapshot[] {
  const match = accountNamedIn(activeAccountName, snapshot.accounts);
  return match ? [match] : snapshot.accounts;
}

type Locked = { account: AccountSnapshot; lockout: LockoutView };

/** The account-wide lockout that governs the page: the longest one among the accounts in view. */
function governing(accounts: readonly AccountSnapshot[]): Locked | null {
  let locked: Locked | null = null;
  for (const account of accounts) {
    if (account.status !== 'locked' && account.status !== 'cooldown') continue;
    const gov = governingLockout(account.lockouts);
    if (gov === null) continue;
    const better =
      locked === null ||
      (locked.lockout.endsAt !== null && (gov.endsAt === null || gov.endsAt > locked.lockout.endsAt));
    if (better) locked = { account, lockout: gov };
  }
  return locked;
}

/**
 * A symbol lockout that covers the page: the contract in view is a blocked symbol of an
 * account in view, or the page's contract cannot be read while such a lock exists (safe side).
 */
function symbolLock(accounts: readonly AccountSnapshot[], ticker: string | null): Locked | null {
  for (const account of accounts) {
    for (const lockout of account.lockouts) {
      if (lockout.symbol === undefined) continue;
      if (ticker === null || lockout.symbol.toUpperCase() === ticker) return { account, lockout };
    }
  }
  return null;
}

export function overlayBlock(input: BlockInput): BlockVM | null {
  const { snapshot, now } = input;
  const offlineLines: string[] = [];
  const failClosed = snapshot?.failClosed ?? true; // no data yet: assume the safe setting
  if (input.workerOfflineFor !== null && input.workerOfflineFor >= input.offlineAfterMs && failClosed) {
    offlineLines.push(`The risk guard is not answering (for ${formatDuration(input.workerOfflineFor)}).`);
  } else if (snapshot && snapshot.health.blindSince !== null && snapshot.failClosed) {
    offlineLines.push(
      `The guard cannot see your account since ${formatChicagoTime(snapshot.health.blindSince, now)} (${formatDuration(now - snapshot.health.blindSince)}).`,
    );
  }

  const inView = snapshot ? accountsInView(snapshot, input.activeAccountName) : [];
  const locked = governing(inView);
  if (locked !== null) {
    const { account, lockout } = locked;
    const status = statusView(account, now);
    const lines = [`${account.name}: ${lockout.reason}`, status.until ?? ''];
    if (offlineLines.length > 0) lines.push(`Guard offline: ${offlineLines.join(' ')}`);
    return {
      kind: lockout.kind,
      title: lockout.kind === 'cooldown' ? 'Cooldown \u2014 order entry blocked' : 'Locked \u2014 order entry blocked',
      lines: lines.filter((l) => l.length > 0),
      countdown: lockout.endsAt === null ? null : formatCountdown(lockout.endsAt - now),
    };
  }
  if (offlineLines.length > 0) {
    return {
      kind: 'offline',
      title: 'Guard offline \u2014 order entry blocked',
      lines: [...offlineLines, 'Fail-closed is on: trading here waits until the guard sees your account again.'],
      countdown: null,
    };
  }
  const symbol = symbolLock(inView, input.activeTicker ?? null);
  if (symbol !== null) {
    const { account, lockout } = symbol;
    const sym = lockout.symbol ?? '';
    return {
      kind: lockout.kind,
      title: `${sym} blocked \u2014 order entry blocked for this symbol`,
      lines: [
        `${account.name}: ${lockout.reason}`,
        input.activeTicker
          ? 'Pick another contract to trade; closing and cancelling still work.'
          : `The guard cannot read which contract this page trades, so it blocks order entry while ${sym} is blocked.`,
      ],
      countdown: lockout.endsAt === null ? null : formatCountdown(lockout.endsAt - now),
    };
  }
  return null;
}

/** Whether the layer has found the page's order entry yet: waiting at first, then found or not. */
export type OrderEntryState = 'waiting' | 'recognised' | 'missing';

/**
 * Words for what the layer cannot do by itself: order entry it cannot find (the page
 * changed), or a network block raised for an account other than the one in view (the
 * network layer cannot tell accounts apart). Shown in the panel, never as a cover.
 */
export function pageNotices(input: {
  snapshot: GuardSnapshot | null;
  block: BlockVM | null;
  orderEntry: OrderEntryState;
  activeAccountName: string | null;
}): string[] {
  const out: string[] = [];
  const { snapshot, block } = input;
  const networkActive = snapshot?.page?.networkBlock.active ?? false;
  if ((block !== null || networkActive) && input.orderEntry === 'missing') {
    out.push('Order entry not recognised: the network block still holds.');
  }
  if (block === null && networkActive && snapshot) {
    const lockedNames = snapshot.accounts
      .filter((a) => (a.status === 'locked' || a.status === 'cooldown') && governingLockout(a.lockouts) !== null)
      .map((a) => a.name);
    if (lockedNames.length > 0) {
      out.push(
        `Orders from this page are blocked while ${lockedNames.join(', ')} ${lockedNames.length === 1 ? 'is' : 'are'} locked: the network block cannot tell accounts apart. Closing and cancelling still work.`,
      );
    }
  }
  return out;
}

export function chipViews(snapshot: GuardSnapshot, activeAccountName: string | null, now: number): ChipVM[] {
  return accountsInView(snapshot, activeAccountName).map((a) => {
    const s = statusView(a, now);
    const symbols = a.lockouts.filter((l) => l.symbol !== undefined).map((l) => l.symbol);
    const tail = s.countdown ? ` ${s.countdown}` : s.until && s.word !== 'OK' ? ` ${s.until}` : '';
    const sym = symbols.length > 0 ? ` \u00B7 blocked: ${symbols.join(', ')}` : '';
    return { accountId: a.id, text: `${a.name}: ${s.word}${tail}${sym}`, word: s.word, glyph: s.glyph, tone: s.tone };
  });
}

/** Index of the highest warning level the meter has reached, -1 for none. */
function warnIndex(value: number | null, limit: number, warnAt: readonly number[]): number {
  if (value === null || limit <= 0) return -1;
  const f = value / limit;
  let idx = -1;
  [...warnAt]
    .sort((a, b) => a - b)
    .forEach((w, i) => {
      if (f >= w) idx = i;
    });
  return idx;
}

/** Near-limit warnings to toast: a meter that climbed to a higher warning level since `prev`. */
export function warningToasts(prev: GuardSnapshot | null, next: GuardSnapshot): string[] {
  const out: string[] = [];
  for (const account of next.accounts) {
    const before = prev?.accounts.find((a) => a.id === account.id);
    for (const m of account.meters) {
      if (m.mode === 'off' || m.value === null) continue;
      const now = warnIndex(m.value, m.limit, m.warnAt);
      const old = before?.meters.find((x) => x.ruleId === m.ruleId);
      const was = old ? warnIndex(old.value, old.limit, old.warnAt) : prev === null ? now : -1;
      if (now > was && m.value < m.limit) {
        out.push(
          `${account.name}: ${m.name} at ${formatPercent(m.value / m.limit)} of limit (${formatQuantity(m.value, m.unit)} / ${formatQuantity(m.limit, m.unit)})`,
        );
      }
    }
  }
  return out;
}
