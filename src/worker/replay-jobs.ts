import { errorMessage } from '../core/error-message';
import { type FetchProgress, fetchHistory, ReplayCancelled } from '../core/replay/fetch-history';
import { replayHistory } from '../core/replay/replay-history';
import { resolveRange } from '../core/replay/replay-range';
import type { ReplayResult } from '../core/replay/replay-types';
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
 *   start ──▶ running (trades → contracts → bars → replaying) ──finished──▶ done
 *                │ ▲ progress, replaying           ├─failed──▶ failed
 *                └─┘                               └─cancelled──▶ cancelled
 *
 * A job's status changes only through `dispatch`, along `REPLAY_JOB_TRANSITIONS`: the three
 * ends are final, so a late progress report or failure of a cancelled fetch changes nothing.
 */
export type ReplayJobState = ReplayStatus['state'];

export const REPLAY_JOB_STATES: readonly ReplayJobState[] = ['running', 'done', 'failed', 'cancelled'];

export type ReplayJobEvent =
  | { type: 'progress'; phase: FetchProgress['phase']; done: number; total: number }
  | { type: 'replaying'; failures: string[] }
  | { type: 'finished'; result: ReplayResult }
  | { type: 'failed'; reason: string }
  | { type: 'cancelled' };

export type ReplayJobEventType = ReplayJobEvent['type'];

export const REPLAY_JOB_EVENTS: readonly ReplayJobEventType[] = [
  'progress',
  'replaying',
  'finished',
  'failed',
  'cancelled',
];

/** The whole machine: anything not listed is ignored. */
export const REPLAY_JOB_TRANSITIONS: Readonly<
  Record<ReplayJobState, Partial<Record<ReplayJobEventType, ReplayJobState>>>
> = {
  running: { progress: 'running', replaying: 'running', finished: 'done', failed: 'failed', cancelled: 'cancelled' },
  done: {},
  failed: {},
  cancelled: {},
};

const PHASE_WORDS: Record<FetchProgress['phase'], string> = {
  trades: 'Reading your trades…',
  contracts: 'Looking up contracts…',
  bars: 'Reading minute bars…',
};

/** The status `event` leads to, or null when the table does not allow it. */
export function nextReplayStatus(status: ReplayStatus, event: ReplayJobEvent): ReplayStatus | null {
  if (REPLAY_JOB_TRANSITIONS[status.state][event.type] === undefined) return null;
  switch (event.type) {
    case 'progress':
      return { ...status, phase: event.phase, done: event.done, total: event.total, message: PHASE_WORDS[event.phase] };
    case 'replaying':
      return { ...status, phase: 'replaying', message: 'Replaying…', failures: event.failures };
    case 'finished':
      return { ...status, state: 'done', phase: 'done', message: 'Done.', result: event.result };
    case 'failed':
      return { ...status, state: 'failed', message: `The replay failed: ${event.reason}` };
    case 'cancelled':
      return { ...status, state: 'cancelled', message: 'Cancelled.' };
  }
}
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

  /** Every change of a job's status goes through here, along the table. */
  const dispatch = (job: Job, event: ReplayJobEvent): boolean => {
    const next = nextReplayStatus(job.status, event);
    if (next === null) return false;
    job.status = next;
    return true;
  };

  async function run(job: Job, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const cancelled = error instanceof ReplayCancelled || job.abort.signal.aborted;
      dispatch(job, cancelled ? { type: 'cancelled' } : { type: 'failed', reason: errorMessage(error) });
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
          message: PHASE_WORDS.trades,
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
          onProgress: (p) => dispatch(job, { type: 'progress', phase: p.phase, done: p.done, total: p.total }),
        });
        if (job.abort.signal.aborted) throw new ReplayCancelled();
        dispatch(job, { type: 'replaying', failures: history.failures });
        const result = replayHistory({ history, config, range, monitorAs: req.monitorAs });
        dispatch(job, { type: 'finished', result });
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
      const job = current;
      if (job?.status.jobId !== jobId || !dispatch(job, { type: 'cancelled' })) return false;
      job.abort.abort();
      return true;
    },
  };
}
