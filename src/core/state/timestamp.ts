/**
 * Gateway timestamps are ISO-8601 with an offset and up to 7 fractional digits
 * (`2026-11-25T15:00:00.1234567+00:00`). `Date.parse` only promises millisecond precision,
 * so the fraction is cut to 3 digits first. Unparseable input gives null, never NaN.
 */
const FRACTION = /(\.\d{3})\d+/;

export function parseTimestamp(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(FRACTION.test(iso) ? iso.replace(FRACTION, '$1') : iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * How far ahead of the local receive time a server timestamp is believed. Clocks differ by
 * seconds; a timestamp hours or years ahead is garbage, and believing it would move the
 * trading day forward and make every real trade look like "yesterday" (a blind guard).
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A server timestamp, capped at `receivedAt + MAX_CLOCK_SKEW_MS`; null when unparseable. */
export function serverTime(iso: string | null | undefined, receivedAt: number): number | null {
  const ms = parseTimestamp(iso);
  return ms === null ? null : Math.min(ms, receivedAt + MAX_CLOCK_SKEW_MS);
}
