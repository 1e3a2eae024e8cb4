import type { Journal } from '../journal/journal';
import type { Clock, FetchLike, Timers } from '../ports';
import type { DomainEvent } from '../state/events';
import { parseTimestamp } from '../state/timestamp';
import type { DurableStore } from '../storage/durable-store';
import {
  createServerClock,
  LOCAL_JUMP_MS,
  type LocalClockNews,
  type SavedServerTime,
  type ServerClock,
} from '../time/server-clock';

const SAVED_KEY = 'server-time';
/** Asking the server: this many pings at most, each given this long. */
const MAX_PINGS = 4;
const PING_TIMEOUT_MS = 3_000;

/**
 * The guard's time, wired (the estimate itself is time/server-clock.ts): every HTTP answer's
 * `Date` header and every live fill's or order's stamp feed it; the last trusted server time is
 * saved on every tick and at stop, as the floor a restarted worker counts from; each tick asks
 * the server again (pings) when the computer's clock moved or the time is not confirmed, then
 * journals ('clock') a computer clock that moved away from the server's. Lockouts, the
 * commitment lock and the trading day are judged by `clock`; the gateway's own plumbing (rate
 * windows, timeouts, token expiry) keeps the local clock.
 */
export interface GuardTime {
  readonly clock: ServerClock;
  /** `fetch` that reads each answer's `Date` header. */
  readonly fetch: FetchLike;
  /** Live events' stamps: the server's clock had passed them. */
  observe(events: readonly DomainEvent[]): void;
  load(): Promise<void>;
  save(): Promise<void>;
  /** Asks the server if needed (pings), then journals a move of the computer's clock. Never throws. */
  verify(): Promise<void>;
  /** The estimate appeared or moved (once per burst of answers): judge lockouts and deadlines again. */
  onMoved(listener: () => void): () => void;
}

export function createGuardTime(deps: {
  local: Clock;
  monotonic: Clock;
  fetch: FetchLike;
  timers: Timers;
  store: DurableStore;
  journal: Journal;
  /** One cheap request to the server (Status/ping); it may fail (offline, no session). */
  ping: (signal: AbortSignal) => Promise<void>;
}): GuardTime {
  const clock = createServerClock({ wall: deps.local, monotonic: deps.monotonic });
  const listeners = new Set<() => void>();
  let moveArmed = false;
  const observed = (moved: boolean) => {
    if (!moved || moveArmed) return;
    moveArmed = true;
    deps.timers.setTimeout(() => {
      moveArmed = false;
      for (const l of listeners) l();
    }, 0);
  };
  let verifying: Promise<void> | null = null;

  const fetch: FetchLike = async (url, init) => {
    const sentMono = deps.monotonic.now();
    const response = await deps.fetch(url, init);
    const date = response.headers.get('date');
    const serverMs = date ? Date.parse(date) : Number.NaN;
    if (Number.isFinite(serverMs)) {
      observed(clock.observe({ kind: 'window', serverMs, sentMono, receivedMono: deps.monotonic.now() }));
    }
    return response;
  };

  async function ask(): Promise<void> {
    for (let i = 0; i < MAX_PINGS; i++) {
      const controller = new AbortController();
      const timer = deps.timers.setTimeout(() => controller.abort(), PING_TIMEOUT_MS);
      try {
        await deps.ping(controller.signal);
      } catch {
        return; // out of reach: the floor holds, checked again on the next tick
      } finally {
        deps.timers.clearTimeout(timer);
      }
      if (clock.settled()) return;
    }
  }

  async function journalMove(news: LocalClockNews): Promise<void> {
    await deps.journal
      .append({
        at: clock.now(),
        kind: 'clock',
        accountId: null,
        message: describeMove(news, clock.saved()),
        data: { changeMs: news.changeMs, skewMs: news.skewMs, source: news.source },
      })
      .catch(() => undefined);
  }

  return {
    clock,
    fetch,
    observe(events) {
      for (const e of events) {
        if (e.source !== 'hub') continue;
        const stamp =
          e.kind === 'trade'
            ? e.trade.creationTimestamp
            : e.kind === 'order'
              ? (e.order.updateTimestamp ?? e.order.creationTimestamp)
              : null;
        const serverMs = parseTimestamp(stamp);
        if (serverMs !== null) {
          observed(clock.observe({ kind: 'after', serverMs, receivedMono: deps.monotonic.now() }));
        }
      }
    },
    async load() {
      clock.restore(await deps.store.get<SavedServerTime>('meta', SAVED_KEY).catch(() => undefined));
    },
    async save() {
      const saved = clock.saved();
      if (saved) await deps.store.put('meta', SAVED_KEY, saved).catch(() => undefined);
    },
    verify() {
      verifying ??= (async () => {
        const moved = clock.moved();
        if (moved || !clock.confirmed()) await ask();
        const news = clock.check();
        if (news) await journalMove(news);
      })().finally(() => {
        verifying = null;
      });
      return verifying;
    },
    onMoved(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function describeMove(news: LocalClockNews, saved: SavedServerTime | null): string {
  const moved = `${formatDuration(news.changeMs)} ${news.changeMs > 0 ? 'ahead' : 'back'}`;
  if (news.skewMs === null) {
    const since = saved ? ` (${new Date(saved.serverMs).toISOString()})` : '';
    return `The computer's clock moved ${moved} and the server cannot be asked: the guard keeps counting from the last time it trusted${since}; no lockout ends by the computer's clock.`;
  }
  if (Math.abs(news.skewMs) < LOCAL_JUMP_MS) {
    return `The computer's clock is back in agreement with the server's time (it moved ${moved}).`;
  }
  const side = news.skewMs > 0 ? 'ahead of' : 'behind';
  const how = Math.abs(news.changeMs - news.skewMs) < LOCAL_JUMP_MS ? '' : ` (it moved ${moved})`;
  return `The computer's clock is ${formatDuration(news.skewMs)} ${side} the server's time${how}: the guard keeps the server's time, and lockouts, held-back changes and the trading day follow it.`;
}

/** The two largest units, rounded at the smaller: 86 399 600 → '24 h', 61 400 → '1 min 1 s', 4 200 → '4 s'. */
export function formatDuration(ms: number): string {
  const s = Math.abs(ms) / 1000;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) {
    const total = Math.round(s);
    return total % 60 === 0 ? `${total / 60} min` : `${Math.floor(total / 60)} min ${total % 60} s`;
  }
  const minutes = Math.round(s / 60);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
