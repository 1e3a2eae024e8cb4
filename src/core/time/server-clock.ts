import type { Clock } from '../ports';

/**
 * The guard's time: the gateway's (server's) clock as the guard can prove it, so that setting
 * the computer's clock ahead never ends a lockout, brings a held-back loosening into force or
 * rolls the trading day, and setting it back has nothing to restore.
 *
 * Evidence, all kept against a MONOTONIC clock (performance.now() in the worker), which nobody
 * can set; the wall clock is only ever compared with it:
 *   'window' an HTTP `Date` header: the server read its clock, to the second, between the
 *            request leaving and the answer arriving. Server − monotonic lies in
 *            [date − received, date + 1 s − sent].
 *   'after'  a live event's stamp (a fill's creationTimestamp): the server's clock had passed
 *            it when it arrived, within 2 s. Used only when it proves the estimate 30 s behind,
 *            or, before any estimate, when it is no older than the floor (not a replay).
 *
 * Estimate, robust to one bad sample: of the last 5 samples, those whose interval comes within
 * 1.5 s of the median midpoint agree; at least 2 agreeing and a strict majority CONFIRM, and
 * the estimate is the intersection of their intervals. One sample, or two that disagree,
 * confirm nothing: the last confirmed estimate holds. A real step of the server's clock (or a
 * monotonic clock that stood still while the computer slept) is followed after 3 samples.
 *
 *   local ──restore(saved)──▶ saved ──confirmed──▶ server
 *     └───────────────confirmed────────────────────▲      (once confirmed, never back)
 *
 * now():
 *   server  the wall clock held inside the confirmed interval: the wall clock's precision when
 *           it agrees with the server, the interval's edge when it does not (a clock set a day
 *           ahead reads at most the interval's width, about a second, ahead).
 *   saved   the last trusted server time the previous worker saved, plus monotonic time since
 *           this one restored it. No monotonic reference survives a worker restart, so the
 *           time the browser was closed is not counted until the server says so: the clock
 *           may run SLOW (a lockout ends, a loosening applies, the day rolls a little late),
 *           never fast, whatever the computer's clock says.
 *   local   first run, nothing saved, no server yet: the wall clock when this worker started,
 *           plus monotonic time since (a jump after start is not obeyed).
 * latest(): the latest it could be, for computing an END from a slow clock (a lockout until the
 *           next reset, the reset a loosening waits for) so that it is never too early: now()
 *           once confirmed, else the later of now() and the wall clock as skewed when saved.
 * check():  the local clock moved 5 s or more against the guard's time (set by hand, or the
 *           computer slept: the guard pings the server first, so the samples tell which);
 *           the caller journals it and the views show the skew. Never obeyed for unlocking.
 */

export interface ServerTimeSample {
  kind: 'window' | 'after';
  /** Epoch ms: the `Date` header's second, or the event's stamp. */
  serverMs: number;
  /** Monotonic ms when the request left ('window' only). */
  sentMono?: number;
  /** Monotonic ms when the answer or event arrived. */
  receivedMono: number;
}

/** What survives a worker restart: the last trusted server time and the wall clock beside it. */
export interface SavedServerTime {
  serverMs: number;
  wallMs: number;
}

export type ServerClockSource = 'server' | 'saved' | 'local';

export interface ServerClockStatus {
  source: ServerClockSource;
  /** Wall clock − guard time once confirmed (positive: the computer's clock is ahead), else null. */
  skewMs: number | null;
  /** Half the width of the confirmed interval, else null. */
  uncertaintyMs: number | null;
}

/** The local clock moved against the guard's time: `changeMs` since the last report; `skewMs` is now (null: unconfirmed). */
export interface LocalClockNews {
  changeMs: number;
  skewMs: number | null;
  source: ServerClockSource;
}

export interface ServerClock extends Clock {
  /** The guard's time, epoch ms. */
  now(): number;
  /** The latest the time could be (for computing ends); equals now() once confirmed. */
  latest(): number;
  /** Adds a sample; true when the confirmed estimate appeared or moved by a second or more. */
  observe(sample: ServerTimeSample): boolean;
  /** Takes the saved time as the floor (before any server sample: restores after one are ignored). */
  restore(saved: SavedServerTime | null | undefined): void;
  /** What to save; null while only the local clock is known. */
  saved(): SavedServerTime | null;
  confirmed(): boolean;
  /** Whether the newest sample agrees with the confirmed estimate (a time check can stop). */
  settled(): boolean;
  /** Whether the wall clock moved 2 s or more against the monotonic one since the last call. */
  moved(): boolean;
  /** The local clock's move against the guard's time since the last report, once, or null. */
  check(): LocalClockNews | null;
  status(): ServerClockStatus;
}

const WINDOW = 5;
const AGREE_MS = 1_500;
const DATE_RESOLUTION_MS = 1_000;
/** Monotonic and server clocks drift apart by at most this (100 ppm), widening old samples. */
const DRIFT = 1e-4;
/** A live event reaches the guard within this of its stamp. */
const AFTER_WIDTH_MS = 2_000;
/** An 'after' sample counts once the estimate is confirmed only if it proves it this far behind. */
const AFTER_JUMP_MS = 30_000;
const MOVED_MS = 2_000;
/** A change of skew this large is reported. */
export const LOCAL_JUMP_MS = 5_000;

interface Interval {
  lo: number;
  hi: number;
}
interface Sample extends Interval {
  at: number;
}

export function createServerClock(deps: { wall: Clock; monotonic: Clock }): ServerClock {
  const wall = () => deps.wall.now();
  const mono = () => deps.monotonic.now();
  const samples: Sample[] = [];
  /** Confirmed server − monotonic, or null; as of the monotonic time `estimateAt`. */
  let estimate: Interval | null = null;
  let estimateAt = 0;
  let source: ServerClockSource = 'local';
  let floor = wall();
  let floorMono = mono();
  /** Server − wall as last saved (for latest()). */
  let savedSkew = 0;
  let lastWallMinusMono = wall() - mono();
  let reportedSkew: number | null = null;
  let reportedDrift = lastWallMinusMono;

  const floorNow = () => floor + (mono() - floorMono);
  const mid = (i: Interval) => (i.lo + i.hi) / 2;

  function confirm(): Interval | null {
    const t = mono();
    const widened = samples.map((s) => {
      const d = (t - s.at) * DRIFT;
      return { lo: s.lo - d, hi: s.hi + d };
    });
    const mids = widened.map(mid).sort((a, b) => a - b);
    const median = mids[Math.floor((mids.length - 1) / 2)] as number;
    const agreeing = widened.filter((s) => s.lo <= median + AGREE_MS && s.hi >= median - AGREE_MS);
    if (agreeing.length < 2 || agreeing.length * 2 <= widened.length) return null;
    const lo = Math.max(...agreeing.map((s) => s.lo));
    const hi = Math.min(...agreeing.map((s) => s.hi));
    if (lo <= hi) return { lo, hi };
    // Agreeing but not quite consistent (a server clock slewed a little): span their midpoints.
    const ms = agreeing.map(mid);
    return { lo: Math.min(...ms), hi: Math.max(...ms) };
  }

  const clock: ServerClock = {
    now() {
      if (!estimate) return floorNow();
      const t = mono();
      // Widened by the drift since: hours without an answer let an NTP-kept wall clock lead.
      const d = (t - estimateAt) * DRIFT;
      return Math.min(Math.max(wall(), t + estimate.lo - d), t + estimate.hi + d);
    },
    latest() {
      const now = clock.now();
      return estimate ? now : Math.max(now, wall() + savedSkew);
    },
    observe(sample) {
      if (!Number.isFinite(sample.serverMs) || !Number.isFinite(sample.receivedMono)) return false;
      let interval: Interval;
      if (sample.kind === 'window') {
        const sent = Math.min(sample.sentMono ?? sample.receivedMono, sample.receivedMono);
        interval = { lo: sample.serverMs - sample.receivedMono, hi: sample.serverMs + DATE_RESOLUTION_MS - sent };
      } else {
        const lo = sample.serverMs - sample.receivedMono;
        // Confirmed: only a stamp that proves the estimate far behind. Not yet: a stamp about as
        // late as the floor or later (a live event), never an old one replayed.
        const known = estimate ? estimate.hi + AFTER_JUMP_MS : floor - floorMono - AFTER_WIDTH_MS;
        if (lo <= known) return false;
        interval = { lo, hi: lo + AFTER_WIDTH_MS };
      }
      samples.push({ ...interval, at: sample.receivedMono });
      if (samples.length > WINDOW) samples.shift();
      const next = confirm();
      if (!next) return false;
      const before = estimate;
      estimate = next;
      estimateAt = mono();
      source = 'server';
      return before === null || Math.abs(mid(next) - mid(before)) >= DATE_RESOLUTION_MS;
    },
    restore(saved) {
      if (estimate || !saved || !Number.isFinite(saved.serverMs) || !Number.isFinite(saved.wallMs)) return;
      floor = saved.serverMs;
      floorMono = mono();
      savedSkew = saved.serverMs - saved.wallMs;
      source = 'saved';
    },
    saved() {
      if (source === 'local') return null;
      // The earliest the server's time can be: a floor that is never ahead of the truth.
      const serverMs = estimate ? mono() + estimate.lo : floorNow();
      return { serverMs, wallMs: wall() };
    },
    confirmed: () => estimate !== null,
    settled() {
      const last = samples.at(-1);
      return estimate !== null && last !== undefined && last.lo <= estimate.hi && last.hi >= estimate.lo;
    },
    moved() {
      const d = wall() - mono();
      const moved = Math.abs(d - lastWallMinusMono) >= MOVED_MS;
      lastWallMinusMono = d;
      return moved;
    },
    check() {
      const drift = wall() - mono();
      if (!estimate) {
        // No server time: only the wall clock against the monotonic one can be watched.
        const change = drift - reportedDrift;
        reportedDrift = drift;
        return Math.abs(change) >= LOCAL_JUMP_MS ? { changeMs: change, skewMs: null, source } : null;
      }
      reportedDrift = drift;
      const skew = wall() - clock.now();
      const change = skew - (reportedSkew ?? 0);
      if (reportedSkew !== null && Math.abs(change) < LOCAL_JUMP_MS) return null;
      const first = reportedSkew === null;
      reportedSkew = skew;
      // The first comparison is news only when the computer's clock is already off.
      if (first && Math.abs(skew) < LOCAL_JUMP_MS) return null;
      return { changeMs: change, skewMs: skew, source };
    },
    status() {
      if (!estimate) return { source, skewMs: null, uncertaintyMs: null };
      return { source, skewMs: wall() - clock.now(), uncertaintyMs: (estimate.hi - estimate.lo) / 2 };
    },
  };
  return clock;
}
