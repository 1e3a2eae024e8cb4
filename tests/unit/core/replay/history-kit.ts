import { OrderSide } from '../../../../src/core/gateway/enums';
import type { Account, Bar, Contract, Trade } from '../../../../src/core/gateway/schemas';
import { replayHistory } from '../../../../src/core/replay/replay-history';
import { resolveRange } from '../../../../src/core/replay/replay-range';
import type { MonitorAs, ReplayRange, ReplayResult } from '../../../../src/core/replay/replay-types';
import { RULE_IDS } from '../../../../src/core/rules/catalog/rule-catalog';
import type { GuardConfig } from '../../../../src/core/rules/config/config-schema';
import { parseConfig } from '../../../../src/core/rules/config/config-schema';
import { zonedToEpoch } from '../../../../src/core/rules/wall-clock/zoned-time';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

/**
 * Hand-built histories. MNQ: tick 0.25 = $0.50, so one point is $2 per contract; fees are
 * $0.37 per contract and side (Topstep's micro rate). Every figure in the tests is worked
 * out by hand from these.
 */

export const ACCOUNT = 4100;
export const MNQ = 'CON.F.US.MNQ.Z26';
export const MES = 'CON.F.US.MES.Z26';
export const CONTRACTS: Contract[] = [
  { id: MNQ, name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true },
  { id: MES, name: 'MESZ6', tickSize: 0.25, tickValue: 1.25, activeContract: true },
];
export const FEE = 0.37;
const POINT: Record<string, number> = { [MNQ]: 2, [MES]: 5 };

/** Epoch ms of a wall-clock time in Chicago: ct('2026-11-25', '09:30:15'). */
export function ct(date: string, time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return zonedToEpoch(date, (h ?? 0) * 60 + (m ?? 0), 'America/Chicago') + (s ?? 0) * 1000;
}

let nextTradeId = 1;
let nextOrderId = 500;

export function trade(
  at: number,
  side: 'buy' | 'sell',
  size: number,
  price: number,
  pnl: number | null,
  extra: Partial<Trade> = {},
): Trade {
  return {
    id: nextTradeId++,
    accountId: ACCOUNT,
    contractId: MNQ,
    creationTimestamp: new Date(at).toISOString().replace('Z', '+00:00'),
    price,
    profitAndLoss: pnl,
    fees: Math.round(FEE * size * 100) / 100,
    side: side === 'buy' ? OrderSide.Bid : OrderSide.Ask,
    size,
    voided: false,
    orderId: nextOrderId++,
    ...extra,
  };
}

/** Open at `openAt`, close at `closeAt`: two fills, the close carrying the gateway's P&L. */
export function roundTrip(
  openAt: number,
  closeAt: number,
  dir: 'long' | 'short',
  size: number,
  entry: number,
  exit: number,
  contractId = MNQ,
): Trade[] {
  const sign = dir === 'long' ? 1 : -1;
  const pnl = (exit - entry) * (POINT[contractId] ?? 2) * size * sign;
  return [
    trade(openAt, dir === 'long' ? 'buy' : 'sell', size, entry, null, { contractId }),
    trade(closeAt, dir === 'long' ? 'sell' : 'buy', size, exit, Math.round(pnl * 100) / 100, { contractId }),
  ];
}

/** Net of fees of a round trip of `size` contracts that made `gross`. */
export function net(gross: number, size: number): number {
  return Math.round((gross - 2 * FEE * size) * 100) / 100;
}

export const OFF = { mode: 'off' } as const;

/** A config with every rule off except the blocks given. */
export function configWith(
  rules: Record<string, Record<string, unknown>>,
  extra: Record<string, unknown> = {},
): GuardConfig {
  const off = Object.fromEntries(RULE_IDS.map((id) => [id, OFF]));
  const r = parseConfig({ ...extra, defaultProfile: { rules: { ...off, ...rules } } });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.config;
}

export function account(balance = 50_000): Account {
  return { id: ACCOUNT, name: 'TEST-50K', balance, canTrade: true, isVisible: true };
}

/** Bars of one contract from [time, o, h, l, c] rows on one date (Chicago wall clock). */
export function bars(date: string, rows: Array<[string, number, number, number, number]>): Bar[] {
  return rows.map(([time, o, h, l, c]) => ({
    t: new Date(ct(date, time)).toISOString().replace('.000Z', '+00:00'),
    o,
    h,
    l,
    c,
    v: 10,
  }));
}

/** The trading days `from`..`to` (dates the days end on), with the live guard's clock. */
export function days(from: string, to: string, config: GuardConfig): ReplayRange {
  const clock = createTradingDayClock(config.tradingDay);
  return resolveRange({ kind: 'dates', from, to }, clock, Date.parse('2030-01-01T00:00:00Z'));
}

export function replay(
  trades: Trade[],
  config: GuardConfig,
  range: ReplayRange,
  options: { bars?: Record<string, Bar[]> | null; monitorAs?: MonitorAs; balance?: number } = {},
): ReplayResult {
  return replayHistory({
    history: {
      accounts: [{ account: account(options.balance), trades }],
      contracts: CONTRACTS,
      bars: options.bars ?? null,
    },
    config,
    range,
    monitorAs: options.monitorAs ?? 'enforce',
  });
}

export function dayOf(result: ReplayResult, day: string) {
  const d = result.days.find((x) => x.day === day);
  if (!d) throw new Error(`no row for ${day}: rows ${result.days.map((x) => x.day).join(', ')}`);
  return d;
}

/**
 * The daily-limit week (Wednesday 2026-11-18, MNQ 5 contracts, $10 a point):
 *   RT1 09:00–09:10 long 20000 → 19980  −200 gross, −203.70 net   day −203.70
 *   RT2 09:30–09:40 short 19990 → 20005 −150 gross, −153.70 net   day −357.40
 *   RT3 10:00–10:20 long 20010 → 19995  −150 gross, −153.70 net   day −511.10 ← a $500 limit breaches
 *   RT4 11:00–11:30 long 19990 → 20030  +400 gross, +396.30 net
 *   RT5 13:00–13:15 short 20040 → 20100 −600 gross, −603.70 net
 * Thursday: RT6 09:00–09:05 long 20000 → 20010 +100 gross, +96.30 net.
 */
export function breachAtThirdTrade(): Trade[] {
  return [
    ...roundTrip(ct('2026-11-18', '09:00'), ct('2026-11-18', '09:10'), 'long', 5, 20000, 19980),
    ...roundTrip(ct('2026-11-18', '09:30'), ct('2026-11-18', '09:40'), 'short', 5, 19990, 20005),
    ...roundTrip(ct('2026-11-18', '10:00'), ct('2026-11-18', '10:20'), 'long', 5, 20010, 19995),
    ...roundTrip(ct('2026-11-18', '11:00'), ct('2026-11-18', '11:30'), 'long', 5, 19990, 20030),
    ...roundTrip(ct('2026-11-18', '13:00'), ct('2026-11-18', '13:15'), 'short', 5, 20040, 20100),
    ...roundTrip(ct('2026-11-19', '09:00'), ct('2026-11-19', '09:05'), 'long', 5, 20000, 20010),
  ];
}
