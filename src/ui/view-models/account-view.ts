import type { AccountSnapshot, LockoutView, Meter } from '../../messaging/snapshot';
import { formatChicagoTime, formatCountdown, formatMoney, formatPercent, formatQuantity } from '../format';
import type { Tone } from '../theme';

/**
 * GuardSnapshot account → what a card shows. Display only: the worker has already decided
 * the status, the lockouts and the meter values; this maps them to words, glyphs and tones.
 */

export type StatusWord = 'OK' | 'Warning' | 'Cooldown' | 'Locked';

export interface StatusVM {
  word: StatusWord;
  glyph: string;
  tone: Tone;
  /** The reason of the lockout that lasts longest, or null. */
  reason: string | null;
  /** "1:02:03" to the end, or null for condition ends and no lockout. */
  countdown: string | null;
  /** "until 17:00 CT" / "until the platform allows trading again". */
  until: string | null;
  /** One sentence for screen readers and tooltips. */
  summary: string;
}

export type MeterLevel = 'ok' | 'warn' | 'breach' | 'unknown';

export interface MeterVM {
  ruleId: string;
  label: string;
  valueText: string;
  limitText: string;
  /** value / limit clamped to [0, 1] for the bar; null when unknown. */
  fraction: number | null;
  level: MeterLevel;
  tone: Tone;
  /** "82% of limit", "unknown", "at the limit". */
  levelText: string;
  modeText: 'enforced' | 'monitor only' | 'off';
  /** The warning levels, for tick marks. */
  ticks: number[];
}

export interface AccountVM {
  id: number;
  name: string;
  group: string | null;
  status: StatusVM;
  realized: { text: string; tone: Tone };
  unrealized: { text: string; tone: Tone };
  contracts: { text: string; tone: Tone };
  sparkline: SparklineVM | null;
  meters: MeterVM[];
  enforcement: string | null;
  /** "Unrealized loss: error — TypeError: …", one per failing rule. */
  ruleErrors: string[];
}

export interface SparklineVM {
  /** SVG polyline points in a `width × height` box. */
  points: string;
  width: number;
  height: number;
  tone: Tone;
  /** Accessible description: "P&L today from +$0.00 to +$84.50". */
  label: string;
  /** y of the zero line, or null when 0 is out of range. */
  zeroY: number | null;
}

const STATUS: Record<AccountSnapshot['status'], { word: StatusWord; glyph: string; tone: Tone }> = {
  ok: { word: 'OK', glyph: '\u2713', tone: 'ok' },
  warning: { word: 'Warning', glyph: '!', tone: 'warn' },
  cooldown: { word: 'Cooldown', glyph: '\u25D4', tone: 'cool' },
  locked: { word: 'Locked', glyph: '\u2298', tone: 'danger' },
};

/** The lockout that keeps the account shut longest: condition ends outlast timed ones. */
export function governingLockout(lockouts: readonly LockoutView[]): LockoutView | null {
  let best: LockoutView | null = null;
  for (const l of lockouts) {
    if (l.symbol !== undefined) continue; // symbol locks do not shut the account
    if (best === null) best = l;
    else if (best.endsAt !== null && (l.endsAt === null || l.endsAt > best.endsAt)) best = l;
  }
  return best;
}

export function statusView(account: AccountSnapshot, now: number): StatusVM {
  const base = STATUS[account.status];
  const gov = account.status === 'locked' || account.status === 'cooldown' ? governingLockout(account.lockouts) : null;
  if (gov === null) {
    const warned = account.meters.filter((m) => meterLevel(m) === 'warn').map((m) => m.name);
    const summary =
      account.status === 'warning' && warned.length > 0 ? `Warning: near the limit of ${warned.join(', ')}` : base.word;
    return { ...base, reason: null, countdown: null, until: null, summary };
  }
  const countdown = gov.endsAt === null ? null : formatCountdown(gov.endsAt - now);
  const until =
    gov.endsAt === null
      ? `until ${gov.condition ?? 'the condition clears'}`
      : `until ${formatChicagoTime(gov.endsAt, now)}`;
  const summary = `${base.word}: ${gov.reason}, ${until}${countdown ? ` (${countdown} left)` : ''}`;
  return { ...base, reason: gov.reason, countdown, until, summary };
}

export function meterLevel(m: Meter): MeterLevel {
  if (m.value === null) return 'unknown';
  if (m.limit <= 0) return m.value > 0 ? 'breach' : 'ok';
  const f = m.value / m.limit;
  if (f > 1 || (f === 1 && !m.moreThan)) return 'breach';
  if (f === 1) return 'warn';
  const firstWarn = Math.min(...m.warnAt, Number.POSITIVE_INFINITY);
  return f >= firstWarn ? 'warn' : 'ok';
}

const LEVEL_TONE: Record<MeterLevel, Tone> = { ok: 'ok', warn: 'warn', breach: 'danger', unknown: 'muted' };

export function meterView(m: Meter): MeterVM {
  const level = meterLevel(m);
  const raw = m.value === null || m.limit <= 0 ? null : m.value / m.limit;
  const levelText =
    level === 'unknown'
      ? 'unknown'
      : level === 'breach'
        ? m.moreThan
          ? 'over the limit'
          : 'at the limit'
        : m.moreThan && raw === 1
          ? 'at the limit: the next one breaches'
          : `${formatPercent(raw ?? 0)} of limit`;
  return {
    ruleId: m.ruleId,
    label: m.name,
    valueText: m.value === null ? 'unknown' : formatQuantity(m.value, m.unit),
    limitText: formatQuantity(m.limit, m.unit),
    fraction: raw === null ? null : Math.min(1, Math.max(0, raw)),
    level,
    tone: LEVEL_TONE[level],
    levelText,
    modeText: m.mode === 'enforce' ? 'enforced' : m.mode === 'monitor' ? 'monitor only' : 'off',
    ticks: m.warnAt.filter((w) => w > 0 && w < 1),
  };
}

const moneyTone = (v: number): Tone => (v > 0 ? 'ok' : v < 0 ? 'danger' : 'muted');

export function sparklineView(series: AccountSnapshot['pnlSeries'], width = 120, height = 28): SparklineVM | null {
  if (series.length < 2) return null;
  const first = series[0];
  const last = series[series.length - 1];
  if (first === undefined || last === undefined) return null;
  const t0 = first.t;
  const t1 = last.t;
  const vs = series.map((p) => p.v);
  const lo = Math.min(0, ...vs);
  const hi = Math.max(0, ...vs);
  const span = hi - lo || 1;
  const tSpan = t1 - t0 || 1;
  const y = (v: number) => +(height - ((v - lo) / span) * height).toFixed(1);
  const points = series.map((p) => `${+(((p.t - t0) / tSpan) * width).toFixed(1)},${y(p.v)}`).join(' ');
  return {
    points,
    width,
    height,
    tone: moneyTone(last.v),
    label: `P&L today from ${formatMoney(first.v)} to ${formatMoney(last.v)}, low ${formatMoney(Math.min(...vs))}, high ${formatMoney(Math.max(...vs))}`,
    zeroY: y(0),
  };
}

export function accountView(account: AccountSnapshot, now: number): AccountVM {
  const limit = account.contractLimit;
  const contractsTone: Tone = limit === null ? 'muted' : account.openContracts > limit ? 'danger' : 'ok';
  const enforcement =
    account.enforcement.state === 'idle'
      ? null
      : account.enforcement.state === 'running'
        ? `Enforcing${account.enforcement.message ? `: ${account.enforcement.message}` : '…'}`
        : account.enforcement.state === 'waiting'
          ? `Enforcement waiting (API unavailable)${account.enforcement.message ? `: ${account.enforcement.message}` : ''}`
          : `Enforcement FAILED${account.enforcement.message ? `: ${account.enforcement.message}` : ''}`;
  return {
    id: account.id,
    name: account.name,
    group: account.group ?? null,
    status: statusView(account, now),
    realized: { text: formatMoney(account.realizedPnl), tone: moneyTone(account.realizedPnl) },
    unrealized:
      account.unrealizedPnl === null
        ? { text: 'unknown', tone: 'muted' }
        : { text: formatMoney(account.unrealizedPnl), tone: moneyTone(account.unrealizedPnl) },
    contracts: {
      text: `${formatQuantity(account.openContracts, 'count')} / ${limit === null ? 'no limit' : formatQuantity(limit, 'count')}`,
      tone: contractsTone,
    },
    sparkline: sparklineView(account.pnlSeries),
    meters: account.meters.filter((m) => m.mode !== 'off').map(meterView),
    enforcement,
    ruleErrors: (account.ruleErrors ?? []).map((e) => `${e.name}: error — ${e.message}`),
  };
}
