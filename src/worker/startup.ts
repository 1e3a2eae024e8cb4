import { errorNameAndMessage } from '../core/error-message';
import { ViewSafeError } from '../messaging/view-safe-error';

/**
 * Start-up that heals. Opening IndexedDB or loading the guard can fail (a full or damaged
 * disk, a browser shutting the database down); a failure used to stick for the worker's life,
 * every handler rejecting the same way. Here it is tried again with backoff and its status is
 * shown: while it is failing, `current()` rejects at once with a ViewSafeError that says why
 * and when the next try is, so the popup can show it.
 *
 *   starting ──ok──► ready
 *      ▲  │ fails
 *      │  ▼
 *      └─ failed (attempt n; next try after 1, 2, 4, 8, 16, then every 30 s; a `current()`
 *                 call after that time, e.g. the watchdog alarm, tries at once)
 *
 * `restart(run)` starts over with new work now (the gateway changed).
 */
export interface StartupStatus {
  state: 'starting' | 'ready' | 'failed';
  /** Failed attempts since the last success. */
  attempts: number;
  error: string | null;
  retryAt: number | null;
}

export interface Startup<T> {
  current(): Promise<T>;
  restart(run: () => Promise<T>): Promise<T>;
  status(): StartupStatus;
}

export const STARTUP_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

export function createStartup<T>(deps: {
  run: () => Promise<T>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  delaysMs?: readonly number[];
  onStatus?: (status: StartupStatus) => void;
}): Startup<T> {
  const delays = deps.delaysMs ?? STARTUP_RETRY_DELAYS_MS;
  let run = deps.run;
  let status: StartupStatus = { state: 'starting', attempts: 0, error: null, retryAt: null };
  let attempt: Promise<T>;
  let timer: unknown;
  let generation = 0;

  const set = (next: StartupStatus): void => {
    status = next;
    deps.onStatus?.(next);
  };
  const failure = (): ViewSafeError => {
    const wait = Math.max(0, (status.retryAt ?? deps.now()) - deps.now());
    return new ViewSafeError(
      `The guard could not start (attempt ${status.attempts}: ${status.error}). Trying again in ${Math.ceil(wait / 1000)} s.`,
    );
  };

  const launch = (): Promise<T> => {
    const gen = ++generation;
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    set({ ...status, state: 'starting', retryAt: null });
    const p = run().then(
      (value) => {
        if (gen === generation) set({ state: 'ready', attempts: 0, error: null, retryAt: null });
        return value;
      },
      (error: unknown) => {
        if (gen !== generation) throw error;
        const attempts = status.attempts + 1;
        const delay = delays[Math.min(attempts, delays.length) - 1] ?? 30_000;
        set({ state: 'failed', attempts, error: errorText(error), retryAt: deps.now() + delay });
        timer = deps.setTimer(() => {
          timer = undefined;
          if (gen === generation) void launch().catch(() => undefined);
        }, delay);
        throw failure();
      },
    );
    p.catch(() => undefined); // the status carries the failure; callers get it from current()
    attempt = p;
    return p;
  };
  launch();

  return {
    current() {
      if (status.state !== 'failed') return attempt;
      if (status.retryAt !== null && deps.now() >= status.retryAt) return launch();
      return Promise.reject(failure());
    },
    restart(next) {
      run = next;
      return launch();
    },
    status: () => status,
  };
}

/** Name and message, short: enough to tell a full disk from a closed database, no more. */
function errorText(error: unknown): string {
  const text = errorNameAndMessage(error);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
