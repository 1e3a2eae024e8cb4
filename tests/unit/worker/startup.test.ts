import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewSafeError } from '../../../src/messaging/view-safe-error';
import {
  createStartup,
  nextStartupStatus,
  STARTUP_EVENTS,
  STARTUP_STATES,
  STARTUP_TRANSITIONS,
  type StartupEvent,
  type StartupEventType,
  type StartupState,
  type StartupStatus,
} from '../../../src/worker/startup';

const T0 = Date.UTC(2026, 10, 25, 15, 0, 0);

function setup(failures: number) {
  let calls = 0;
  const statuses: StartupStatus[] = [];
  const startup = createStartup({
    run: async () => {
      calls++;
      if (calls <= failures) throw new DOMException('The database connection is closing.', 'InvalidStateError');
      return 'guard';
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onStatus: (s) => statuses.push(s),
  });
  return { startup, statuses, calls: () => calls };
}

describe('worker start-up', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('tries a failed start again after 1, 2, 4 s and is ready once one works', async () => {
    const { startup, calls } = setup(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(startup.status()).toMatchObject({ state: 'failed', attempts: 1, retryAt: T0 + 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(startup.status()).toMatchObject({ state: 'failed', attempts: 2, retryAt: T0 + 3_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(startup.status()).toMatchObject({ state: 'failed', attempts: 3, retryAt: T0 + 7_000 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(startup.status()).toEqual({ state: 'ready', attempts: 0, error: null, retryAt: null });
    expect(await startup.current()).toBe('guard');
    expect(calls()).toBe(4);
  });

  it('answers at once while failing, saying why and when it tries again, in words a view may show', async () => {
    const { startup } = setup(1);
    await vi.advanceTimersByTimeAsync(400);
    const error = await startup.current().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ViewSafeError);
    expect((error as Error).message).toBe(
      'The guard could not start (attempt 1: InvalidStateError: The database connection is closing.). Trying again in 1 s.',
    );
  });

  it('backs off to every 30 s, never giving up', async () => {
    const { startup, calls } = setup(1_000);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(startup.status().state).toBe('failed');
    // 1+2+4+8+16 s, then every 30 s: 5 + (600 − 31) / 30 ≈ 24 tries in 10 minutes, not thousands.
    expect(calls()).toBeGreaterThanOrEqual(20);
    expect(calls()).toBeLessThanOrEqual(26);
  });

  it('tries at once when asked after the wait is over (a worker whose timers died, woken by an alarm)', async () => {
    let now = T0;
    let calls = 0;
    const startup = createStartup({
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('closing');
        return 'guard';
      },
      now: () => now,
      setTimer: () => 'never fires',
      clearTimer: () => undefined,
    });
    await expect(startup.current()).rejects.toThrow('could not start');
    now += 1_000;
    expect(await startup.current()).toBe('guard');
  });

  it('starts over with new work at once (a changed gateway), dropping the old schedule', async () => {
    const { startup } = setup(1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(await startup.restart(async () => 'other guard')).toBe('other guard');
    expect(startup.status().state).toBe('ready');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(startup.status().state).toBe('ready');
  });
});

describe('worker start-up: the state machine', () => {
  const STATUS: Record<StartupState, StartupStatus> = {
    starting: { state: 'starting', attempts: 2, error: 'InvalidStateError: closing', retryAt: null },
    ready: { state: 'ready', attempts: 0, error: null, retryAt: null },
    failed: { state: 'failed', attempts: 2, error: 'InvalidStateError: closing', retryAt: T0 + 2_000 },
  };
  const EVENT: Record<StartupEventType, StartupEvent> = {
    launch: { type: 'launch' },
    succeeded: { type: 'succeeded' },
    failed: { type: 'failed', error: 'QuotaExceededError: full', retryAt: T0 + 4_000 },
  };
  /** Every state against every event: where it goes, null where the machine ignores it. */
  const TABLE: Array<[StartupState, StartupEventType, StartupState | null]> = [
    ['starting', 'launch', 'starting'],
    ['starting', 'succeeded', 'ready'],
    ['starting', 'failed', 'failed'],
    ['ready', 'launch', 'starting'],
    ['ready', 'succeeded', null],
    ['ready', 'failed', null],
    ['failed', 'launch', 'starting'],
    ['failed', 'succeeded', null],
    ['failed', 'failed', null],
  ];

  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(STARTUP_STATES.length * STARTUP_EVENTS.length);
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(STARTUP_TRANSITIONS[from][event] ?? null).toBe(to);
    expect(nextStartupStatus(STATUS[from], EVENT[event])?.state ?? null).toBe(to);
  });

  it('counts a failure as one more attempt, keeps the count while it tries again, and clears it when ready', () => {
    expect(nextStartupStatus(STATUS.starting, EVENT.failed)).toEqual({
      state: 'failed',
      attempts: 3,
      error: 'QuotaExceededError: full',
      retryAt: T0 + 4_000,
    });
    expect(nextStartupStatus(STATUS.failed, EVENT.launch)).toEqual({
      ...STATUS.failed,
      state: 'starting',
      retryAt: null,
    });
    expect(nextStartupStatus(STATUS.starting, EVENT.succeeded)).toEqual(STATUS.ready);
  });
});
