/**
 * Words and numbers for the trader. Times are shown in Chicago time (the exchange's and the
 * trading day's clock), marked "CT", so "pending until 17:00 CT" reads the same everywhere.
 */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

/** Signed money: "+$120.00", "−$35.50" (true minus sign), "$0.00". */
export function formatMoney(value: number): string {
  if (value === 0 || Object.is(value, -0)) return usd.format(0);
  const text = usd.format(Math.abs(value));
  return value > 0 ? `+${text}` : `\u2212${text}`;
}

/** An unsigned amount such as a limit: "$500.00". */
export function formatAmount(value: number): string {
  return usd.format(value);
}

export function formatQuantity(value: number, unit: string): string {
  const n = Number.isInteger(value) ? String(value) : value.toFixed(1);
  switch (unit) {
    case 'USD':
      return formatAmount(value);
    case 'contracts':
      return `${n} ${value === 1 ? 'contract' : 'contracts'}`;
    case 'orders':
      return `${n} ${value === 1 ? 'order' : 'orders'}`;
    case 'count':
    case '':
      return n;
    default:
      return `${n} ${unit}`;
  }
}

/** "1:02:03", "0:00:09", "2d 03:00" for far ends. Never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const pad = (x: number) => String(x).padStart(2, '0');
  if (h >= 48) return `${Math.floor(h / 24)}d ${pad(h % 24)}:${pad(m)}`;
  return `${h}:${pad(m)}:${pad(s)}`;
}

const ctTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Chicago',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const ctDay = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', weekday: 'short' });
const ctDateTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Chicago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "17:00 CT", or "Mon 17:00 CT" when more than a day away from `now`. */
export function formatChicagoTime(at: number, now: number): string {
  const time = `${ctTime.format(at)} CT`;
  return Math.abs(at - now) >= 24 * 3_600_000 ? `${ctDay.format(at)} ${time}` : time;
}

/** "11/25/2026, 09:00:00 CT" for the journal. */
export function formatChicagoDateTime(at: number): string {
  return `${ctDateTime.format(at)} CT`;
}

/** "for 3 min", "for 12 s", "for 2 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
