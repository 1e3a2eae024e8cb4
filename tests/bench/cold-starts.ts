import { waitForRestBudget } from '../../scripts/demo/breach-loop';
import type { GuardBrowser } from '../../scripts/demo/guard-browser';
import { userHubConnections } from '../../scripts/demo/simulator';
import { type WaitDeps, waitFor } from '../../scripts/demo/step-runner';
import type { Simulator } from '../../simulator/types';

/** What a started worker must have read again (coldStart.* of the browser benchmark; browser.ts says what it measures). */
const RECONCILE_ENDPOINTS = [
  '/api/Account/search',
  '/api/Position/searchOpen',
  '/api/Order/searchOpen',
  '/api/Trade/search',
];

/**
 * Stop the worker (its WebSockets close: the simulator sees the user hub go), then start it
 * and time until the simulator has seen a new user-hub connection AND every reconcile call.
 */
export async function measureColdStarts(
  browser: GuardBrowser,
  sim: Simulator,
  accountId: number,
  o: { count: number; maxUsedBeforeStart: number; now: () => number; wait: WaitDeps; log: (text: string) => void },
): Promise<number[]> {
  const { now, wait, log } = o;
  await browser.closePopup();
  const samples: number[] = [];
  let selfWakes = 0;
  for (let i = 0; i < o.count; i++) {
    // As the breaches: a start measures the start, not the user's REST budget (each start
    // reads four endpoints, and the breaches before left the window nearly used).
    await waitForRestBudget(sim, o.maxUsedBeforeStart, wait);
    await browser.workerControl.stopAll();
    await waitFor(
      {
        expected: `cold start ${i + 1}: the stopped worker's user hub gone at the simulator`,
        timeoutMs: 10_000,
        intervalMs: 10,
        probe: () => {
          const n = userHubConnections(sim);
          return { ok: n === 0, seen: `${n} user hub connection(s)` };
        },
      },
      wait,
    );
    await wait.sleep(500);
    if (userHubConnections(sim) > 0) {
      // Its own alarm (the 30 s watchdog) woke it in the meantime: that is not a start this
      // measures. Stop it again and take the sample anew (a few times at most).
      selfWakes += 1;
      log(`cold start ${i + 1}: the worker woke by itself (an alarm) before it was started; again`);
      if (selfWakes > 5) throw new Error(`cold start ${i + 1}: the worker keeps coming back before it is started`);
      i -= 1;
      continue;
    }
    const t0 = now();
    let hubAt: number | null = null;
    await browser.workerControl.start();
    const done = await waitFor(
      {
        expected: `cold start ${i + 1}: a user hub connection and the reconcile calls ${RECONCILE_ENDPOINTS.join(', ')}`,
        timeoutMs: 20_000,
        intervalMs: 2,
        probe: () => {
          if (hubAt === null && userHubConnections(sim) > 0) hubAt = now();
          const ends = RECONCILE_ENDPOINTS.map((ep) => {
            const first = sim.requests
              .list(ep)
              .find(
                (r) =>
                  r.at >= t0 &&
                  (ep === '/api/Account/search' || (r.body as { accountId?: unknown } | null)?.accountId === accountId),
              );
            return first ? first.at + first.durationMs : null;
          });
          const missing = RECONCILE_ENDPOINTS.filter((_, k) => ends[k] === null);
          const ok = hubAt !== null && missing.length === 0;
          return {
            ok,
            seen: `hub ${hubAt === null ? 'not connected' : 'connected'}; missing ${missing.join(', ') || 'nothing'}`,
            value: Math.max(hubAt ?? 0, ...ends.map((e) => e ?? 0)),
          };
        },
      },
      wait,
    );
    samples.push((done.value ?? now()) - t0);
    log(`cold start ${i + 1}: ${Math.round(samples.at(-1) ?? 0)} ms`);
  }
  return samples;
}
