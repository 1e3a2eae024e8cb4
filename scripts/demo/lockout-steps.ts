import type { Page } from '@playwright/test';
import {
  type DayContext,
  describeJournal,
  guardAccount,
  journalHead,
  journalSince,
  ledgerRealized,
  popupStatus,
  shots,
  traderMarket,
  until,
} from './day-context';
import { chicagoTime, nextReset } from './demo-clock';
import { closeRequestsSince, describePositions, lastSeq, tradesSince, userHubConnections } from './simulator';
import { type DemoStep, failCheck } from './step-runner';
import { formatDuration, formatMoney } from './timeline';

/** The second half of the day: breach → flatten + lockout, blocked attempts, an outage, the reset. */
export function lockoutSteps(ctx: DayContext): DemoStep[] {
  return [breachStep(ctx), pageBlockedStep(ctx), apiDuringLockoutStep(ctx), outageStep(ctx), resetStep(ctx)];
}

/** Flat with no working orders in the ledger; the moment it became so (sim clock). */
function flatProbe(ctx: DayContext, accountId: number, sinceSeq: number) {
  return () => {
    const t = ctx.sim.ledger.truth(accountId);
    const ok = t.positions.length === 0 && t.openOrders.length === 0;
    const changes = ctx.sim.ledger
      .entries({ accountId, sinceSeq })
      .filter((e) => e.type === 'position' || e.type === 'order');
    return { ok, seen: describePositions(ctx.sim, accountId), value: changes.at(-1)?.at };
  };
}

function breachStep(ctx: DayContext): DemoStep {
  return {
    title: 'Daily loss limit breached: the guard flattens the account and locks it until 17:00 CT',
    async run() {
      const { sim, timeline, a, es, rules } = ctx;
      const head = await journalHead(ctx);
      sim.market.setPrice(es.id, 6850);
      sim.trader.placeOrder(a, { contractId: es.id, type: 1, side: 0, size: 1, limitPrice: 6800 });
      traderMarket(ctx, a, 0, 2);
      sim.market.setPrice(es.id, 6846);
      const from = lastSeq(sim);
      traderMarket(ctx, a, 1, 1);
      const breachAt = tradesSince(sim, a, from)[0]?.at ?? ctx.clock.now();
      const realized = ledgerRealized(ctx, a);
      timeline.info(
        `trader: long 2 ES with a resting buy limit, sells 1 @ 6846 → day ${formatMoney(realized)} (limit -$${rules.dailyLossLimit})`,
      );
      const flat = await until(ctx, {
        expected: `account ${a} flat with no working orders (ledger)`,
        timeoutMs: 5_000,
        intervalMs: 5,
        probe: flatProbe(ctx, a, from),
      });
      const flatAt = flat.value ?? ctx.clock.now();
      const close = closeRequestsSince(sim, a, from)[0];
      timeline.pass(
        `breach → flat in ${formatDuration(flatAt - breachAt)}${close ? ` (close requested after ${formatDuration(close.at - breachAt)})` : ''}`,
      );
      const resetAt = nextReset(ctx.clock.now());
      const locked = await until(ctx, {
        expected: `account ${a} locked by dailyRealizedLoss until ${chicagoTime(resetAt)}, enforcement + lockout journaled`,
        timeoutMs: 5_000,
        probe: async () => {
          const g = await guardAccount(ctx, a);
          const lock = g.lockouts.find((l) => l.ruleId === 'dailyRealizedLoss');
          const fresh = await journalSince(ctx, head);
          const kinds = new Set(fresh.map((e) => e.kind));
          const endOk = !ctx.devClock || lock?.endsAt === resetAt;
          return {
            ok:
              g.status === 'locked' && lock !== undefined && endOk && kinds.has('enforcement') && kinds.has('lockout'),
            seen: `status ${g.status}, lockout ${lock ? `until ${lock.endsAt === null ? 'a condition' : chicagoTime(lock.endsAt)}` : 'none'}; journal: ${describeJournal(fresh)}`,
            value: lock,
          };
        },
      });
      timeline.guard(`locked: "${locked.value?.reason ?? ''}" until ${chicagoTime(resetAt)}`);
      const page = await ctx.browser.topstepx();
      await until(ctx, {
        expected: 'the popup shows Locked and the overlay blocks the order entry (inert)',
        timeoutMs: 5_000,
        probe: async () => {
          const s = await popupStatus(ctx, a);
          const inert = await page.evaluate((sel) => document.querySelector(sel)?.closest('[inert]') != null, PAGE_BUY);
          return { ok: s === 'Locked' && inert, seen: `popup '${s}', order entry inert: ${inert}` };
        },
      });
      await shots(ctx, 'breach-locked');
    },
  };
}

/** The stand-in page's Buy button: covered (inert) during a lockout. */
const PAGE_BUY = '[data-testid="order-card-click-button-buy"]';

/** One of the page's own back-end calls by name (what its buttons do): "<name> <status>" or "<name> blocked". */
async function pageCall(page: Page, name: 'placeOrder' | 'closeAll'): Promise<string> {
  return page.evaluate(async (n) => {
    const w = globalThis as unknown as { fakePage: { callApi(name: string): Promise<string> } };
    return w.fakePage.callApi(n);
  }, name);
}

function pageBlockedStep(ctx: DayContext): DemoStep {
  return {
    title: 'During the lockout the page cannot send an order (network rule); closing still works',
    async run() {
      const { browser, timeline } = ctx;
      const page = await browser.topstepx();
      const before = browser.backendRequests.length;
      const result = await pageCall(page, 'placeOrder');
      const reached = browser.backendRequests.slice(before).map((r) => new URL(r.url()).pathname);
      timeline.info(`page: order button → "${result}"`);
      if (result !== 'placeOrder blocked' || reached.includes('/Order')) {
        failCheck(
          'the order request blocked before it leaves the browser',
          `"${result}", back end got [${reached.join(', ')}]`,
        );
      }
      const flatten = await pageCall(page, 'closeAll');
      const reached2 = browser.backendRequests.slice(before).map((r) => new URL(r.url()).pathname);
      if (!reached2.some((p) => p.startsWith('/Position/close/'))) {
        failCheck(
          'the risk-reducing /Position/close request to reach the back end',
          `"${flatten}", back end got [${reached2.join(', ')}]`,
        );
      }
      timeline.pass(`order blocked by the network rule; flatten went through ("${flatten}")`);
      await shots(ctx, 'page-order-blocked');
    },
  };
}

function apiDuringLockoutStep(ctx: DayContext): DemoStep {
  return {
    title: 'During the lockout the trader trades through the API anyway: the guard closes it',
    async run() {
      const { sim, timeline, a } = ctx;
      const from = lastSeq(sim);
      traderMarket(ctx, a, 0, 1);
      const openedAt = tradesSince(sim, a, from)[0]?.at ?? ctx.clock.now();
      timeline.info('trader (another platform, same account): buy 1 ES');
      const flat = await until(ctx, {
        expected: `account ${a} flat again (ledger), closed by the guard`,
        timeoutMs: 5_000,
        intervalMs: 5,
        probe: flatProbe(ctx, a, from),
      });
      const byGuard = closeRequestsSince(sim, a, from).length > 0;
      if (!byGuard) failCheck('a closeContract from the guard after the fill', 'no close request in the ledger');
      timeline.pass(`opened during lockout → closed in ${formatDuration((flat.value ?? ctx.clock.now()) - openedAt)}`);
      const g = await guardAccount(ctx, a);
      if (g.status !== 'locked') failCheck('account still locked', `status ${g.status}`);
    },
  };
}

function outageStep(ctx: DayContext): DemoStep {
  return {
    title: 'The user hub drops and events are lost meanwhile: reconnect, reconcile, journal the misses',
    async run() {
      const { sim, timeline, b } = ctx;
      const head = await journalHead(ctx);
      const lose = sim.faults.add({
        target: { kind: 'hub', hub: 'user' },
        effect: { type: 'lose' },
        schedule: { type: 'always' },
      });
      sim.market.setPrice(ctx.es.id, 6846);
      traderMarket(ctx, b, 0, 2);
      timeline.info(`network: user-hub events lost; trader buys 2 ES on account ${b} (the guard hears nothing)`);
      const dropAt = ctx.clock.now();
      sim.faults.refuseConnections(1_500, 'user');
      const dropped = sim.faults.dropSockets({ hub: 'user' });
      timeline.info(`network: ${dropped} user-hub socket(s) cut, reconnects refused for 1.5 s`);
      await until(ctx, {
        expected: 'the guard reports its user hub as not connected',
        timeoutMs: 5_000,
        intervalMs: 20,
        probe: async () => {
          const s = await ctx.browser.snapshot();
          return { ok: s.health.user.status !== 'connected', seen: `user hub '${s.health.user.status}'` };
        },
      });
      timeline.guard(`user hub down after ${formatDuration(ctx.clock.now() - dropAt)}`);
      await shots(ctx, 'hub-down');
      sim.faults.remove(lose);
      const r = await until(ctx, {
        expected: `reconnected; account ${b} reconciled to 2 open contracts; missed events journaled`,
        timeoutMs: 15_000,
        intervalMs: 20,
        probe: async () => {
          const s = await ctx.browser.snapshot();
          const acct = s.accounts.find((x) => x.id === b);
          const fresh = await journalSince(ctx, head);
          const missed = fresh.filter((e) => e.kind === 'missed-event');
          const ok =
            userHubConnections(sim) > 0 &&
            s.health.user.status === 'connected' &&
            acct?.openContracts === 2 &&
            missed.length > 0;
          return {
            ok,
            seen: `user hub '${s.health.user.status}', account ${b}: ${acct?.openContracts ?? '?'} open; journal: ${describeJournal(fresh)}`,
            value: missed,
          };
        },
      });
      timeline.pass(`reconnected and reconciled ${formatDuration(ctx.clock.now() - dropAt)} after the drop`);
      for (const m of (r.value ?? []).slice(0, 4)) timeline.detail(`journal: [missed-event] ${m.message}`);
      sim.trader.closePosition(b, ctx.es.id);
      await shots(ctx, 'reconciled');
    },
  };
}

function resetStep(ctx: DayContext): DemoStep {
  return {
    title: 'Fast clock to 17:00 CT: the trading day resets and the account unlocks',
    timeoutMs: 40_000,
    async run() {
      const { timeline, clock, a, browser } = ctx;
      if (!ctx.devClock) {
        failCheck(
          'the local build to expose globalThis.riskGuardDev.setClockOffsetMs in the service worker',
          'no dev hook: the extension cannot follow the fast clock',
        );
      }
      const resetAt = nextReset(clock.now());
      const offset = clock.offsetMs() + (resetAt - 3_000 - clock.now());
      clock.setOffsetMs(offset);
      await browser.dev.setClockOffsetMs(offset);
      timeline.info(`clock: jump to ${chicagoTime(clock.now())} (simulator and extension)`);
      const g0 = await guardAccount(ctx, a);
      if (g0.status !== 'locked') failCheck('still locked before 17:00 CT', `status ${g0.status}`);
      const head = await journalHead(ctx);
      await until(ctx, {
        expected: `account ${a} unlocked at 17:00 CT (within 5 s) with the new day's realized P&L at $0.00`,
        timeoutMs: 8_000,
        intervalMs: 20,
        probe: async () => {
          const g = await guardAccount(ctx, a);
          const ok = g.status !== 'locked' && g.lockouts.length === 0 && g.realizedPnl === 0;
          return {
            ok,
            seen: `status ${g.status}, ${g.lockouts.length} lockout(s), realized ${formatMoney(g.realizedPnl)} at ${chicagoTime(clock.now())}`,
          };
        },
      });
      const late = clock.now() - resetAt;
      if (late < 0) failCheck('no unlock before 17:00:00 CT', `unlocked ${formatDuration(-late)} early`);
      timeline.pass(`unlocked at 17:00:00 CT + ${formatDuration(late)}`);
      const fresh = await journalSince(ctx, head);
      if (!fresh.some((e) => e.kind === 'unlock')) failCheck('an unlock entry in the journal', describeJournal(fresh));
      const page = await browser.topstepx();
      await until(ctx, {
        expected: 'the popup shows OK and the page order entry is usable again',
        timeoutMs: 5_000,
        probe: async () => {
          const s = await popupStatus(ctx, a);
          const inert = await page.evaluate((sel) => document.querySelector(sel)?.closest('[inert]') != null, PAGE_BUY);
          return { ok: s === 'OK' && !inert, seen: `popup '${s}', order entry inert: ${inert}` };
        },
      });
      const before = browser.backendRequests.length;
      const result = await pageCall(page, 'placeOrder');
      const reached = browser.backendRequests.slice(before).some((r) => new URL(r.url()).pathname === '/Order');
      if (!reached) failCheck('the page order request to reach the back end after the reset', `"${result}"`);
      timeline.pass(`page order goes through again ("${result}")`);
      await shots(ctx, 'after-reset');
    },
  };
}
