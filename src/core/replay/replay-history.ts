import type { Account, Trade } from '../gateway/schemas';
import { type GuardConfig, isMonitored } from '../rules/config/config-schema';
import { money } from '../rules/measures/money';
import { netOfCosts } from '../state/selectors';
import { createTradingDayClock } from '../state/trading-day';
import { createDayRecorder } from './day-results';
import { type FillPart, splitFills } from './fill-segments';
import { createPricePath } from './price-path';
import { type Costs, createReplayGuard, iso } from './replay-guard';
import { createReplayLockouts } from './replay-lockouts';
import type { MonitorAs, ReplayHistory, ReplayRange, ReplayResult } from './replay-types';
import { replayConfig, rulesInUse } from './replayability';
import { createSimBook } from './sim-book';

/**
 * "What would these rules have done?" History in, per-day results out, pure and synchronous.
 * The trader's fills are replayed in time order, day by day, through the live guard's own
 * pipeline (replay-guard.ts). Each fill first passes the lockouts the replayed rules started:
 *
 *   segment of the fill:  live ──(its opening fill falls in a lockout)──▶ blocked: all its fills removed
 *                           │
 *                           ├──(the guard closes part of it)──▶ clipped: exits apply up to what is held
 *                           └──(the guard closes all of it)──▶ cut: its later fills removed
 *
 * Fills that reach the replayed account are given their real P&L whenever the replayed
 * position is the real one; otherwise the P&L is worked out from the replayed average price.
 * Every P&L figure is net of the costs the config counts, by the live guard's own rule
 * (`netOfCosts`: fees and commissions, each per `countFees` / `countCommissions`).
 * Fills before `range.start` (a look-back the fetch adds) only tell which positions were
 * already open when the range began; those positions' fills are taken as they happened.
 */
export interface ReplayInput {
  history: ReplayHistory;
  config: GuardConfig;
  range: ReplayRange;
  monitorAs: MonitorAs;
}

const CARRIED = 'a position opened before the range: its fills are counted as they happened';

export function replayHistory(input: ReplayInput): ReplayResult {
  const { history, range } = input;
  const clock = createTradingDayClock(input.config.tradingDay);
  const accountIds = history.accounts.map((a) => a.account.id);
  const rules = rulesInUse(input.config, accountIds, history.bars !== null);
  const config = replayConfig(input.config, rules, input.monitorAs);
  const contracts = new Map(history.contracts.map((c) => [c.id, c]));
  const book = createSimBook(contracts, iso);
  const recorder = createDayRecorder();
  const notes: string[] = [];

  const wanted = new Set(accountIds);
  const trades = history.accounts.flatMap((a) => a.trades.filter((t) => wanted.has(t.accountId)));
  const { parts, voided, unreadable } = splitFills(trades);
  if (voided > 0) notes.push(`${voided} voided trade(s) ignored (they count for nothing, live or replayed)`);
  if (unreadable > 0) notes.push(`${unreadable} trade(s) without a readable time or size ignored`);

  /** A day's P&L as the live guard counts it. */
  const net = (gross: number, costs: Costs) => netOfCosts(gross, costs, config);
  const costPerContract = new Map<string, Costs>();
  for (const p of parts) {
    if (!costPerContract.has(p.contractId) && p.trade.fees != null) {
      const size = p.trade.size;
      costPerContract.set(p.contractId, { fees: p.trade.fees / size, commissions: (p.trade.commissions ?? 0) / size });
    }
  }
  // The balance at the range's start: today's, less what the fetched fills since then made
  // (the platform's balance pays every cost, whatever the config counts).
  const startBalances = new Map<number, Account>();
  for (const a of history.accounts) {
    let made = 0;
    for (const p of parts)
      if (p.accountId === a.account.id && p.at >= range.start) made += (p.pnl ?? 0) - p.fees - p.commissions;
    startBalances.set(a.account.id, { ...a.account, balance: a.account.balance - made, canTrade: true });
  }

  const lockouts = createReplayLockouts({ nextReset: (ms) => clock.nextReset(ms) });
  const guard = createReplayGuard(
    {
      config,
      clock,
      book,
      path: createPricePath(history.bars),
      lockouts,
      recorder,
      rules,
      costPerContract,
      start: range.start,
    },
    startBalances,
  );
  type SegmentStatus = 'live' | 'clipped' | 'cut' | 'blocked' | 'carried';
  const segments = new Map<number, SegmentStatus>();
  // Ids for changed or split fills: below the replay guard's own synthetic ids, far above real ones.
  let nextPartId = 7_000_000_000_000_000;
  const heldBy = new Map<string, number>();
  guard.onGuardClose((accountId, contractId, flat) => {
    const seg = heldBy.get(`${accountId}|${contractId}`);
    if (seg !== undefined) segments.set(seg, flat ? 'cut' : 'clipped');
  });
  for (const c of history.contracts)
    guard.dispatch({ kind: 'contract', source: 'local', receivedAt: range.start, contract: c }, { kind: 'timer' });
  for (const a of startBalances.values())
    guard.dispatch({ kind: 'account', source: 'local', receivedAt: range.start, account: a }, { kind: 'timer' });
  guard.settle();

  for (const p of parts) {
    if (p.at < range.start) {
      // Look-back: a position open at the start is taken as it happened.
      if (p.role === 'open' || p.role === 'add') segments.set(p.segment, 'carried');
      continue;
    }
    if (p.at >= range.end) break;
    guard.advance(p.at);
    replayPart(p);
    guard.settle();
  }
  guard.advance(range.end);
  return finish();

  function replayPart(p: FillPart): void {
    const day = clock.tradingDayOf(p.at);
    const size = Math.abs(p.qty);
    recorder.actual(day, p.accountId, p.at, net(p.pnl ?? 0, p), p.whole || p.role === 'close');
    let status = segments.get(p.segment);
    if (p.role === 'open' || p.role === 'carried') {
      const forbidden = lockouts.forbids(p.accountId, p.contractId, p.at);
      status = p.role === 'carried' ? 'carried' : forbidden ? 'blocked' : 'live';
      segments.set(p.segment, status);
      if (status === 'blocked') {
        for (const l of lockouts.active(p.accountId, p.at)) recorder.locked(day, p.accountId, l.kind);
      }
    }
    if (status === 'blocked' || status === 'cut') {
      recorder.removed(day, p.accountId);
      return;
    }
    if (status === 'carried') {
      // Its size and entry are unknown: taken as it happened, P&L and costs as given.
      recorder.approximate(day, p.accountId, CARRIED);
      recorder.replayed(day, p.accountId, p.at, net(p.pnl ?? 0, p));
      guard.fill(p.accountId, p.contractId, tradeOf(p, size, p.pnl, p));
      return;
    }
    const key = `${p.accountId}|${p.contractId}`;
    if (p.role !== 'close') {
      if (p.role === 'add' && lockouts.forbids(p.accountId, p.contractId, p.at)) {
        // Not expected: a lockout's own enforcement closes what is held when it starts
        // (replay-guard.ts merges the lockouts' desired state). If it ever happens, do what the
        // live lockout guard does: the add is refused and what is held is closed.
        recorder.removed(day, p.accountId);
        const held = book.get(p.accountId, p.contractId);
        const at = { kind: 'fill' as const, contractId: p.contractId, price: p.price };
        if (held) guard.close(p.accountId, p.contractId, Math.abs(held.size), 'lockout', at);
        segments.set(p.segment, 'cut');
        return;
      }
      book.apply(p.accountId, p.contractId, p.qty, p.price, p.at);
      heldBy.set(key, p.segment);
      recorder.replayed(day, p.accountId, p.at, net(p.pnl ?? 0, p));
      guard.fill(p.accountId, p.contractId, tradeOf(p, size, p.pnl, p));
      return;
    }
    const held = book.get(p.accountId, p.contractId);
    const available = held && Math.sign(held.size) === -Math.sign(p.qty) ? Math.abs(held.size) : 0;
    const applied = Math.min(size, available);
    if (applied === 0) {
      recorder.removed(day, p.accountId);
      return;
    }
    const change = book.apply(p.accountId, p.contractId, Math.sign(p.qty) * applied, p.price, p.at);
    // The replayed position is the real one: the gateway's own figure. Else worked out from the replayed average.
    const exact = status === 'live' && applied === size;
    const share = applied / size;
    const gross = exact ? (p.pnl ?? change.grossPnl ?? 0) : (change.grossPnl ?? (p.pnl ?? 0) * share);
    const costs = exact ? p : { fees: p.fees * share, commissions: p.commissions * share };
    if (applied < size) recorder.removed(day, p.accountId);
    if (!exact && change.grossPnl === null)
      recorder.approximate(day, p.accountId, `no tick size/value for ${p.contractId}: P&L scaled`);
    recorder.replayed(day, p.accountId, p.at, net(gross, costs));
    guard.fill(p.accountId, p.contractId, tradeOf(p, applied, money(gross), costs, exact));
  }

  /** The fill as the replayed account would have seen it; a changed or split fill gets its own id. */
  function tradeOf(p: FillPart, size: number, pnl: number | null, costs: Costs, exact = true): Trade {
    const same = exact && p.whole && size === Math.abs(p.qty);
    return {
      ...p.trade,
      id: same ? p.trade.id : nextPartId++,
      size,
      profitAndLoss: pnl,
      fees: money(costs.fees),
      commissions: money(costs.commissions),
    };
  }

  function finish(): ReplayResult {
    const { days, totals, equity } = recorder.finish(range);
    for (const id of accountIds) {
      if (!isMonitored(input.config, id))
        notes.push(`account ${id} is not monitored by this config: no rule acts on it`);
    }
    const missing = [...new Set(parts.map((p) => p.contractId))].filter((c) => !contracts.has(c));
    if (missing.length > 0)
      notes.push(`no tick size/value for ${missing.join(', ')}: open P&L there is unknown to the rules`);
    return {
      range,
      timeZone: clock.timeZone,
      monitorAs: input.monitorAs,
      barsUsed: history.bars !== null,
      costs: { fees: config.countFees, commissions: config.countCommissions },
      accounts: history.accounts.map((a) => ({
        id: a.account.id,
        name: a.account.name,
        fills: days.filter((d) => d.accountId === a.account.id).reduce((s, d) => s + d.fills, 0),
      })),
      rules,
      days,
      totals,
      equity,
      notes,
    };
  }
}
