/**
 * Words for a rule's one-sentence summary ("Flatten and lock until 17:00 CT when today's loss
 * reaches $500"): what each rule's `summary` builds its sentence from.
 */

/** What a summary needs beyond the rule's own settings. */
export interface SummaryContext {
  /** When the trading day resets, in words: "17:00 CT". */
  reset: string;
}

/** "$500", "$1,125", "$562.50". */
export function usd(n: number): string {
  const whole = Number.isInteger(n);
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
}

/** "1 contract", "5 contracts", "0.5 contracts". */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`;
}

const ZONE_WORDS: Readonly<Record<string, string>> = {
  'America/Chicago': 'CT',
  'America/New_York': 'ET',
  'America/Denver': 'MT',
  'America/Los_Angeles': 'PT',
  'Europe/London': 'UK time',
  UTC: 'UTC',
};

/** "CT" for America/Chicago; the zone itself for zones without a short name here. */
export function zoneWords(timeZone: string): string {
  return ZONE_WORDS[timeZone] ?? timeZone;
}

/** "17:00 CT". */
export function timeWords(hhmm: string, timeZone: string): string {
  return `${hhmm} ${zoneWords(timeZone)}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** [1,2,3,4,5] → "Mon–Fri"; [0,2,4] → "Sun, Tue, Thu"; [] → "no day". */
export function weekdayWords(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 0 && d <= 6).sort((a, b) => a - b);
  if (sorted.length === 0) return 'no day';
  if (sorted.length === 7) return 'every day';
  const runs: string[] = [];
  let start = sorted[0] as number;
  let prev = start;
  const flush = () => {
    const a = DAY_NAMES[start] as string;
    const b = DAY_NAMES[prev] as string;
    if (prev - start >= 2) runs.push(`${a}–${b}`);
    else if (prev === start) runs.push(a);
    else runs.push(a, b);
  };
  for (const d of sorted.slice(1)) {
    if (d === prev + 1) prev = d;
    else {
      flush();
      start = d;
      prev = d;
    }
  }
  flush();
  return runs.join(', ');
}

/** ["a", "b", "c"] → "a, b or c". */
export function orList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** ["a", "b", "c"] → "a, b and c". */
export function andList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The first letter upper-case. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
