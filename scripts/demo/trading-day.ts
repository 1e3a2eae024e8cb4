import { configureThroughOptionsPage, waitForGuardConnected } from './configure';
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
import { lockoutSteps } from './lockout-steps';
import { replayStep } from './replay-step';
import { lastSeq, tradesSince } from './simulator';
import type { DemoStep } from './step-runner';
import { formatDuration, formatMoney } from './timeline';

/**
 * The scripted trading day, first half: connect, normal trades, oversize, near-limit warning.
 * The breach, the lockout, the outage and the reset are in lockout-steps.ts; the replay of the
 * last 20 trading days (the scripted one included) in replay-step.ts.
 */
export function tradingDaySteps(ctx: DayContext): DemoStep[] {
  return [
    connectStep(ctx),
    normalTradesStep(ctx),
    oversizeStep(ctx),
    warningStep(ctx),
    ...lockoutSteps(ctx),
    replayStep(ctx),
  ];
}

function connectStep(ctx: DayContext): DemoStep {
  return {
    title: 'The trader connects the guard to the gateway and sets the rules on the options page',
    async run() {
      const { sim, timeline, rules } = ctx;
      timeline.info(
        `options page: user ${sim.demo.userName}, API key (typed, never shown again), gateway ${sim.restUrl}`,
      );
      timeline.info(
        `rules: daily realized loss $${rules.dailyLossLimit} (enforce), max ${rules.maxContracts} contracts (enforce)`,
      );
      await configureThroughOptionsPage(ctx.browser, sim, rules);
      const ms = await waitForGuardConnected(ctx.browser, sim, [ctx.a, ctx.b], ctx.wait);
      timeline.pass(`guard connected and watching accounts ${ctx.a}, ${ctx.b} (${formatDuration(ms)} after saving)`);
      await ctx.browser.topstepx();
      await until(ctx, {
        expected: `the popup shows account ${ctx.a} as OK`,
        timeoutMs: 5_000,
        probe: async () => {
          const s = await popupStatus(ctx, ctx.a);
          return { ok: s === 'OK', seen: `popup status '${s}'` };
        },
      });
      await shots(ctx, 'connected');
    },
  };
}

function normalTradesStep(ctx: DayContext): DemoStep {
  return {
    title: 'Normal trading: a winning round trip in ES',
    async run() {
      const { sim, timeline, a, es } = ctx;
      sim.market.setPrice(es.id, 6850);
      const buy = traderMarket(ctx, a, 0, 1);
      sim.market.setPrice(es.id, 6852);
      const from = lastSeq(sim);
      const sell = traderMarket(ctx, a, 1, 1);
      const at = tradesSince(sim, a, from)[0]?.at ?? ctx.clock.now();
      const expected = ledgerRealized(ctx, a);
      timeline.info(
        `trader: buy 1 ES @ ${buy.toFixed(2)}, sell 1 @ ${sell.toFixed(2)} (ledger: ${formatMoney(expected)} after fees and commissions)`,
      );
      await until(ctx, {
        expected: `the guard's realized P&L for ${a} = the ledger's ${formatMoney(expected)}, status OK`,
        timeoutMs: 5_000,
        probe: async () => {
          const g = await guardAccount(ctx, a);
          return {
            ok: Math.abs(g.realizedPnl - expected) < 0.005 && g.status === 'ok',
            seen: `realized ${formatMoney(g.realizedPnl)}, status ${g.status}`,
          };
        },
      });
      timeline.guard(
        `realized ${formatMoney(expected)}, matches the ledger (${formatDuration(ctx.clock.now() - at)} after the fill)`,
      );
      await shots(ctx, 'normal-trades');
    },
  };
}

function oversizeStep(ctx: DayContext): DemoStep {
  return {
    title: 'Too big: the trader buys more contracts than the max-contracts rule allows',
    async run() {
      const { sim, timeline, b, rules } = ctx;
      const size = rules.maxContracts + 2;
      const from = lastSeq(sim);
      traderMarket(ctx, b, 0, size);
      const at = tradesSince(sim, b, from)[0]?.at ?? ctx.clock.now();
      timeline.info(`trader: buy ${size} ES on account ${b} (limit ${rules.maxContracts})`);
      await until(ctx, {
        expected: `account ${b} reduced to ${rules.maxContracts} contracts in the ledger`,
        timeoutMs: 5_000,
        probe: () => {
          const open = sim.ledger.truth(b).positions.reduce((n, p) => n + Math.abs(p.size), 0);
          return { ok: open === rules.maxContracts, seen: `${open} contracts open` };
        },
      });
      const reducedAt = sim.ledger.entries({ accountId: b, type: 'position', sinceSeq: from }).at(-1)?.at ?? at;
      timeline.pass(`guard reduced ${size} → ${rules.maxContracts} contracts in ${formatDuration(reducedAt - at)}`);
      // Back to flat for the rest of the day (the trader closes on the page: allowed, risk-reducing).
      sim.trader.closePosition(b, ctx.es.id);
      await until(ctx, {
        expected: `the guard sees account ${b} flat`,
        timeoutMs: 5_000,
        probe: async () => {
          const g = await guardAccount(ctx, b);
          return { ok: g.openContracts === 0, seen: `${g.openContracts} open contracts in the guard's snapshot` };
        },
      });
    },
  };
}

function warningStep(ctx: DayContext): DemoStep {
  return {
    title: 'A losing trade brings the day near the loss limit: warning',
    async run() {
      const { sim, timeline, a, es, rules } = ctx;
      const head = await journalHead(ctx);
      sim.market.setPrice(es.id, 6850);
      traderMarket(ctx, a, 0, 1);
      sim.market.setPrice(es.id, 6840);
      const from = lastSeq(sim);
      traderMarket(ctx, a, 1, 1);
      const at = tradesSince(sim, a, from)[0]?.at ?? ctx.clock.now();
      const realized = ledgerRealized(ctx, a);
      const pct = Math.round((-realized / rules.dailyLossLimit) * 100);
      timeline.info(`trader: buy 1 ES @ 6850, sell @ 6840 → day ${formatMoney(realized)} (${pct} % of the limit)`);
      const w = await until(ctx, {
        expected: 'a dailyRealizedLoss warning in the journal and account status Warning',
        timeoutMs: 5_000,
        probe: async () => {
          const fresh = await journalSince(ctx, head);
          const warning = fresh.find((e) => e.kind === 'warning' && e.ruleId === 'dailyRealizedLoss');
          const g = await guardAccount(ctx, a);
          return {
            ok: warning !== undefined && g.status === 'warning',
            seen: `status ${g.status}; journal: ${describeJournal(fresh)}`,
            value: warning,
          };
        },
      });
      timeline.guard(`warning "${w.value?.message ?? ''}" (${formatDuration(ctx.clock.now() - at)} after the fill)`);
      await until(ctx, {
        expected: `the popup shows account ${a} as Warning`,
        timeoutMs: 3_000,
        probe: async () => {
          const s = await popupStatus(ctx, a);
          return { ok: s === 'Warning', seen: `popup status '${s}'` };
        },
      });
      await shots(ctx, 'near-limit-warning');
    },
  };
}
