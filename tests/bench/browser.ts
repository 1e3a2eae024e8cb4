/**
 * In the real browser (Debian Chromium, the local-gateway build, against the simulator):
 *
 * breachToClose.*: from the simulator filling the trader's breaching order (the ledger time;
 *   GatewayUserTrade and GatewayUserPosition go out in that tick) to the arrival of the
 *   guard's closeContract, over ≥ 200 breaches; beside the same loop closed by a minimal
 *   reference client (bare @microsoft/signalr + fetch in Node, scripts/demo/reference-client.ts)
 *   in the same run, and the ratio of the p50s. The reference runs in a Node process of its own
 *   (reference-client-process.ts says why); the same client inside the benchmark's process is
 *   measured too (`referenceInProcessP50Ms`), on loopback, for comparison with older reports. Twice: on loopback, and with 20 ms added by the
 *   simulator to every REST answer and every user-hub message (`lat20`, a trader's home line).
 *   The breach is max contracts (limit 1, action flatten) on ES, 2 contracts: each
 *   breach is one market order, it is over as soon as the position is closed, and nothing has
 *   to be reset (no lockout, no clock games). A daily-loss breach would lock the account
 *   until the next reset, and moving the clock 200 trading days forward would age tokens and
 *   journals: more moving parts, less robust.
 *   Breaches are paced so the user's REST budget (200 / 60 s) is never the thing measured.
 *   Also per breach: the requests that arrived before the first close (`requestsBeforeClose`),
 *   and breach to flat (`breachToFlat.*`: the ledger shows the close applied, so it includes
 *   the latency the simulator adds before applying a request). Inside the guard (the local
 *   build's latency trace, src/worker/latency-trace.ts): hub frame → decision → first request.
 *
 * The browser is launched for timing (guard-browser.ts `timing`): Playwright neither pauses the
 *   guard's requests (no fake TopstepX routes) nor watches the worker's network, as in a
 *   trader's browser; the reference client in Node has no such hop either.
 *
 * coldStart.*: the service worker is stopped through CDP (Playwright keeps it alive
 *   otherwise), then started through CDP; measured until the simulator sees the guard back:
 *   a user-hub connection and the reconcile calls (accounts, positions, open orders, trades).
 *
 * Sizes: RG_BENCH_BREACHES (default 200, per run), RG_BENCH_COLDSTARTS (default 10). The default
 * run takes about 30 minutes, almost all of it waiting for the REST budget (≈ 7 requests per
 * guard breach, the verification and the reconciliation after it, against 200 per minute).
 */

import { measureBreachToClose } from '../../scripts/demo/breach-loop';
import { configureThroughMessages, waitForGuardConnected } from '../../scripts/demo/configure';
import { createDemoClock } from '../../scripts/demo/demo-clock';
import { type GuardBrowser, launchGuardBrowser } from '../../scripts/demo/guard-browser';
import { startReferenceClient } from '../../scripts/demo/reference-client';
import { startReferenceClientProcess } from '../../scripts/demo/reference-client-process';
import { frontContract, startDemoSimulator } from '../../scripts/demo/simulator';
import { summarize } from '../../scripts/demo/stats';
import type { WaitDeps } from '../../scripts/demo/step-runner';
import { buildExtensionOnce } from '../e2e/support/build';
import { breakdown } from './breach-breakdown';
import { measureColdStarts } from './cold-starts';

const BREACHES = Number(process.env.RG_BENCH_BREACHES ?? 200);
const COLD_STARTS = Number(process.env.RG_BENCH_COLDSTARTS ?? 10);
const LIMIT = 1;

const LATENCY_MS = 20;
/** REST use (of 200 a minute) under which a breach or a cold start may begin. */
const MAX_USED_BEFORE_MEASURING = 140;

export async function run(): Promise<Record<string, number | string>> {
  const extensionDir = await buildExtensionOnce();
  const clock = createDemoClock();
  const wait: WaitDeps = { now: clock.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const sim = await startDemoSimulator(clock.now);
  let browser: GuardBrowser | null = null;
  try {
    browser = await launchGuardBrowser({ extensionDir, headless: true, shotsDir: null, timing: true });
    const [a, b] = sim.demo.accountIds;
    if (a === undefined || b === undefined) throw new Error('the simulator has no two demo accounts');
    const es = frontContract(sim, 'EP');
    sim.market.setPrice(es.id, 6850);
    const progress = (i: number, ms: number) => {
      if ((i + 1) % 25 === 0) log(`  ${i + 1}/${BREACHES} (last ${Math.round(ms)} ms)`);
    };
    const loop = {
      contractId: es.id,
      size: LIMIT + 1,
      warmup: 5,
      maxUsedBeforeBreach: MAX_USED_BEFORE_MEASURING,
      timeoutMs: 10_000,
      wait,
      onSample: progress,
    };
    /** The same loop with 20 ms on every REST answer and every user-hub message. */
    const withLatency = async <T>(f: () => Promise<T>): Promise<T> => {
      const ids = [
        sim.faults.add({
          target: { kind: 'rest' },
          effect: { type: 'latency', ms: LATENCY_MS },
          schedule: { type: 'always' },
        }),
        sim.faults.add({
          target: { kind: 'hub', hub: 'user' },
          effect: { type: 'latency', ms: LATENCY_MS },
          schedule: { type: 'always' },
        }),
      ];
      try {
        return await f();
      } finally {
        for (const id of ids) sim.faults.remove(id);
      }
    };
    // The reference runs first, while the guard in the same browser has no credentials yet:
    // once the guard watches, it would close the reference account's breaches too, and
    // narrowing what it watches is a loosening the commitment lock holds until the reset.
    const referenceOptions = {
      restUrl: sim.restUrl,
      userHubUrl: sim.userHubUrl,
      userName: sim.demo.userName,
      apiKey: sim.demo.apiKey,
      accountId: b,
      maxContracts: LIMIT,
    };
    const refLoop = { ...loop, sim, accountId: b, samples: BREACHES, settleMs: 20 };
    log(`reference client (own process): ${BREACHES} breaches on account ${b}, loopback, then +${LATENCY_MS} ms …`);
    const reference = await startReferenceClientProcess(referenceOptions);
    const [ref, ref20] = await (async () => {
      const loopback = await measureBreachToClose(refLoop);
      const lat20 = await withLatency(() => measureBreachToClose(refLoop));
      return [loopback, lat20] as const;
    })().finally(() => reference.stop());
    // The yardstick before it had a process of its own, kept for comparison (loopback only).
    log(`reference client (in this process): ${BREACHES} breaches on account ${b}, loopback …`);
    const inProcess = await startReferenceClient(referenceOptions);
    const refInProcess = await measureBreachToClose(refLoop).finally(() => inProcess.stop());
    await configureThroughMessages(browser, sim, (config) => {
      const rules = (config.defaultProfile as { rules?: Record<string, Record<string, unknown>> } | undefined)?.rules;
      if (!rules?.maxContracts) throw new Error('the guard config has no defaultProfile.rules.maxContracts');
      // Tighter than the defaults in every field, so the commitment lock applies it at once.
      Object.assign(rules.maxContracts, { mode: 'enforce', limit: LIMIT, action: 'flatten' });
    });
    await waitForGuardConnected(browser, sim, [a], wait);
    const b0 = browser;
    // The dev hook's snapshot is built on the spot: the published one (b0.snapshot()) is
    // rebuilt at most every 100 ms, so right after a fast close it can still say 'idle' from
    // before the breach while the enforcer settles, and the next breach would then measure
    // that overlap (the bimodal ~300 ms tail it caused).
    // After converging the guard reconciles (accounts, positions, orders, trades): the next
    // breach waits until its REST traffic has been quiet a while, or the requests of the last
    // one would count as "before the close" of the next.
    const QUIET_MS = 150;
    const guardReady = async () => {
      const acct = (await b0.dev.snapshot()).accounts.find((x) => x.id === a);
      const state = acct?.enforcement.state ?? 'no account';
      const last = sim.requests.since(sim.requests.count() - 1)[0];
      const quiet = last === undefined || clock.now() - (last.at + last.durationMs) > QUIET_MS;
      return { ok: state === 'idle' && quiet, seen: `guard enforcement '${state}', REST ${quiet ? 'quiet' : 'busy'}` };
    };
    const guardLoop = { ...loop, sim, accountId: a, samples: BREACHES, settleMs: 50, ready: guardReady };
    log(`guard: ${BREACHES} breaches on account ${a}, loopback …`);
    const before = (await b0.dev.latency()).length;
    const guard = await measureBreachToClose(guardLoop);
    const mid = (await b0.dev.latency()).length;
    log(`guard: ${BREACHES} breaches on account ${a}, +${LATENCY_MS} ms on REST and the user hub …`);
    const guard20 = await withLatency(() => measureBreachToClose(guardLoop));
    const traces = await b0.dev.latency();
    log(`cold starts: ${COLD_STARTS} …`);
    const cold = await measureColdStarts(browser, sim, a, {
      count: COLD_STARTS,
      maxUsedBeforeStart: MAX_USED_BEFORE_MEASURING,
      now: clock.now,
      wait,
      log,
    });
    const g = summarize(guard.samples);
    const r = summarize(ref.samples);
    const g20 = summarize(guard20.samples);
    const r20 = summarize(ref20.samples);
    const rIn = summarize(refInProcess.samples);
    const c = summarize(cold);
    const mean = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
    return {
      'breachToClose.p50Ms': g.p50,
      'breachToClose.p99Ms': g.p99,
      'breachToClose.maxMs': g.max,
      'breachToClose.referenceP50Ms': r.p50,
      'breachToClose.referenceP99Ms': r.p99,
      'breachToClose.ratioToReference': g.p50 / r.p50,
      'breachToClose.referenceInProcessP50Ms': rIn.p50,
      'breachToClose.ratioToInProcessReference': g.p50 / rIn.p50,
      'breachToClose.samples': g.samples,
      'breachToClose.requestsPerBreach': guard.requestsPerBreach,
      'breachToClose.requestsBeforeClose': mean(guard.requestsBeforeClose),
      'breachToClose.requestsBeforeCloseWhat': endpointsWord(guard.beforeCloseByEndpoint),
      'breachToClose.over250Ms': guard.samples.filter((ms) => ms > 250).length,
      ...breakdown('breachToClose.guard', traces.slice(before, mid), guard.breaches),
      'breachToFlat.p50Ms': summarize(guard.flatSamples).p50,
      'breachToFlat.referenceP50Ms': summarize(ref.flatSamples).p50,
      'breachToClose.lat20.p50Ms': g20.p50,
      'breachToClose.lat20.p99Ms': g20.p99,
      'breachToClose.lat20.maxMs': g20.max,
      'breachToClose.lat20.referenceP50Ms': r20.p50,
      'breachToClose.lat20.referenceP99Ms': r20.p99,
      'breachToClose.lat20.ratioToReference': g20.p50 / r20.p50,
      'breachToClose.lat20.requestsBeforeClose': mean(guard20.requestsBeforeClose),
      'breachToClose.lat20.requestsBeforeCloseMax': Math.max(...guard20.requestsBeforeClose),
      // What arrived before the close, if anything ("none" when nothing did).
      'breachToClose.lat20.requestsBeforeCloseWhat': endpointsWord(guard20.beforeCloseByEndpoint),
      'breachToClose.lat20.requestsPerBreach': guard20.requestsPerBreach,
      'breachToClose.lat20.samples': g20.samples,
      ...breakdown('breachToClose.lat20.guard', traces.slice(mid), guard20.breaches),
      'breachToFlat.lat20.p50Ms': summarize(guard20.flatSamples).p50,
      'breachToFlat.lat20.p99Ms': summarize(guard20.flatSamples).p99,
      'breachToFlat.lat20.referenceP50Ms': summarize(ref20.flatSamples).p50,
      'coldStart.p50Ms': c.p50,
      'coldStart.maxMs': c.max,
      'coldStart.samples': c.samples,
    };
  } finally {
    await browser?.close();
    await sim.stop();
  }
}

function log(text: string): void {
  console.log(`bench: browser: ${text}`);
}

/** `{ '/api/Order/searchOpen': 2 }` → `/api/Order/searchOpen ×2`; `none` when empty. */
function endpointsWord(byEndpoint: Record<string, number>): string {
  const parts = Object.entries(byEndpoint).map(([endpoint, n]) => `${endpoint} ×${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
