import { addDays, zonedParts, zonedToEpoch } from '../rules/wall-clock/zoned-time';

/**
 * The sessions a trader can lock themselves out until the end of, in exchange time (America/
 * Chicago), back to back over one trading day (the README lists them):
 *
 *   Asia      17:00 → 02:00  (the reopen to London's open)
 *   London    02:00 → 08:30  (to New York's open)
 *   New York  08:30 → 15:00  (the US cash session, 09:30–16:00 New York time)
 *
 * Sessions run on trading days only: their ends fall Monday to Friday.
 */

export const SESSION_ZONE = 'America/Chicago';

export const SESSIONS = {
  asia: { name: 'Asia', start: '17:00', end: '02:00' },
  london: { name: 'London', start: '02:00', end: '08:30' },
  'new-york': { name: 'New York', start: '08:30', end: '15:00' },
} as const;

export type SessionId = keyof typeof SESSIONS;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The first end of `session` strictly after `now` (the one running now, else the next). */
export function sessionEndAfter(session: SessionId, now: number): number {
  const end = minutesOf(SESSIONS[session].end);
  const today = zonedParts(now, SESSION_ZONE).date;
  for (let d = 0; d <= 7; d++) {
    const day = addDays(today, d);
    if (day.weekday === 0 || day.weekday === 6) continue;
    const at = zonedToEpoch(day.date, end, SESSION_ZONE);
    if (at > now) return at;
  }
  // Unreachable: a weekday end lies within any 8 days.
  throw new Error(`no end of the ${session} session found`);
}
