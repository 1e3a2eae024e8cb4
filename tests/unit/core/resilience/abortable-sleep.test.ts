import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, waitOrAbort } from '../../../../src/core/resilience/abortable-sleep';
import { fakeTimers } from './helpers';

describe('abortable waits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const state = (p: Promise<void>) => {
    const seen = { done: false, error: undefined as unknown };
    p.then(
      () => {
        seen.done = true;
      },
      (error: unknown) => {
        seen.error = error;
      },
    );
    return seen;
  };

  it('abortableSleep waits its time, and rejects as aborted the moment the signal aborts', async () => {
    const seen = state(abortableSleep(fakeTimers, 1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(seen.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.done).toBe(true);

    const abort = new AbortController();
    const cut = state(abortableSleep(fakeTimers, 1000, abort.signal));
    abort.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(cut.error).toMatchObject({ kind: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waitOrAbort waits its time, ends early without an error when the signal aborts, and at once for no time', async () => {
    const seen = state(waitOrAbort(fakeTimers, 1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(seen.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.done).toBe(true);

    const abort = new AbortController();
    const cut = state(waitOrAbort(fakeTimers, 1000, abort.signal));
    abort.abort();
    await Promise.resolve();
    expect(cut).toEqual({ done: true, error: undefined });
    expect(vi.getTimerCount()).toBe(0);

    const none = state(waitOrAbort(fakeTimers, 0));
    await Promise.resolve();
    expect(none.done).toBe(true);
    const aborted = state(waitOrAbort(fakeTimers, 1000, abort.signal));
    await Promise.resolve();
    expect(aborted.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
