import { describe, expect, it } from 'vitest';
import type { Guard } from '../../../src/core/guard/guard';
import type { ReplayStatus } from '../../../src/messaging/replay';
import type { GuardHost } from '../../../src/worker/guard-host';
import {
  createReplayJobs,
  nextReplayStatus,
  REPLAY_JOB_EVENTS,
  REPLAY_JOB_STATES,
  type ReplayJobEvent,
  type ReplayJobEventType,
  type ReplayJobState,
} from '../../../src/worker/replay-jobs';
import { ct, roundTrip } from '../core/replay/history-kit';
import { sampleView } from './fixtures';

// Trades of account 1 on Tuesday 2026-11-24; the replay is asked on Wednesday the 25th.
const trades = [
  ...roundTrip(ct('2026-11-24', '09:00'), ct('2026-11-24', '09:10'), 'long', 5, 20000, 19940).map((t) => ({
    ...t,
    accountId: 1,
  })),
  ...roundTrip(ct('2026-11-24', '10:00'), ct('2026-11-24', '10:10'), 'long', 5, 20000, 20010).map((t) => ({
    ...t,
    accountId: 1,
  })),
];

function setup(options: { gate?: Promise<void> } = {}) {
  const view = sampleView({ now: ct('2026-11-25', '10:00') });
  const calls: string[] = [];
  const guard = {
    view: () => view,
    listAccounts: async () => [{ id: 1, name: 'COMBINE-1', balance: 50_000, canTrade: true, isVisible: true }],
    history: {
      async searchTrades(body: { accountId: number }) {
        calls.push('searchTrades');
        await options.gate;
        return trades.filter((t) => t.accountId === body.accountId);
      },
      async retrieveBars() {
        calls.push('retrieveBars');
        return [];
      },
      async contractById() {
        throw new Error('not needed');
      },
    },
  } as unknown as Guard;
  const host = { ready: async () => guard } as unknown as GuardHost;
  let n = 0;
  const jobs = createReplayJobs({ host, newId: () => `job-${++n}` });
  return { jobs, calls };
}

async function settled(jobs: ReturnType<typeof setup>['jobs'], id: string): Promise<ReplayStatus> {
  for (let i = 0; i < 200; i++) {
    const s = jobs.status(id);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('the replay did not finish');
}

const request = {
  type: 'startReplay' as const,
  accountIds: [1],
  range: { kind: 'last' as const, tradingDays: 5 },
  monitorAs: 'enforce' as const,
  bars: false,
};

describe('replay jobs in the worker', () => {
  it('runs a replay with the config in force and reports the result', async () => {
    const { jobs } = setup();
    const started = await jobs.start(request);
    expect(started).toEqual({ ok: true, jobId: 'job-1', problems: [] });
    const s = await settled(jobs, 'job-1');
    expect(s.state).toBe('done');
    // The sample config enforces a $500 daily realized loss: −600 gross breaches it at 09:10.
    const day = s.result?.days.find((d) => d.day === '2026-11-24');
    expect(day?.fired.map((f) => f.ruleId)).toContain('dailyRealizedLoss');
    expect(day?.removedFills).toBe(2);
    expect(s.result?.range.days).toHaveLength(5);
  });

  it('replays an edited draft instead when one is given', async () => {
    const { jobs } = setup();
    const draft = structuredClone(sampleView().config);
    draft.defaultProfile.rules.dailyRealizedLoss.limit = 1000;
    await jobs.start({ ...request, config: draft });
    const s = await settled(jobs, 'job-1');
    expect(s.result?.days.find((d) => d.day === '2026-11-24')?.removedFills).toBe(0);
  });

  it('refuses a draft config with every problem listed, and starts nothing', async () => {
    const { jobs, calls } = setup();
    const answer = await jobs.start({
      ...request,
      config: { defaultProfile: { rules: { dailyRealizedLoss: { limit: -5 }, maxContracts: { limit: 'x' } } } },
    });
    expect(answer.ok).toBe(false);
    expect(answer.jobId).toBeNull();
    expect(answer.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'config.defaultProfile.rules.dailyRealizedLoss.limit',
        'config.defaultProfile.rules.maxContracts.limit',
      ]),
    );
    expect(calls).toEqual([]);
  });

  it('refuses accounts that are not the login’s, and ranges it cannot replay', async () => {
    const { jobs } = setup();
    expect((await jobs.start({ ...request, accountIds: [1, 42] })).problems).toEqual([
      { path: 'accountIds', message: 'not an account of this login: 42' },
    ]);
    const future = await jobs.start({ ...request, range: { kind: 'dates', from: '2027-01-04', to: '2027-01-05' } });
    expect(future.problems[0]?.path).toBe('range');
  });

  it('cancels a running replay; a new replay replaces the old one', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const { jobs } = setup({ gate });
    await jobs.start(request);
    expect(jobs.status('job-1').state).toBe('running');
    expect(jobs.cancel('job-1')).toBe(true);
    expect(jobs.status('job-1')).toMatchObject({ state: 'cancelled', message: 'Cancelled.' });
    expect(jobs.cancel('job-1')).toBe(false);
    await jobs.start(request);
    expect(jobs.status('job-1').message).toMatch(/gone/);
    open();
    expect((await settled(jobs, 'job-2')).state).toBe('done');
  });

  it('keeps a cancelled replay cancelled when its last request answers after the cancel', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const { jobs } = setup({ gate });
    await jobs.start(request);
    expect(jobs.cancel('job-1')).toBe(true);
    open();
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs.status('job-1')).toMatchObject({ state: 'cancelled', message: 'Cancelled.', result: null });
  });
});

describe('replay jobs: the state machine', () => {
  const running: ReplayStatus = {
    jobId: 'job-1',
    state: 'running',
    phase: 'trades',
    done: 0,
    total: 4,
    message: 'Reading your trades…',
    failures: [],
    result: null,
  };
  const STATUS: Record<ReplayJobState, ReplayStatus> = {
    running,
    done: { ...running, state: 'done', phase: 'done', message: 'Done.' },
    failed: { ...running, state: 'failed', message: 'The replay failed: offline' },
    cancelled: { ...running, state: 'cancelled', message: 'Cancelled.' },
  };
  const EVENT: Record<ReplayJobEventType, ReplayJobEvent> = {
    progress: { type: 'progress', phase: 'bars', done: 3, total: 4 },
    replaying: { type: 'replaying', failures: ['bars of MNQ on 2026-11-24'] },
    finished: { type: 'finished', result: { days: [] } as unknown as NonNullable<ReplayStatus['result']> },
    failed: { type: 'failed', reason: 'offline' },
    cancelled: { type: 'cancelled' },
  };
  /** Every state against every event: where it goes, null where the machine ignores it. */
  const TABLE: Array<[ReplayJobState, ReplayJobEventType, ReplayJobState | null]> = REPLAY_JOB_STATES.flatMap((from) =>
    REPLAY_JOB_EVENTS.map((event): [ReplayJobState, ReplayJobEventType, ReplayJobState | null] => [
      from,
      event,
      from !== 'running'
        ? null
        : event === 'finished'
          ? 'done'
          : event === 'failed'
            ? 'failed'
            : event === 'cancelled'
              ? 'cancelled'
              : 'running',
    ]),
  );

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextReplayStatus(STATUS[from], EVENT[event])?.state ?? null).toBe(to);
  });

  it('says what it is doing at each step', () => {
    expect(nextReplayStatus(running, EVENT.progress)).toMatchObject({
      phase: 'bars',
      done: 3,
      message: 'Reading minute bars…',
    });
    expect(nextReplayStatus(running, EVENT.replaying)).toMatchObject({
      phase: 'replaying',
      message: 'Replaying…',
      failures: ['bars of MNQ on 2026-11-24'],
    });
    expect(nextReplayStatus(running, EVENT.finished)).toMatchObject({ phase: 'done', message: 'Done.' });
    expect(nextReplayStatus(running, EVENT.failed)?.message).toBe('The replay failed: offline');
  });
});
