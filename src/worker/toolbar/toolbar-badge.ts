import type { AccountSnapshot, GuardSnapshot, LockoutView, Meter } from '../../messaging/snapshot';
import { formatChicagoTime } from '../../ui/format';
import { deriveAccountStatus } from '../snapshot/snapshot-status';

/**
 * The toolbar at a glance: what the badge, its colour, the icon and the tooltip say, from the
 * guard's snapshot. Pure: the worker's adapter (toolbar.ts, beside it) applies it with
 * chrome.action and redraws it on every snapshot and at `refreshAt`.
 *
 * The worst state wins, in this order (least to most severe):
 *
 *   ok ──► warning ──► locked ──► blind ──► error
 *   no      amber        red         grey       red
 *   badge   "82%"        "2h" "45m"  "?"        "!"
 *
 * - warning: an account's meter is past its first warning level; the badge shows the highest
 *   share of a limit.
 * - locked: an account-wide lockout or cooldown is in force; the badge counts down the longest
 *   (hours and days floor, minutes round up: never "0m" while locked), "⊘" when it ends on a
 *   condition. Symbol-only locks do not shut the account, as in the popup.
 * - blind: no API key yet, or the guard cannot see (token failing, user hub down or silent).
 *   Worse than locked: a lockout still stands while blind, but nothing new is seen at all.
 * - error: the guard could not start (its database would not open, e.g. written by a newer
 *   version), an enforcement failed, or the stored key must be re-entered: the trader must act.
 *
 * Level, not edge: every call judges the snapshot against `now`, so a lockout whose end has
 * passed no longer counts even before the next snapshot arrives. The tooltip gives absolute
 * times (never a countdown that would go stale between redraws).
 */

export type ToolbarState = 'ok' | 'warning' | 'locked' | 'blind' | 'error';

/** Least to most severe. */
export const TOOLBAR_STATES: readonly ToolbarState[] = ['ok', 'warning', 'locked', 'blind', 'error'];

/** Sizes of the toolbar icon files (public/icon/<size>.png and public/icon/state/<state>-<size>.png). */
export const STATE_ICON_SIZES = [16, 32] as const;

export interface ToolbarView {
  state: ToolbarState;
  /** Badge text; '' shows no badge. */
  text: string;
  backgroundColor: string;
  textColor: string;
  /** The tooltip: a headline, then one line per account. */
  title: string;
  /** chrome.action.setIcon `path`: size → file in the package. */
  icon: Record<string, string>;
  /** Epoch ms at which the same snapshot would read differently (a countdown unit, a lockout end), or null. */
  refreshAt: number | null;
}

export interface ToolbarInput {
  /** The latest snapshot, or null before the guard has produced one. */
  snapshot: GuardSnapshot | null;
  /** Why the guard could not start, or null. */
  fault: string | null;
  /** On the guard's clock (snapshot times are). */
  now: number;
}

const COLOURS: Record<ToolbarState, { background: string; text: string }> = {
  ok: { background: '#22c55e', text: '#ffffff' },
  warning: { background: '#f0b429', text: '#14171c' },
  locked: { background: '#c62828', text: '#ffffff' },
  blind: { background: '#5f6368', text: '#ffffff' },
  error: { background: '#c62828', text: '#ffffff' },
};

const NAME = 'Risk Guard';
const MINUTE = 60_000;

function iconFor(state: ToolbarState): Record<string, string> {
  return Object.fromEntries(
    STATE_ICON_SIZES.map((size) => [
      String(size),
      state === 'ok' ? `icon/${size}.png` : `icon/state/${state}-${size}.png`,
    ]),
  );
}

/** "45m", "2h", "3d" for a remaining time; and when that text next changes. */
export function timeLeft(endsAt: number, now: number): { text: string; changesAt: number } {
  const minutes = Math.max(1, Math.ceil((endsAt - now) / MINUTE));
  const [unit, suffix] = minutes >= 1440 ? [1440, 'd'] : minutes >= 60 ? [60, 'h'] : [1, 'm'];
  const count = Math.floor(minutes / unit);
  // The text changes once the rounded minutes fall below count × unit.
  return { text: `${count}${suffix}`, changesAt: endsAt - (count * unit - 1) * MINUTE };
}

const inForce = (l: LockoutView, now: number) => l.endsAt === null || l.endsAt > now;

interface AccountReading {
  account: AccountSnapshot;
  state: ToolbarState;
  /** Account-wide lockouts still in force, longest last. */
  locks: LockoutView[];
  warnings: Array<{ meter: Meter; fraction: number }>;
  failed: boolean;
}

function warningMeters(meters: readonly Meter[]): Array<{ meter: Meter; fraction: number }> {
  const out: Array<{ meter: Meter; fraction: number }> = [];
  for (const meter of meters) {
    if (meter.mode === 'off' || meter.value === null || meter.limit <= 0) continue;
    const fraction = meter.value / meter.limit;
    if (fraction >= Math.min(...meter.warnAt, 1)) out.push({ meter, fraction });
  }
  return out.sort((a, b) => b.fraction - a.fraction);
}

function readAccount(account: AccountSnapshot, now: number): AccountReading {
  const live = account.lockouts.filter((l) => inForce(l, now));
  const status = deriveAccountStatus(live, account.meters);
  const locks = live
    .filter((l) => l.symbol === undefined)
    .sort((a, b) => (a.endsAt ?? Number.POSITIVE_INFINITY) - (b.endsAt ?? Number.POSITIVE_INFINITY));
  const failed = account.enforcement.state === 'failed' || account.enforcement.state === 'waiting';
  const state: ToolbarState = failed
    ? 'error'
    : status === 'locked' || status === 'cooldown'
      ? 'locked'
      : status === 'warning'
        ? 'warning'
        : 'ok';
  return { account, state, locks, warnings: warningMeters(account.meters), failed };
}

const worse = (a: ToolbarState, b: ToolbarState) => (TOOLBAR_STATES.indexOf(a) >= TOOLBAR_STATES.indexOf(b) ? a : b);

const percent = (fraction: number) => `${Math.min(999, Math.floor(fraction * 100))}%`;

function lockWords(l: LockoutView, now: number): string {
  const until = l.endsAt === null ? `until ${l.condition ?? 'it clears'}` : `until ${formatChicagoTime(l.endsAt, now)}`;
  return `${l.kind === 'cooldown' ? 'Cooldown' : 'Locked'} ${until}: ${l.reason}`;
}

function accountLine(r: AccountReading, now: number): string {
  const parts: string[] = [];
  if (r.failed)
    parts.push(`Enforcement FAILED${r.account.enforcement.message ? `: ${r.account.enforcement.message}` : ''}`);
  const longest = r.locks.at(-1);
  if (longest) parts.push(lockWords(longest, now));
  else if (r.warnings.length > 0) {
    parts.push(`Near the limit: ${r.warnings.map((w) => `${w.meter.name} ${percent(w.fraction)}`).join(', ')}`);
  }
  if (parts.length === 0) parts.push('OK');
  const symbols = r.account.lockouts.filter((l) => l.symbol !== undefined && inForce(l, now)).map((l) => l.symbol);
  if (symbols.length > 0) parts.push(`blocked: ${[...new Set(symbols)].join(', ')}`);
  return `${r.account.name}: ${parts.join('; ')}`;
}

function guardFault(snapshot: GuardSnapshot): string | null {
  // With no key stored the token manager also says 'reenter-key': that is "not connected", not an error.
  if (!snapshot.credentials.configured) return null;
  return snapshot.health.token === 'reenter-key' ? 'the stored API key was refused: re-enter it in Options' : null;
}

function blindWords(snapshot: GuardSnapshot, now: number): string | null {
  if (!snapshot.credentials.configured) return 'not connected: add your TopstepX API key in Options';
  const since = snapshot.health.blindSince;
  if (since === null) return null;
  const effect = snapshot.failClosed
    ? 'order entry on the TopstepX page is blocked until it sees again'
    : 'new trades are not being checked';
  return `BLIND since ${formatChicagoTime(since, now)}: the guard cannot see your accounts; ${effect}`;
}

export function toolbarView(input: ToolbarInput): ToolbarView {
  const { snapshot, fault, now } = input;
  const view = (state: ToolbarState, text: string, lines: string[], refreshAt: number | null = null): ToolbarView => ({
    state,
    text,
    backgroundColor: COLOURS[state].background,
    textColor: COLOURS[state].text,
    title: lines.join('\n'),
    icon: iconFor(state),
    refreshAt,
  });
  if (fault !== null) return view('error', '!', [`${NAME} cannot start: ${fault}`]);
  if (snapshot === null) return view('blind', '?', [`${NAME}: starting…`]);

  const readings = snapshot.accounts.map((a) => readAccount(a, now));
  const accountLines = readings.map((r) => accountLine(r, now));
  let state = readings.reduce<ToolbarState>((worst, r) => worse(r.state, worst), 'ok');
  const keyFault = guardFault(snapshot);
  const blind = blindWords(snapshot, now);
  if (keyFault) state = 'error';
  else if (blind) state = worse('blind', state);

  // Any timed lockout ending changes the reading; so does the shown countdown's next unit.
  const ends = readings.flatMap((r) => r.account.lockouts.map((l) => l.endsAt)).filter((t) => t !== null && t > now);
  let refreshAt: number | null = ends.length > 0 ? Math.min(...(ends as number[])) : null;
  const earlier = (t: number) => {
    refreshAt = refreshAt === null ? t : Math.min(refreshAt, t);
  };

  switch (state) {
    case 'error': {
      const failed = readings.filter((r) => r.failed).map((r) => r.account.name);
      const headline = keyFault ?? `enforcement failed on ${failed.join(', ')}`;
      const also = blind && !keyFault ? [`Also ${blind}`] : [];
      return view('error', '!', [`${NAME}: ${headline}`, ...also, ...accountLines], refreshAt);
    }
    case 'blind':
      return view('blind', '?', [`${NAME}: ${blind}`, ...accountLines], refreshAt);
    case 'locked': {
      // The account shut longest: a condition end outlasts every timed one.
      const longest = readings
        .flatMap((r) => r.locks)
        .reduce<LockoutView | null>(
          (best, l) =>
            best === null || (best.endsAt !== null && (l.endsAt === null || l.endsAt > best.endsAt)) ? l : best,
          null,
        );
      const locked = readings.filter((r) => r.state === 'locked').map((r) => r.account.name);
      const headline = `${locked.join(', ')} ${locked.length === 1 ? 'is' : 'are'} locked`;
      const lines = [`${NAME}: ${headline}`, ...accountLines];
      if (longest === null || longest.endsAt === null) return view('locked', '\u2298', lines, refreshAt);
      const left = timeLeft(longest.endsAt, now);
      earlier(left.changesAt);
      return view('locked', left.text, lines, refreshAt);
    }
    case 'warning': {
      const top = readings.flatMap((r) => r.warnings).sort((a, b) => b.fraction - a.fraction)[0];
      return view('warning', top ? percent(top.fraction) : '!', [`${NAME}: near a limit`, ...accountLines], refreshAt);
    }
    default: {
      const headline = readings.length === 0 ? 'connected, no monitored accounts' : 'all accounts within their limits';
      return view('ok', '', [`${NAME}: ${headline}`, ...accountLines], refreshAt);
    }
  }
}
