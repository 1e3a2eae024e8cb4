import type { GuardSnapshot } from '../../messaging/snapshot';
import { formatChicagoTime } from '../format';
import type { Tone } from '../theme';

/**
 * The guard's hold on the TopstepX page and on the gateway's payloads, as lines of guard
 * health: what the trader must know even when the hubs are connected. Empty when all is well.
 */
export interface GuardProblemVM {
  id: 'network-block' | 'order-entry' | 'payloads';
  tone: Tone;
  text: string;
}

export function guardProblems(snapshot: GuardSnapshot, now: number): GuardProblemVM[] {
  const out: GuardProblemVM[] = [];
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
