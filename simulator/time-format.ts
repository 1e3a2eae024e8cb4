/**
 * Timestamps as the gateway writes them: ISO-8601 with an explicit offset and 7 fractional
 * digits (`2026-11-25T15:04:05.1234567+00:00`). The last four digits come from a counter so
 * two events in the same millisecond still sort in the order they happened.
 */
export interface TimeFormatter {
  iso(ms: number): string;
}

export function createTimeFormatter(): TimeFormatter {
  let sub = 0;
  return {
    iso(ms: number): string {
      sub = (sub + 1) % 10000;
      const base = new Date(ms).toISOString(); // 2026-11-25T15:04:05.123Z
      return `${base.slice(0, 23)}${String(sub).padStart(4, '0')}+00:00`;
    },
  };
}

/** Round a price to the contract's tick and strip float noise (0.1 + 0.2 must not leak out). */
export function roundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tickSize)) + 1);
  return Number((ticks * tickSize).toFixed(decimals));
}

export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
