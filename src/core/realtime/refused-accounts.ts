import type { GatewayReads } from '../gateway/api';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import { Lane } from '../resilience/lanes';
import type { SubscriptionSpec } from './subscription-registry';

/**
 * Accounts whose events the user hub refused (refused-subscriptions.ts keeps the connection
 * and asks again). Which of two cases it is, REST says:
 *   - the account is among the user's active accounts: it is still the trader's, so it stays
 *     wanted. The hub is asked again after its backoff, and REST polls it meanwhile
 *     (`blind()` turns the poller on), because an unheard account is an unguarded one.
 *   - it is not (an account of another gateway or user the state still remembers, or one
 *     closed since): nothing can trade it through this login, so its subscriptions are given
 *     up and the journal says why. Without this, every reconnect asked for it again.
 * A REST failure decides nothing: the next refusal (after the backoff) checks again.
 */
export interface RefusedAccounts {
  refused(spec: SubscriptionSpec, reason: string): void;
  accepted(spec: SubscriptionSpec): void;
  /** True while an account the trader still has is refused: poll REST. */
  blind(): boolean;
  clear(): void;
}

export function createRefusedAccounts(deps: {
  api: Pick<GatewayReads, 'searchAccounts'>;
  clock: Clock;
  journal?: Journal;
  /** Drop the account's hub subscriptions (it is not this user's). */
  giveUp: (accountId: number) => void;
  /** `blind()` may have changed. */
  changed: () => void;
}): RefusedAccounts {
  /** Refused subscriptions by account: an account is refused while any of its own is. */
  const refusedSpecs = new Map<number, Set<string>>();
  const checking = new Set<number>();
  let epoch = 0;

  const accountOf = (spec: SubscriptionSpec): number | null => {
    const id = spec.args[0];
    return spec.args.length === 1 && typeof id === 'number' ? id : null;
  };

  async function check(id: number, reason: string): Promise<void> {
    if (checking.has(id)) return;
    checking.add(id);
    const started = epoch;
    try {
      const active = await deps.api.searchAccounts({ onlyActiveAccounts: true }, { lane: Lane.Reconciliation });
      if (started !== epoch || !refusedSpecs.has(id) || active.some((a) => a.id === id)) return;
      refusedSpecs.delete(id);
      deps.giveUp(id);
      deps.changed();
      void deps.journal
        ?.append({
          at: deps.clock.now(),
          kind: 'connection',
          accountId: id,
          message: `Account ${id} is not among this login's active accounts and the hub refused its events: no longer watched`,
          data: { reason },
        })
        .catch(() => undefined);
    } catch {
      // REST unreachable: nothing is decided; the hub's next refusal checks again.
    } finally {
      checking.delete(id);
    }
  }

  return {
    refused(spec, reason) {
      const id = accountOf(spec);
      if (id === null) return;
      const specs = refusedSpecs.get(id) ?? new Set<string>();
      const wasBlind = refusedSpecs.size > 0;
      specs.add(spec.method);
      refusedSpecs.set(id, specs);
      if (!wasBlind) deps.changed();
      void check(id, reason);
    },
    accepted(spec) {
      const id = accountOf(spec);
      const specs = id === null ? undefined : refusedSpecs.get(id);
      if (id === null || !specs) return;
      specs.delete(spec.method);
      if (specs.size > 0) return;
      refusedSpecs.delete(id);
      deps.changed();
    },
    blind: () => refusedSpecs.size > 0,
    clear() {
      epoch += 1;
      refusedSpecs.clear();
      deps.changed();
    },
  };
}
