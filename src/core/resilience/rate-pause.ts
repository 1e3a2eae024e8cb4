/**
 * One rate bucket's 429 pause (the rate limiter owns one per bucket).
 *
 *   429 on a routine/reconciliation call ─► those lanes wait until `until`; enforcement keeps
 *                                            going on its own budget (`reserve` grants) meanwhile
 *   429 on an enforcement call (or unknown) ─► every lane waits, enforcement included
 *   any pause ─► honoured for one rate window at most
 *
 * Why capped at the window: the server counts requests over that window, so after it every
 * request we sent has left its count; a longer Retry-After (a misconfigured proxy, a date far
 * ahead) would otherwise stall the guard, enforcement included, for as long as it says.
 * Why enforcement keeps a budget: a 429 earned by routine reads (or by another client on the
 * same account) must not hold back a flatten; the enforcement reserve is what the window
 * keeps for exactly that, so spending it during a pause stays inside the server's limit.
 */
import type { Lane } from './lanes';

export interface RatePause {
  /** Start (or extend) a pause; returns the ms actually honoured. `from`: the lane that got the 429. */
  pause(now: number, ms: number, from: Lane | undefined): number;
  /** When the pause lets `lane` go (≤ now: it does). Window room is the sliding window's business. */
  readyAt(lane: Lane, now: number): number;
  /** A grant was made to `lane` at `now` (spends the enforcement budget during a pause). */
  granted(lane: Lane, now: number): void;
  /** A saved pause of a previous worker (already sanitized): every lane but enforcement's budget waits. */
  restore(until: number, now: number): void;
  /** End of the pause of the non-enforcement lanes (what is persisted). */
  until(): number;
  enforcementUntil(): number;
}

export function createRatePause(input: { windowMs: number; reserve: number }): RatePause {
  const { windowMs, reserve } = input;
  let until = 0;
  let enforcementUntil = 0;
  let budget = 0;

  const extend = (now: number, end: number): void => {
    if (end <= until) return;
    if (now >= until) budget = reserve; // a new pause: enforcement's budget starts full
    until = end;
  };

  return {
    pause(now, ms, from) {
      const honoured = Math.min(Math.max(0, Number.isFinite(ms) ? ms : windowMs), windowMs);
      const end = now + honoured;
      extend(now, end);
      if (from === undefined || from === 'enforcement') enforcementUntil = Math.max(enforcementUntil, end);
      return honoured;
    },
    readyAt(lane, now) {
      if (lane !== 'enforcement') return until;
      if (now < enforcementUntil) return enforcementUntil;
      return now < until && budget <= 0 ? until : enforcementUntil;
    },
    granted(lane, now) {
      if (lane === 'enforcement' && now < until) budget = Math.max(0, budget - 1);
    },
    restore(end, now) {
      extend(now, end);
    },
    until: () => until,
    enforcementUntil: () => enforcementUntil,
  };
}
