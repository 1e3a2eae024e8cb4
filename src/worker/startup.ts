import { errorNameAndMessage } from '../core/error-message';
import { ViewSafeError } from '../messaging/view-safe-error';

/**
 * Start-up that heals. Opening IndexedDB or loading the guard can fail (a full or damaged
 * disk, a browser shutting the database down); a failure used to stick for the worker's life,
 * every handler rejecting the same way. Here it is tried again with backoff and its status is
 * shown: while it is failing, `current()` rejects at once with a ViewSafeError that says why
 * and when the next try is, so the popup can show it.
 *
 *   starting ──succeeded──► ready
 *      ▲  │ failed               │ launch (`restart(run)`: the gateway changed)
 *      │  ▼                      ▼
 *      │ failed               starting
 *      └──launch (attempt n; next try after 1, 2, 4, 8, 16, then every 30 s; a `current()`
 *                 call after that time, e.g. the watchdog alarm, tries at once)
 *
 * `restart(run)` starts over with new work now (the gateway changed). Every change of status
 * goes through `dispatch`, along `STARTUP_TRANSITIONS`; an outcome of an attempt that was
 * superseded never reaches it.
 */
export type StartupState = 'starting' | 'ready' | 'failed';

export const STARTUP_STATES: readonly StartupState[] = ['starting', 'ready', 'failed'];

export type StartupEvent =
  /** A try begins: the first, the retry timer, `current()` after the backoff, `restart`. */
  { type: 'launch' } | { type: 'succeeded' } | { type: 'failed'; error: string; retryAt: number };

export type StartupEventType = StartupEvent['type'];

export const STARTUP_EVENTS: readonly StartupEventType[] = ['launch', 'succeeded', 'failed'];

/** The whole machine: anything not listed is ignored. */
export const STARTUP_TRANSITIONS: Readonly<Record<StartupState, Partial<Record<StartupEventType, StartupState>>>> = {
  starting: { launch: 'starting', succeeded: 'ready', failed: 'failed' },
  ready: { launch: 'starting' },
  failed: { launch: 'starting' },
};

/** The status `event` leads to, or null when the table does not allow it. A failure counts one more attempt. */
export function nextStartupStatus(status: StartupStatus, event: StartupEvent): StartupStatus | null {
  if (STARTUP_TRANSITIONS[status.state][event.type] === undefined) return null;
  switch (event.type) {
    case 'launch':
      return { ...status, state: 'starting', retryAt: null };
    case 'succeeded':
      return { state: 'ready', attempts: 0, error: null, retryAt: null };
    case 'failed':
      return { state: 'failed', attempts: status.attempts + 1, error: event.error, retryAt: event.retryAt };
  }
}

export interface StartupStatus {
  state: StartupState;
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

  const dispatch = (event: StartupEvent): void => {
    const next = nextStartupStatus(status, event);
    if (next === null) return;
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
    dispatch({ type: 'launch' });
    const p = run().then(
      (value) => {
        if (gen === generation) dispatch({ type: 'succeeded' });
        return value;
      },
      (error: unknown) => {
        if (gen !== generation) throw error;
        const attempts = status.attempts + 1;
        const delay = delays[Math.min(attempts, delays.length) - 1] ?? 30_000;
        dispatch({ type: 'failed', error: errorText(error), retryAt: deps.now() + delay });
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
