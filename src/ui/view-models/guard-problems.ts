import type { GuardSnapshot } from '../../messaging/snapshot';
import { formatChicagoTime } from '../format';
import type { Tone } from '../theme';

/**
 * The guard's hold on the TopstepX page, on the gateway's payloads and on its own storage, as
 * lines of guard health: what the trader must know even when the hubs are connected. Empty
 * when all is well.
 */
export interface GuardProblemVM {
  id: 'storage' | 'network-block' | 'order-entry' | 'payloads';
  tone: Tone;
  text: string;
}

export function guardProblems(snapshot: GuardSnapshot, now: number): GuardProblemVM[] {
  const out: GuardProblemVM[] = [];
  const storage = snapshot.storage;
  if (storage?.state === 'failing') {
    // A full disk never stops enforcement (it acts from memory); what it costs is memory.
    const since = storage.since === null ? '' : ` since ${formatChicagoTime(storage.since, now)}`;
    out.push({
      id: 'storage',
      tone: 'danger',
      text:
        `${storage.quota ? 'Storage full' : 'Storage failing'}${since}: the guard still enforces your limits, but cannot ` +
        `save — a lockout or the journal may be lost if the browser restarts. ${storage.quota ? 'Free disk space' : 'Check the browser profile'} ` +
        `(${storage.failedWrites} write(s) refused: ${storage.lastError ?? 'unknown error'}).`,
    });
  }
  const failure = snapshot.page?.networkBlock.failure;
  if (failure) {
    out.push({
      id: 'network-block',
      tone: 'danger',
      text: `Network block not in force as configured since ${formatChicagoTime(failure.since, now)}: ${failure.message}. The page layer and the enforcer still act; retrying.`,
    });
  }
  if (snapshot.page?.orderEntry === 'missing') {
    const since = snapshot.page.since === null ? '' : ` since ${formatChicagoTime(snapshot.page.since, now)}`;
    out.push({
      id: 'order-entry',
      tone: 'warn',
      text: `TopstepX page: order entry not recognised${since}; the layer cannot cover it, the network block still holds. Check the page selectors in Options (advanced).`,
    });
  }
  const rejected = snapshot.payloads?.rejected ?? 0;
  if (rejected > 0) {
    const kinds = Object.entries(snapshot.payloads?.byKind ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    out.push({
      id: 'payloads',
      tone: 'warn',
      text: `${rejected} gateway payload(s) (hub events, REST answers) failed validation and were not applied (${kinds}); see the journal.`,
    });
  }
  return out;
}
