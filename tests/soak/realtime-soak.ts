import { scaledConnection } from '../chaos/realtime/scenario';
import { type Harness, MES, MNQ, startHarness, waitUntil } from '../integration/realtime/harness';
import { type BoundedJournal, createBoundedJournal } from './bounded-journal';
import { dayTrades, describeDifference, settleDay } from './day-ledger';
import { createDayTrader } from './day-trader';
import { createDayBudget, createSoakClock, SOAK_START, soakTime } from './soak-clock';
import {
  DEFAULT_ACTIONS_PER_DAY,
  MAX_FAILURES,
  SOAK_RETAIN_HISTORY_MS,
  type SoakOptions,
  type SoakResult,
  settleSpread,
  spread,
} from './soak-options';
import { FULL_DAY, runTradingDays } from './trading-days';

/**
 * The real-time half of the guard (hub connections, parser, reducer, REST reconciliation and
 * polling) through trading days on the simulator's clock: the trader's days, a flaky network
 * while trading, the 16:00 break, weekends and every 17:00 reset. At each day's close the
 * picture must equal the ledger's day exactly (positions, working orders, the day's trades,
 * realized P&L, fees and commissions), and no trade may be recorded twice. `npm run soak` runs it next to
 * the guard soak; the test suite runs it on compressed timings.
 */
export async function run(options: SoakOptions): Promise<SoakResult> {
  const speed = options.speed ?? 1;
  const seed = options.seed ?? 11;
  const timings = options.timings ?? FULL_DAY;
  const deadline = Date.now() + options.minutes * 60_000;
  const clock = createSoakClock(options.startAt ?? SOAK_START);
  const failures: string[] = [];
  const tradesPerAccountDay: number[] = [];
  const settleMs: number[] = [];
  let today = new Set<number>();
  let yesterday = new Set<number>();
  let doubles = 0;
  let rolled = 0;
  let offLedger = 0;
  let daysDone = 0;
  const h: Harness<BoundedJournal> = await startHarness(
    {
      seed,
      now: clock.now,
      marketHours: true,
      retainHistoryMs: SOAK_RETAIN_HISTORY_MS,
      pingIntervalMs: Math.max(15_000 / speed, 100),
      // Not a rate-limit test: the real-time path alone (the guard soak runs the real limits).
      rateLimits: { general: { limit: 100_000, windowMs: 60_000 }, bars: { limit: 100_000, windowMs: 30_000 } },
    },
    { connection: scaledConnection(speed), pollIntervalMs: 5000 / speed, reconcileRetryMs: 5000 / speed },
    {
      clock,
      journal: createBoundedJournal(),
      keepLog: false,
      onEffect(effect) {
        if (effect.kind === 'day-rolled') rolled += 1;
        if (effect.kind !== 'trade-recorded') return;
        if (today.has(effect.tradeId) || yesterday.has(effect.tradeId)) {
          doubles += 1;
          fail(`trade ${effect.tradeId} of account ${effect.accountId} recorded twice`);
        }
        today.add(effect.tradeId);
      },
    },
  );
  const fail = (message: string) => {
    if (failures.length < MAX_FAILURES) failures.push(`${new Date(clock.now()).toISOString()} ${message}`);
  };
  const trader = createDayTrader({
    sim: h.sim,
    seed,
    contracts: [MNQ, MES],
    actionsPerDay: options.actionsPerDay ?? DEFAULT_ACTIONS_PER_DAY,
    dropsPerSecond: options.dropsPerSecond ?? 0.1,
    loseProbability: options.loseProbability ?? 0.05,
  });
  const another = createDayBudget(deadline, options.days);
  let daySeq = 0;
  try {
    h.session.start();
    await waitUntil(() => h.session.user.status() === 'connected', 30_000, 'the first connect');
    h.sim.market.setPrice(MNQ, 21_000);
    h.sim.market.setPrice(MES, 6_000);
    const days = await runTradingDays(clock, timings, {
      async begin() {
        trader.newDay();
        daySeq = h.sim.ledger.lastSeq();
      },
      afterJump: async () => undefined,
      trade(_day, wallMs, share) {
        options.onProgress?.(`realtime: ${daysDone} days, ${soakTime(clock.now())}, ${failures.length} failures`);
        return trader.session(wallMs, share);
      },
      async endOfDay(day) {
        const settleStart = Date.now();
        const result = await settleDay({
          sim: h.sim,
          state: h.state,
          day,
          sinceSeq: daySeq,
          timeoutMs: options.settleTimeoutMs ?? 120_000,
          nudge: () =>
            h.session.reconcile('end-of-day').then(
              () => undefined,
              () => undefined,
            ),
          nudgeEveryMs: 2000,
        });
        settleMs.push(Date.now() - settleStart);
        for (const r of result) {
          tradesPerAccountDay.push(dayTrades(h.sim, r.accountId, day, daySeq).length);
          if (!r.equal) {
            offLedger += 1;
            fail(`${day.tradingDay}: ${describeDifference(r)}`);
          }
        }
        daysDone += 1;
      },
      async newDay() {
        yesterday = today;
        today = new Set();
        trader.newDay();
        daySeq = h.sim.ledger.lastSeq();
      },
      another: () => failures.length < MAX_FAILURES && another(),
    });
    const t = trader.report();
    const missed = h.journal.count('missed-event');
    const summary =
      `realtime soak: ${options.minutes} min, ${days.days} trading days (${days.resetsLive} resets live, ` +
      `${days.resetsByJump} by a jump, ${days.weekends} weekends), ${t.actions} trader actions, ` +
      `trades per account-day ${spread(tradesPerAccountDay)}, ${rolled} day rollovers, ${t.drops} socket drops, ` +
      `${t.lost} lost hub messages, ${missed} differences found by reconciliation, ${settleSpread(settleMs)}, ` +
      `${offLedger} account-days off the ledger, ${doubles} double-counted trades`;
    const stats = { actions: t.actions, rolled, drops: t.drops, lost: t.lost, missed, offLedger, doubles };
    return { summary, failures, days, tradesPerAccountDay, stats };
  } finally {
    trader.stop();
    await h.stop();
  }
}
