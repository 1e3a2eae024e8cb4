import { errorMessage } from '../core/error-message';
import { fetchHistory, ReplayCancelled } from '../core/replay/fetch-history';
import { replayHistory } from '../core/replay/replay-history';
import { resolveRange } from '../core/replay/replay-range';
import { parseConfig } from '../core/rules/config/config-schema';
import { createTradingDayClock } from '../core/state/trading-day';
import type { Problem, RequestOf, ResponseOf } from '../messaging/protocol';
import type { ReplayStatus } from '../messaging/replay';
import type { GuardHost } from './guard-host';

/**
 * Runs replays in the worker: one at a time (a new one cancels the one running), in memory
 * (a replay is a question asked now; if the worker restarts, the options page says so and the
 * trader asks again). Bad input (a draft config with problems, unknown accounts, a range that
 * cannot be replayed) is refused up front with every problem listed; nothing starts.
 *
 *   start ──▶ running (trades → contracts → bars → replaying) ──▶ done | failed | cancelled
 */
export interface ReplayJobs {
  start(req: RequestOf<'startReplay'>): Promise<ResponseOf<'startReplay'>>;
  status(jobId: string): ReplayStatus;
  cancel(jobId: string): boolean;
}

interface Job {
  status: ReplayStatus;
  abort: AbortController;
}

export function createReplayJobs(deps: { host: GuardHost; newId: () => string }): ReplayJobs {
  let current: Job | null = null;

  const refuse = (problems: Problem[]) => ({ ok: false, jobId: null, problems });

  async function run(job: Job, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (job.status.state !== 'running') return;
      const cancelled = error instanceof ReplayCancelled || job.abort.signal.aborted;
      job.status = {
        ...job.status,
        state: cancelled ? 'cancelled' : 'failed',
        message: cancelled ? 'Cancelled.' : `The replay failed: ${errorMessage(error)}`,
      };
    }
  }

  return {
    async start(req) {
      const guard = await deps.host.ready();
      const view = guard.view();
      const parsed = parseConfig(req.config === undefined ? view.config : req.config);
      if (!parsed.ok) return refuse(parsed.problems.map((p) => ({ path: `config.${p.path}`, message: p.message })));
      const config = parsed.config;
      const clock = createTradingDayClock(config.tradingDay);
      let range: ReturnType<typeof resolveRange>;
      try {
        range = resolveRange(req.range, clock, view.now);
      } catch (error) {
        return refuse([{ path: 'range', message: errorMessage(error) }]);
      }
      const known = await guard.listAccounts();
      const accounts = req.accountIds.map((id) => known.find((a) => a.id === id));
      const unknown = req.accountIds.filter((_, i) => accounts[i] === undefined);
      if (unknown.length > 0) {
        return refuse([{ path: 'accountIds', message: `not an account of this login: ${unknown.join(', ')}` }]);
      }
      current?.abort.abort();
      const job: Job = {
        abort: new AbortController(),
        status: {
          jobId: deps.newId(),
          state: 'running',
          phase: 'trades',
          done: 0,
          total: 0,
          message: 'Reading your trades…',
          failures: [],
          result: null,
        },
      };
      current = job;
      void run(job, async () => {
        const history = await fetchHistory({
          api: guard.history,
          accounts: accounts.filter((a) => a !== undefined),
          range,
          clock,
          bars: req.bars,
          knownContracts: Object.values(view.state.contracts),
          signal: job.abort.signal,
          onProgress: (p) => {
            const words = {
              trades: 'Reading your trades…',
              contracts: 'Looking up contracts…',
              bars: 'Reading minute bars…',
            };
            job.status = { ...job.status, phase: p.phase, done: p.done, total: p.total, message: words[p.phase] };
          },
        });
        if (job.abort.signal.aborted) throw new ReplayCancelled();
        job.status = { ...job.status, phase: 'replaying', message: 'Replaying…', failures: history.failures };
        const result = replayHistory({ history, config, range, monitorAs: req.monitorAs });
        job.status = { ...job.status, state: 'done', phase: 'done', message: 'Done.', result };
      });
      return { ok: true, jobId: job.status.jobId, problems: [] };
    },
    status(jobId) {
      if (current?.status.jobId === jobId) return current.status;
      return {
        jobId,
        state: 'failed',
        phase: 'done',
        done: 0,
        total: 0,
        message: 'This replay is gone (the guard restarted, or another replay replaced it): run it again.',
        failures: [],
        result: null,
      };
    },
    cancel(jobId) {
      if (current?.status.jobId !== jobId || current.status.state !== 'running') return false;
      current.abort.abort();
      current.status = { ...current.status, state: 'cancelled', message: 'Cancelled.' };
      return true;
    },
  };
}
