import type { Slot } from './account-slot';
import {
  describeDesired,
  type Exposure,
  emptyDesired,
  isEmptyDesired,
  mergeDesired,
  pinToExposure,
} from './desired-state';

/**
 * The enforcer's side of the trading-day reset. An enforcement still unfinished when the day
 * rolls over (typically a flatten the gateway refused as "outside trading hours" during the
 * 16:00–17:00 CT break) was decided for yesterday's positions. From the reset on it:
 *   - closes only what was open at the reset (desired-state.ts `pinToExposure`), never a
 *     position the trader opens in the new day with no lockout in force;
 *   - starts again at once (the market has just reopened) instead of waiting out the
 *     failure backoff, which can reach 5 minutes.
 * A slot is rolled once: its `since` moves to the reset, so later ticks leave it alone.
 */
export interface RolledOver {
  before: string;
  after: string;
}

export function rollOverSlot(s: Slot, dayStart: number, exposure: Exposure): RolledOver | null {
  if (s.since >= dayStart) return null;
  const unfinished = mergeDesired(s.current ?? emptyDesired(), s.pending ?? emptyDesired());
  if (isEmptyDesired(unfinished)) return null;
  const pinned = pinToExposure(unfinished, exposure);
  s.since = dayStart;
  // Handed to the loop as newly arrived work: a running loop folds it into its next round.
  s.current = null;
  s.pending = pinned;
  return { before: describeDesired(unfinished), after: describeDesired(pinned) };
}
