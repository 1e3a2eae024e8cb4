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
