import type { Simulator } from '../../simulator/types';
import type { Contract } from '../../src/core/gateway/schemas';
import type { JournalEntryView } from '../../src/messaging/protocol';
import type { AccountSnapshot } from '../../src/messaging/snapshot';
import type { DemoRules } from './configure';
import type { DemoClock } from './demo-clock';
import type { GuardBrowser } from './guard-browser';
import { lastSeq, tradesSince } from './simulator';
import { type Expectation, type WaitDeps, type Waited, waitFor } from './step-runner';
import type { Timeline } from './timeline';

/** Everything the trading-day steps share. */
export interface DayContext {
  sim: Simulator;
  browser: GuardBrowser;
  clock: DemoClock;
  timeline: Timeline;
  wait: WaitDeps;
  rules: DemoRules;
  /** Account 1 (50K) trades through the day; account 2 (150K) shows size and missed events. */
  a: number;
  b: number;
  es: Contract;
  /** Whether the extension follows the demo's clock (the local build's dev hook). */
  devClock: boolean;
  /** The run's folder for screenshots (null: none taken). */
  outDir: string | null;
}

export function until<T>(ctx: DayContext, e: Expectation<T>): Promise<Waited<T>> {
  return waitFor(e, ctx.wait);
}

export async function guardAccount(ctx: DayContext, id: number): Promise<AccountSnapshot> {
  const s = await ctx.browser.snapshot();
  const a = s.accounts.find((x) => x.id === id);
  if (!a)
    throw new Error(
      `account ${id} is not in the guard's snapshot (accounts: ${s.accounts.map((x) => x.id).join(', ')})`,
    );
  return a;
}

/** Journal entries newer than `afterSeq`, oldest first. */
export async function journalSince(ctx: DayContext, afterSeq: number): Promise<JournalEntryView[]> {
  const entries = await ctx.browser.journal({ limit: 2000 });
  return entries.filter((e) => e.seq > afterSeq).sort((x, y) => x.seq - y.seq);
}

export async function journalHead(ctx: DayContext): Promise<number> {
  const entries = await ctx.browser.journal({ limit: 2000 });
  return entries.reduce((m, e) => Math.max(m, e.seq), 0);
}

export function describeJournal(entries: readonly JournalEntryView[]): string {
  if (entries.length === 0) return 'no journal entries';
  return entries
    .slice(-6)
    .map((e) => `[${e.kind}${e.ruleId ? ` ${e.ruleId}` : ''}] ${e.message}`)
    .join(' | ');
}

/** What the popup shows for an account: the status badge word (OK, Warning, Locked, Cooldown). */
export async function popupStatus(ctx: DayContext, id: number): Promise<string> {
  const page = await ctx.browser.popup();
  const badge = page.locator(`[data-account="${id}"] [data-status]`).first();
  if ((await badge.count()) === 0) return 'no card for the account';
  return (await badge.getAttribute('data-status')) ?? 'no status';
}

export function money2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The guard's realized P&L as the ledger says it must be (fees and commissions counted, the default). */
export function ledgerRealized(ctx: DayContext, id: number): number {
  const t = ctx.sim.ledger.truth(id);
  return money2(t.realizedPnl - t.fees - t.commissions);
}

export async function shots(ctx: DayContext, name: string): Promise<void> {
  for (const f of await ctx.browser.screenshots(name)) ctx.timeline.shot(f);
}

/** Market order by the trader (as on the TopstepX page); returns the fill price. */
export function traderMarket(ctx: DayContext, accountId: number, side: 0 | 1, size: number): number {
  const from = lastSeq(ctx.sim);
  ctx.sim.trader.placeOrder(accountId, { contractId: ctx.es.id, type: 2, side, size });
  const fills = tradesSince(ctx.sim, accountId, from);
  const last = fills.at(-1);
  if (!last) throw new Error(`the simulator did not fill the trader's ${side === 0 ? 'buy' : 'sell'} ${size}`);
  return last.trade.price;
}
