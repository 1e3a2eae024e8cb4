import type { Simulator } from '../../simulator/types';
import { WORKING_ORDER_STATUSES } from '../../src/core/gateway/enums';
import { lastSeq, tradesSince } from './simulator';
import { type WaitDeps, waitFor } from './step-runner';

/**
 * Breach-to-close, measured from the simulator's side only (one clock, no browser timing):
 * the trader's market order makes a max-contracts breach; the sample is from the ledger time
 * of the breaching fill (the GatewayUserTrade/Position go out in the same tick) to the arrival
 * of the first closeContract for that account. Then the account is back to flat and the next
 * breach starts. Whoever closes (the guard in the browser, or the reference client) is not
 * known here: the same loop measures both.
 *
 * Pacing: the user's REST budget (200 requests / 60 s) is shared by everything the closer
 * does after a breach (re-reads, verification). Before each breach the loop waits until the
 * simulator's count for the user is under `maxUsedBeforeBreach`, so no sample ever includes a
 * wait in the closer's own rate limiter (that would measure the limit, not the latency).
 */
export interface BreachLoopOptions {
  sim: Simulator;
  accountId: number;
  contractId: string;
  /** Order size: above the closer's max-contracts limit. */
  size: number;
  samples: number;
  warmup: number;
  maxUsedBeforeBreach: number;
  /** Quiet time after flat, for the closer's post-enforcement re-reads. */
  settleMs: number;
  timeoutMs: number;
  /**
   * Whether the closer is done with the last breach (e.g. the guard's enforcement no longer
   * running). Polled before each breach so every breach is measured on its own: a breach that
   * lands while the closer still settles the previous one would measure that overlap instead.
   */
  ready?: () => Promise<{ ok: boolean; seen: string }>;
  wait: WaitDeps;
  onSample?: (i: number, ms: number) => void;
}

export interface BreachLoopResult {
  samples: number[];
  /** Mean REST requests (all endpoints, the user) per breach, from breach to the next one (or to ready again). */
  requestsPerBreach: number;
  /** Per breach: REST requests that arrived after the fill and before the first closeContract. */
  requestsBeforeClose: number[];
  /** Those requests by endpoint, over all breaches (so a non-zero count says what went first). */
  beforeCloseByEndpoint: Record<string, number>;
  /** Per breach: the fill's ledger time and the first close's arrival, on the simulator's clock. */
  breaches: Array<{ fillAt: number; closeAt: number }>;
  /**
   * Per breach: from the fill to the ledger showing the account flat with no working order
   * (the close applied, not only arrived: it includes any latency the simulator adds before
   * it applies a request).
   */
  flatSamples: number[];
}

/**
 * Waits until the demo user's REST use in the simulator's window is under `maxUsed`, so what
 * is measured next (a breach, a worker start) never includes a wait in the client's own limiter.
 */
export async function waitForRestBudget(sim: Simulator, maxUsed: number, wait: WaitDeps): Promise<void> {
  await waitFor(
    {
      expected: `the user's REST use under ${maxUsed} per window`,
      timeoutMs: 65_000,
      intervalMs: 100,
      probe: () => {
        const used = sim.rateLimits.used(sim.demo.userName, 'general');
        return { ok: used < maxUsed, seen: `${used} used` };
      },
    },
    wait,
  );
}

export async function measureBreachToClose(o: BreachLoopOptions): Promise<BreachLoopResult> {
  const { sim, accountId } = o;
  const samples: number[] = [];
  const flatSamples: number[] = [];
  const requestsBeforeClose: number[] = [];
  const beforeCloseByEndpoint: Record<string, number> = {};
  const breaches: Array<{ fillAt: number; closeAt: number }> = [];
  let requests = 0;
  // Requests are counted from one breach to the next (the closer's verification and
  // reconciliation included), and for the last one until the closer is ready again.
  let countFrom: number | null = null;
  const countUntilNow = () => {
    if (countFrom !== null) requests += sim.requests.count() - countFrom;
    countFrom = null;
  };
  // Polled every millisecond in the simulator's own process: only the requests since the
  // breach are copied (a whole-log copy grew with the run and made the simulator stamp later
  // arrivals late).
  const closesSince = (mark: number) =>
    sim.requests
      .since(mark)
      .filter(
        (r) =>
          r.endpoint === '/api/Position/closeContract' &&
          (r.body as { accountId?: unknown } | null)?.accountId === accountId,
      );
  for (let i = 0; i < o.warmup + o.samples; i++) {
    await waitForRestBudget(sim, o.maxUsedBeforeBreach, o.wait);
    const ready = o.ready;
    if (ready) {
      await waitFor(
        {
          expected: `breach ${i + 1}: the closer idle before it`,
          timeoutMs: o.timeoutMs,
          intervalMs: 20,
          probe: ready,
        },
        o.wait,
      );
    }
    countUntilNow();
    const requestsBefore = sim.requests.count();
    const from = lastSeq(sim);
    sim.trader.placeOrder(accountId, { contractId: o.contractId, type: 2, side: 0, size: o.size });
    const fill = tradesSince(sim, accountId, from)[0];
    if (!fill) throw new Error(`breach ${i + 1}: the simulator did not fill the trader's order`);
    const closed = await waitFor(
      {
        expected: `breach ${i + 1}: a closeContract for account ${accountId}`,
        timeoutMs: o.timeoutMs,
        intervalMs: 1,
        probe: () => {
          const all = closesSince(requestsBefore);
          const first = all[0];
          return { ok: first !== undefined, seen: `${all.length} close request(s)`, value: first };
        },
      },
      o.wait,
    );
    await waitFor(
      {
        expected: `breach ${i + 1}: account ${accountId} flat again`,
        timeoutMs: o.timeoutMs,
        intervalMs: 2,
        probe: () => {
          const open = sim.ledger.truth(accountId).positions.length;
          return { ok: open === 0, seen: `${open} open position(s)` };
        },
      },
      o.wait,
    );
    await o.wait.sleep(o.settleMs);
    const at = closed.value?.at;
    if (at === undefined) throw new Error(`breach ${i + 1}: no close request`);
    if (i >= o.warmup) {
      const ms = at - fill.at;
      samples.push(ms);
      const since = sim.requests.since(requestsBefore);
      countFrom = requestsBefore;
      const before = since.filter((r) => r.at >= fill.at && r.at < at);
      requestsBeforeClose.push(before.length);
      for (const r of before) beforeCloseByEndpoint[r.endpoint] = (beforeCloseByEndpoint[r.endpoint] ?? 0) + 1;
      breaches.push({ fillAt: fill.at, closeAt: at });
      flatSamples.push(flatAt(sim, accountId, from, fill.at) - fill.at);
      o.onSample?.(i - o.warmup, ms);
    }
  }
  if (countFrom !== null && o.ready) {
    const ready = o.ready;
    await waitFor(
      { expected: 'the closer idle after the last breach', timeoutMs: o.timeoutMs, intervalMs: 20, probe: ready },
      o.wait,
    );
  }
  countUntilNow();
  return {
    samples,
    requestsPerBreach: samples.length > 0 ? requests / samples.length : 0,
    requestsBeforeClose,
    beforeCloseByEndpoint,
    flatSamples,
    breaches,
  };
}

/**
 * Ledger time of the entry that left the account flat with no working order after the breach,
 * replayed entry by entry from the breach on (the account is flat before each breach; entries
 * of one tick can carry different times, so a time-based replay could look between them).
 */
function flatAt(sim: Simulator, accountId: number, fromSeq: number, fillAt: number): number {
  const open = new Map<string, number>();
  const working = new Set<number>();
  let opened = false;
  for (const e of sim.ledger.entries({ accountId, sinceSeq: fromSeq })) {
    if (e.type === 'position') {
      if (e.position.size > 0) opened = true;
      open.set(e.position.contractId, e.position.size);
    } else if (e.type === 'order') {
      if (WORKING_ORDER_STATUSES.has(e.order.status)) working.add(e.order.id);
      else working.delete(e.order.id);
    } else continue;
    if (opened && [...open.values()].every((n) => n === 0) && working.size === 0) return Math.max(e.at, fillAt);
  }
  throw new Error(`account ${accountId} never flat in the ledger after the breach`);
}
