import { errorMessage } from '../error-message';
import type { CallContext, GatewayApi } from '../gateway/api';
import { BarUnit } from '../gateway/enums';
import type { Account, Bar, Contract, Trade } from '../gateway/schemas';
import { Lane } from '../resilience/lanes';
import { parseTimestamp } from '../state/timestamp';
import type { TradingDayClock } from '../state/trading-day';
import type { ReplayHistory, ReplayRange } from './replay-types';

/**
 * Fetches what a replay needs through the guard's resilient client, in the ROUTINE lane: the
 * rate limiter keeps every request inside the gateway's limits (History/retrieveBars has its
 * own 50 per 30 s bucket) and a flatten always goes first. Progress after every request;
 * cancel through the AbortSignal (in-flight requests are aborted too).
 *
 * - Trades: Trade/search per account in 7-day slices, from one trading day BEFORE the range
 *   (the look-back tells which positions were already open when it began) to its end.
 * - Contracts: tick size and value of every traded contract the guard does not know yet.
 * - Bars (optional): one-minute bars of each traded contract on the days it was traded, in
 *   runs of at most 10 trading days per request (≤ 14,400 bars: under the 20,000 a request
 *   may return, so an answer is never silently cut).
 *
 * A contract or bar request that fails is reported and the replay goes on without it (the
 * affected closes are then marked approximate); a trade request that fails fails the fetch:
 * without the trades there is nothing honest to show.
 */

export type HistoryReads = Pick<GatewayApi, 'searchTrades' | 'retrieveBars' | 'contractById'>;

export interface FetchProgress {
  phase: 'trades' | 'contracts' | 'bars';
  done: number;
  total: number;
}

export interface FetchHistoryOptions {
  api: HistoryReads;
  accounts: readonly Account[];
  range: ReplayRange;
  clock: TradingDayClock;
  bars: boolean;
  /** Contracts already known (the guard's state): not fetched again. */
  knownContracts?: readonly Contract[];
  signal?: AbortSignal;
  onProgress?: (p: FetchProgress) => void;
}

export interface FetchedHistory extends ReplayHistory {
  /** What could not be fetched (the replay runs without it). */
  failures: string[];
}

export class ReplayCancelled extends Error {
  override name = 'ReplayCancelled';
  constructor() {
    super('the replay was cancelled');
  }
}

const SLICE_MS = 7 * 86_400_000;
const DAYS_PER_BAR_REQUEST = 10;
const BAR_LIMIT = 20_000;
/** Requests in flight at once; the rate limiter paces them further. */
const CONCURRENCY = 4;

async function pool<T>(jobs: Array<() => Promise<T>>, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      if (signal?.aborted) throw new ReplayCancelled();
      const i = next++;
      out[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  return out;
}

/** Runs of at most `max` consecutive range days (by index) among `indexes` (sorted). */
function runs(indexes: number[], max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of indexes) {
    const last = out[out.length - 1];
    if (last && i === last[1] + 1 && i - last[0] < max) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

export async function fetchHistory(opts: FetchHistoryOptions): Promise<FetchedHistory> {
  const { api, range, clock, signal } = opts;
  const ctx: CallContext = signal ? { lane: Lane.Routine, signal } : { lane: Lane.Routine };
  const failures: string[] = [];
  const progress = { phase: 'trades' as FetchProgress['phase'], done: 0, total: 0 };
  const tick = (phase: FetchProgress['phase']) => {
    progress.phase = phase;
    opts.onProgress?.({ ...progress });
  };
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw new ReplayCancelled();
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted) throw new ReplayCancelled();
      throw error;
    }
  };

  // 1. Trades, with a one-day look-back.
  const from = clock.previousReset(range.start - 1);
  const slices: Array<[number, number]> = [];
  for (let t = from; t < range.end; t += SLICE_MS) slices.push([t, Math.min(t + SLICE_MS, range.end)]);
  progress.total = slices.length * opts.accounts.length;
  tick('trades');
  const tradeJobs = opts.accounts.flatMap((a) =>
    slices.map(([s, e]) => async () => {
      const got = await guarded(() =>
        api.searchTrades(
          { accountId: a.id, startTimestamp: new Date(s).toISOString(), endTimestamp: new Date(e).toISOString() },
          ctx,
        ),
      );
      progress.done++;
      tick('trades');
      return got;
    }),
  );
  const byAccount = new Map<number, Map<number, Trade>>(opts.accounts.map((a) => [a.id, new Map()]));
  const sliced = await pool(tradeJobs, signal);
  for (const list of sliced) {
    for (const t of list) {
      const at = parseTimestamp(t.creationTimestamp);
      // Slices share their edges; the range ends where it ends.
      if (at !== null && at < range.end) byAccount.get(t.accountId)?.set(t.id, t);
    }
  }
  const trades = [...byAccount.values()].flatMap((m) => [...m.values()]);

  // 2. Contracts.
  const known = new Map((opts.knownContracts ?? []).map((c) => [c.id, c]));
  const traded = [...new Set(trades.map((t) => t.contractId))];
  const missing = traded.filter((id) => !known.has(id));
  // 3. Bar requests: per contract, the range days it was traded on, in runs.
  const barJobs: Array<{ contractId: string; start: number; end: number }> = [];
  if (opts.bars) {
    const bounds: Array<{ start: number; end: number }> = [];
    for (let t = range.start; t < range.end; t = clock.nextReset(t)) bounds.push(clock.boundsOf(t));
    for (const contractId of traded) {
      const indexes = new Set<number>();
      for (const t of trades) {
        const at = parseTimestamp(t.creationTimestamp);
        if (t.contractId !== contractId || at === null || at < range.start) continue;
        const i = range.days.indexOf(clock.tradingDayOf(at));
        if (i >= 0) indexes.add(i);
      }
      for (const [a, b] of runs(
        [...indexes].sort((x, y) => x - y),
        DAYS_PER_BAR_REQUEST,
      )) {
        const first = bounds[a];
        const last = bounds[b];
        if (first && last) barJobs.push({ contractId, start: first.start, end: Math.min(last.end, range.end) });
      }
    }
  }
  progress.total += missing.length + barJobs.length;
  tick('contracts');
  await pool(
    missing.map((contractId) => async () => {
      try {
        known.set(contractId, await guarded(() => api.contractById({ contractId }, ctx)));
      } catch (error) {
        if (error instanceof ReplayCancelled) throw error;
        failures.push(`contract ${contractId}: ${errorMessage(error)}`);
      }
      progress.done++;
      tick('contracts');
    }),
    signal,
  );

  let bars: Record<string, Bar[]> | null = null;
  if (opts.bars) {
    bars = {};
    const got = bars;
    await pool(
      barJobs.map((job) => async () => {
        try {
          const list = await guarded(() =>
            api.retrieveBars(
              {
                contractId: job.contractId,
                live: false,
                startTime: new Date(job.start).toISOString(),
                endTime: new Date(job.end).toISOString(),
                unit: BarUnit.Minute,
                unitNumber: 1,
                limit: BAR_LIMIT,
                includePartialBar: false,
              },
              ctx,
            ),
          );
          if (list.length >= BAR_LIMIT) failures.push(`bars of ${job.contractId}: the answer was cut at ${BAR_LIMIT}`);
          got[job.contractId] = [...(got[job.contractId] ?? []), ...list];
        } catch (error) {
          if (error instanceof ReplayCancelled) throw error;
          failures.push(`bars of ${job.contractId}: ${errorMessage(error)}`);
        }
        progress.done++;
        tick('bars');
      }),
      signal,
    );
  }

  return {
    accounts: opts.accounts.map((account) => ({ account, trades: [...(byAccount.get(account.id)?.values() ?? [])] })),
    contracts: traded.flatMap((id) => {
      const c = known.get(id);
      return c ? [c] : [];
    }),
    bars,
    failures,
  };
}
