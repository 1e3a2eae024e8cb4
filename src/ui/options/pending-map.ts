import type { PendingConfig } from '../../messaging/snapshot';
import { formatChicagoTime } from '../format';

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Pending (commitment-locked) changes → per-field notes: "Pending until 17:00 CT: 500 → 900". */
export function pendingNotes(pending: PendingConfig | null, now: number): Map<string, string> {
  const out = new Map<string, string>();
  if (pending === null) return out;
  const when = formatChicagoTime(pending.effectiveAt, now);
  for (const c of pending.changes) out.set(c.path, `Pending until ${when}: ${show(c.from)} \u2192 ${show(c.to)}`);
  return out;
}
