// idb's wrap() tests values against the global IDBRequest/IDBTransaction classes: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { IDBKeyRange as FakeKeyRange, IDBFactory } from 'fake-indexeddb';
import { startSimulator } from '../../simulator/index';
import { createIdbJournal } from '../../src/core/journal/idb-journal';
import { isActive } from '../../src/core/lockouts/lockout-record';
import { openIdbStore } from '../../src/core/storage/idb-store';
import { waitSubscribed } from '../chaos/guard/guard-chaos-kit';
import { startGuard, waitFor } from '../integration/guard/guard-harness';
import { MES, MNQ } from '../integration/realtime/harness';
import { createDailyLimitSwitch } from './daily-limit-switch';
import { dayTrades, describeDifference, settleDay } from './day-ledger';
import { createDayTrader } from './day-trader';
import {
  checkDailyLoss,
  checkNeverTwice,
  checkNoneOverdue,
  distinctLockouts,
  lockoutsOf,
  resetDone,
} from './guard-day-checks';
import { DAILY_LOSS_LIMITS, soakConfig, tuningFor } from './guard-soak-config';
import { type GuardSoakCounts, guardSoakReport } from './guard-soak-report';
import { checkResetDone } from './reset-check';
import { createDayBudget, createSoakClock, SOAK_START, soakTime } from './soak-clock';
import {
  DEFAULT_ACTIONS_PER_DAY,
  MAX_FAILURES,
  SOAK_RETAIN_HISTORY_MS,
  type SoakOptions,
  type SoakResult,
} from './soak-options';
import { dayMarks, FULL_DAY, runTradingDays } from './trading-days';

/**
 * The WHOLE guard (production timings and rate limits, IndexedDB store and journal as in the
 * worker, the 30-s watchdog alarm) through trading days on the simulator's clock, with rules
 * that bite: a daily realized loss limit (locked to the reset), cooldowns after a losing
 * order, a daily cap on executed orders (locked to the reset) and a maximum of 2 contracts
 * (mini-equivalent). The trader keeps trading while locked (at a fifth of the pace), the
 * network is flaky, and on some afternoons the trader changes the daily limit (tightening
 * applies at once, loosening waits for the reset). Every day ends with trading-day-checks
 * (guard-day-checks.ts) and the picture equal to the ledger's day; every reset with the new
 * day, the unlocks and the promoted config.
 */
export async function run(
  options: SoakOptions & {
    /** The two daily loss limits the trader switches between (default $200 and $250). */
    dailyLossLimits?: readonly [number, number];
  },
): Promise<SoakResult> {
  const limits = options.dailyLossLimits ?? DAILY_LOSS_LIMITS;
  const speed = options.speed ?? 1;
  const seed = options.seed ?? 11;
  const timings = options.timings ?? FULL_DAY;
  const deadline = Date.now() + options.minutes * 60_000;
  const wallStart = Date.now();
  const clock = createSoakClock(options.startAt ?? SOAK_START);
  const failures: string[] = [];
  const fail = (messages: string[]) => {
    for (const m of messages)
      if (failures.length < MAX_FAILURES) failures.push(`${new Date(clock.now()).toISOString()} ${m}`);
  };
  const sim = await startSimulator({
    seed,
    now: clock.now,
    priceTickMs: 0,
    marketHours: true,
    retainHistoryMs: SOAK_RETAIN_HISTORY_MS,
    pingIntervalMs: Math.max(15_000 / speed, 100),
    ...(speed > 1
      ? { rateLimits: { general: { limit: 100_000, windowMs: 60_000 }, bars: { limit: 100_000, windowMs: 30_000 } } }
      : {}),
  });
  const store = await openIdbStore({ indexedDB: new IDBFactory(), name: `guard-soak-${seed}` });
  // The worker's journal, compacting at 5,000 entries instead of 50,000: it fills within an
  // hour's run (about 300 entries a day) and then compacts every few days, as it would in months.
  const journal = createIdbJournal({ db: store.db, keyRange: FakeKeyRange, maxEntries: 5000, compactTo: 4000 });
  const harness = startGuard(sim, { store, journal, clock, tuning: tuningFor(speed) });
  const { guard } = harness;
  const accounts = sim.demo.accountIds;
  const isLocked = (accountId: number) =>
    guard
      .view()
      .lockouts.some((l) => l.accountId === accountId && l.scope.type === 'account' && isActive(l, clock.now()));
  const trader = createDayTrader({
    sim,
    seed,
    contracts: [MNQ, MES],
    actionsPerDay: options.actionsPerDay ?? DEFAULT_ACTIONS_PER_DAY,
    dropsPerSecond: options.dropsPerSecond ?? 0.1,
    loseProbability: options.loseProbability ?? 0.05,
    isLocked,
  });
  const counts: GuardSoakCounts = {
    lockouts: new Map<string, number>(),
    unlocks: 0,
    decisions: 0,
    enforcements: 0,
    errors: 0,
    offLedger: 0,
  };
  const tradesPerAccountDay: number[] = [];
  const settleMs: number[] = [];
  /** The guard's journaled errors by the start of their message (expected: a flatten refused in the break). */
  const errorKinds = new Map<string, number>();
  const limitSwitch = createDailyLimitSwitch({ limits, seed, guard, fail });
  let unlockSeq = 0;
  let daySeq = 0;
  /** The ledger's last seq at the close: where the next day's entries begin. */
  let closeSeq = 0;
  let daysDone = 0;
  let watchdogError: unknown = null;
  const watchdog = setInterval(() => {
    guard.watchdog().catch((error: unknown) => {
      watchdogError ??= error;
    });
  }, 30_000 / speed);
  const another = createDayBudget(deadline, options.days);
  try {
    await guard.start();
    const saved = await guard.saveConfig(soakConfig(limitSwitch.limit));
    if (!saved.ok) throw new Error(`guard soak: the soak config was refused: ${JSON.stringify(saved)}`);
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub', 30_000);
    for (const id of accounts) await waitSubscribed(sim, id, 30_000);
    await guard.reconcile('soak: start-up settled');
    sim.market.setPrice(MNQ, 21_000);
    sim.market.setPrice(MES, 6_000);

    const days = await runTradingDays(clock, timings, {
      async begin() {
        // The config's loosening parts (no per-minute cap, the small cooldown tiers) wait for the first reset.
        const ok = await waitFor(
          () => resetDone(guard, dayMarks(clock.now()).tradingDay, clock.now()),
          'the first reset',
          10_000,
        )
          .then(() => true)
          .catch(() => false);
        if (!ok)
          fail([
            `the soak config was not in force after the first reset: pending ${JSON.stringify(guard.view().pending)}`,
          ]);
        trader.newDay();
        daySeq = sim.ledger.lastSeq();
      },
      async afterJump() {
        await guard.clockChanged();
        // A second of grace: an expiry that falls between the tick's look at the clock and this one is the timer's to handle.
        const overdue = checkNoneOverdue(guard, clock.now(), 1000, 'after a jump');
        if (overdue.length > 0) {
          // What the guard's clock said, and whether the expiry came a moment later or not at all.
          const offMs = Math.round(guard.view().now - clock.now());
          const later = await waitFor(() => checkNoneOverdue(guard, clock.now(), 1000, '').length === 0, 'expiry', 2000)
            .then(() => 'gone within 2 s')
            .catch(() => 'still held 2 s later');
          fail(overdue.map((m) => `${m} (guard time ${offMs} ms off the soak's; ${later})`));
        }
      },
      async trade(day, wallMs, share) {
        options.onProgress?.(`guard: ${daysDone} days, ${soakTime(clock.now())}, ${failures.length} failures`);
        await limitSwitch.duringTrading(day, clock.now());
        await trader.session(wallMs, share);
      },
      async endOfDay(day) {
        closeSeq = sim.ledger.lastSeq();
        for (const id of accounts) await guard.whenIdle(id);
        const settleStart = Date.now();
        const result = await settleDay({
          sim,
          state: () => guard.view().state,
          day,
          sinceSeq: daySeq,
          timeoutMs: options.settleTimeoutMs ?? 120_000,
          nudge: () => guard.watchdog(),
          nudgeEveryMs: 3000 / speed,
        });
        settleMs.push(Date.now() - settleStart);
        const lockouts = await lockoutsOf(journal, day);
        const decisions = await lockoutsOf(journal, day, ['decision']);
        counts.decisions += decisions.length;
        for (const e of distinctLockouts(lockouts))
          counts.lockouts.set(e.ruleId ?? '?', (counts.lockouts.get(e.ruleId ?? '?') ?? 0) + 1);
        const { limit: limitNow, lowestLimit } = limitSwitch;
        for (const r of result) {
          tradesPerAccountDay.push(dayTrades(sim, r.accountId, day, daySeq).length);
          if (!r.equal) {
            counts.offLedger += 1;
            fail([`${day.tradingDay}: ${describeDifference(r)}`]);
          }
          fail(
            checkDailyLoss({
              sim,
              guard,
              accountId: r.accountId,
              day,
              sinceSeq: daySeq,
              limitNow,
              lowestLimit,
              lockouts,
              decisions,
            }),
          );
        }
        fail(checkNeverTwice(sim, daySeq, day.tradingDay));
        counts.enforcements += (
          await journal.list({ kinds: ['enforcement'], from: day.start, to: day.end - 1 })
        ).length;
        for (const e of await journal.list({ kinds: ['error'], from: day.start, to: day.end - 1 })) {
          counts.errors += 1;
          const what = e.message.slice(0, 60);
          errorKinds.set(what, (errorKinds.get(what) ?? 0) + 1);
        }
        daysDone += 1;
      },
      async newDay(previous, next, how) {
        fail(await checkResetDone({ guard, journal, now: clock.now, speed, previous, next, how }));
        const unlocks = await journal.list({ kinds: ['unlock'], sinceSeq: unlockSeq });
        counts.unlocks += unlocks.length;
        unlockSeq = unlocks.at(-1)?.seq ?? unlockSeq;
        limitSwitch.newDay();
        trader.newDay();
        // From the close, not from now: a flatten the break refused runs at the reopen, as the
        // reset is still being checked, and its fills are the new day's.
        daySeq = closeSeq;
      },
      another: () => failures.length < MAX_FAILURES && watchdogError === null && another(),
    });
    if (watchdogError !== null) fail([`the watchdog threw: ${String(watchdogError)}`]);
    const { summary, stats } = await guardSoakReport({
      minutes: options.minutes,
      wallStart,
      days,
      trader: trader.report(),
      counts,
      limitChanges: limitSwitch,
      errorKinds,
      tradesPerAccountDay,
      settleMs,
      journal,
      sim,
      failures: failures.length,
    });
    return { summary, failures, days, tradesPerAccountDay, stats };
  } finally {
    clearInterval(watchdog);
    trader.stop();
    await harness.stop().catch(() => undefined);
    await sim.stop();
    store.close();
  }
}
