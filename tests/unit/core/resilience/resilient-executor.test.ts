import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { PLACE, READ, reasonOf, runAll, script, setup, T0 } from './executor-fixture';
import { permanent, settle, transient } from './helpers';

describe('resilient executor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries transient errors (503) on an idempotent read and succeeds on the third attempt', async () => {
    const { executor } = setup();
    const { attempt } = script(transient(), transient());
    const result = await runAll(executor.run(READ, attempt));
    expect(result).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('starts the attempt within the call when a slot is free, and after the wait when the window is full', async () => {
    const { executor } = setup({ limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } } });
    const first = script();
    const running = executor.run(PLACE, first.attempt);
    // No turn of the event loop: the enforcer's close leaves inside the decision's own task.
    expect(first.attempt).toHaveBeenCalledTimes(1);
    await runAll(running);
    const second = script();
    const waiting = settle(executor.run(PLACE, second.attempt));
    expect(second.attempt).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.startedAt).toEqual([1_000]);
    expect(waiting.result()).toEqual({ status: 'fulfilled', value: 'ok' });
  });

  it('does not retry a permanent error (400): one attempt, the same error', async () => {
    const { executor } = setup();
    const error = permanent();
    const { attempt } = script(error);
    const result = await runAll(executor.run(READ, attempt));
    expect(reasonOf(result)).toBe(error);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('does not retry an auth error (401): the REST client refreshes the token and replays', async () => {
    const { executor } = setup();
    const { attempt } = script(new GatewayError('auth', 'HTTP 401', { httpStatus: 401 }));
    expect(reasonOf(await runAll(executor.run(READ, attempt))).kind).toBe('auth');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('stops after 5 attempts and throws the last error with its kind kept', async () => {
    const { executor } = setup();
    const errors = [1, 2, 3, 4, 5].map(() => transient());
    const { attempt } = script(...errors);
    const error = reasonOf(await runAll(executor.run(READ, attempt)));
    expect(attempt).toHaveBeenCalledTimes(5);
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('gave up after 5 attempts');
    expect(error.cause).toBe(errors[4]);
  });

  it('waits 1 s, 2 s, 4 s, 8 s between the attempts', async () => {
    const { executor } = setup();
    const { attempt, startedAt } = script(transient(), transient(), transient(), transient(), transient());
    await runAll(executor.run(READ, attempt));
    expect(startedAt).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
  });

  it('keeps jittered waits within 20 % above the nominal backoff', async () => {
    const { executor } = setup({ retry: { jitter: 0.2, random: () => 0.5 } });
    const { attempt, startedAt } = script(transient(), transient(), transient());
    await runAll(executor.run(READ, attempt));
    expect(startedAt).toEqual([0, 1_100, 1_100 + 2_200, 1_100 + 2_200 + 4_400]);
  });

  it('never retries a mutation, even after a transient error', async () => {
    const { executor } = setup();
    const { attempt } = script(transient('/api/Order/place'));
    expect(reasonOf(await runAll(executor.run(PLACE, attempt))).kind).toBe('transient');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('passes an outcome-unknown error straight through without retrying', async () => {
    const { executor } = setup();
    const unknown = new GatewayError('outcome-unknown', 'close position timed out');
    const { attempt } = script(unknown);
    expect(reasonOf(await runAll(executor.run({ ...PLACE, idempotent: true }, attempt)))).toBe(unknown);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('aborts the running attempt when the caller aborts (signal chained)', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const s = settle(
      executor.run({ ...READ, signal: controller.signal }, (signal) => {
        seen = signal;
        return new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(new GatewayError('aborted', 'fetch aborted')));
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(true);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).message).toBe('fetch aborted');
  });

  it('passes the error of an aborted mutation through unchanged (the REST client decides it is outcome-unknown)', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    const unknown = new GatewayError('outcome-unknown', 'place aborted in flight');
    const s = settle(
      executor.run({ ...PLACE, signal: controller.signal }, (signal) => {
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(unknown)));
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>)).toBe(unknown);
  });

  it('stops waiting in the backoff when the caller aborts: no further attempt', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    const { attempt } = script(transient(), transient());
    const s = settle(executor.run({ ...READ, signal: controller.signal }, attempt));
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    await vi.runAllTimersAsync();
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).kind).toBe('aborted');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('rejects with aborted while queued in the rate limiter, and never runs the call', async () => {
    const { executor } = setup({ limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 60_000 } } } });
    await runAll(executor.run(READ, script().attempt));
    const controller = new AbortController();
    const { attempt } = script();
    const s = settle(executor.run({ ...READ, signal: controller.signal }, attempt));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).kind).toBe('aborted');
    expect(attempt).not.toHaveBeenCalled();
  });

  it('rejects at once when the caller signal is already aborted', async () => {
    const { executor, limiter } = setup();
    const controller = new AbortController();
    controller.abort();
    const { attempt } = script();
    expect(reasonOf(await runAll(executor.run({ ...READ, signal: controller.signal }, attempt))).kind).toBe('aborted');
    expect(attempt).not.toHaveBeenCalled();
    expect(limiter.stats().general.granted).toBe(0);
  });

  it('does not retry an unexpected non-gateway error (a bug is not a network blip)', async () => {
    const { executor } = setup();
    const bug = new TypeError('cannot read properties of undefined');
    const { attempt } = script(bug);
    expect(reasonOf(await runAll(executor.run(READ, attempt)))).toBe(bug);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('counts calls, attempts, retries and outcomes', async () => {
    const { executor } = setup();
    await runAll(executor.run(READ, script(transient()).attempt));
    await runAll(executor.run(READ, script(permanent()).attempt));
    expect(executor.stats()).toEqual({
      calls: 2,
      attempts: 3,
      retries: 1,
      failedFast: 0,
      succeeded: 1,
      failed: 1,
      queueWaitMs: 0,
      maxQueueWaitMs: 0,
    });
  });

  it('gives a fresh AbortSignal to each attempt', async () => {
    const { executor } = setup();
    const { attempt, signals } = script(transient());
    await runAll(executor.run(READ, attempt));
    expect(signals).toHaveLength(2);
    expect(signals[0]).not.toBe(signals[1]);
  });
});
