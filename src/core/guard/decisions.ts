import type { Enforcer } from '../enforce/enforcer';
import type { Sighting } from '../enforce/fast-path';
import { isWorking } from '../enforce/plan';
import { appendBestEffort, type Journal } from '../journal/journal';
import type { Clock } from '../ports';
import type { Decision, EnforcementDecision } from '../rules/decision';
import type { RuleFailure } from '../rules/engine/engine';
import type { GuardState } from '../state/account-state';
import type { DomainEvent } from '../state/events';

/** A short, secret-free description of the event that triggered a decision, for the journal. */
export function describeTrigger(event: DomainEvent): string {
  switch (event.kind) {
    case 'trade':
      return `trade ${event.trade.id} (${event.trade.contractId}, P&L ${event.trade.profitAndLoss ?? 'half-turn'})`;
    case 'position':
      return `position ${event.position.contractId} size ${event.position.size}`;
    case 'order':
      return `order ${event.order.id} status ${event.order.status}`;
    case 'quote':
      return `quote ${event.contractId}`;
    case 'account':
      return `account ${event.account.id} canTrade ${event.account.canTrade}`;
    default:
      return `${event.kind} (${event.source})`;
  }
}

/** The account as the guard saw it right after `event`: open positions and working orders. */
export function sightingFrom(
  state: GuardState | undefined,
  event: DomainEvent,
  accountId: number,
): Sighting | undefined {
  const account = state?.accounts[String(accountId)];
  if (!account) return undefined;
  return {
    positions: Object.values(account.positions).filter((p) => p.size !== 0),
    orders: Object.values(account.orders).filter(isWorking),
    source: event.source,
    receivedAt: event.receivedAt,
    ...(event.kind === 'position' && event.source === 'hub' && event.position.accountId === accountId
      ? { positionEventFor: event.position.contractId }
      : {}),
    ...(event.kind === 'trade' && event.trade.accountId === accountId
      ? { fill: { contractId: event.trade.contractId, side: event.trade.side, size: event.trade.size } }
      : {}),
  };
}

/**
 * Warnings go to the journal (and from there to the views and notifications); enforcements
 * go to the enforcer with what the event showed, so it can act at once on what cannot
 * overshoot; it writes their lockout alongside, merges concurrent ones per account and drives
 * the account to the desired state.
 */
export function handleDecisions(input: {
  decisions: readonly Decision[];
  event: DomainEvent;
  /** The state right after the event: what the enforcer may act on at once (fast-path.ts). */
  state?: GuardState;
  enforcer: Pick<Enforcer, 'submit'>;
  journal: Journal;
  clock: Clock;
  notify: () => void;
}): void {
  const trigger = describeTrigger(input.event);
  const sightings = new Map<number, Sighting | undefined>();
  const sightingOf = (accountId: number) => {
    if (!sightings.has(accountId)) sightings.set(accountId, sightingFrom(input.state, input.event, accountId));
    return sightings.get(accountId);
  };
  // Enforcements first: their requests leave before any journal write is begun.
  for (const d of input.decisions) {
    if (d.kind !== 'warning') void input.enforcer.submit(d, trigger, sightingOf(d.accountId)).catch(() => undefined);
  }
  for (const d of input.decisions) {
    if (d.kind !== 'warning') continue;
    void appendBestEffort(input.journal, {
      at: input.clock.now(),
      kind: 'warning',
      accountId: d.accountId,
      ruleId: d.ruleId,
      message: d.message,
      data: { fraction: d.fraction, level: d.level, figures: { ...d.figures }, trigger },
    });
  }
  input.notify();
}

/** A rule that throws is isolated by the engine; here it is journaled, once per bout of failing. */
export function journalRuleFailures(input: {
  failures: readonly RuleFailure[];
  event: DomainEvent;
  journal: Journal;
  clock: Clock;
}): void {
  const trigger = describeTrigger(input.event);
  for (const f of input.failures) {
    void input.journal
      .append({
        at: input.clock.now(),
        kind: 'error',
        accountId: f.accountId,
        ruleId: f.ruleId,
        message: `Rule ${f.ruleId} failed and decides nothing until it works again (the other rules still decide): ${f.message}`,
        data: { eventKind: f.eventKind, trigger },
      })
      .catch(() => undefined);
  }
}

/** The trader's own "Flatten" (popup, page): a decision like a rule's, so the enforcer treats it the same. */
export function manualFlatten(accountId: number, trigger: string): EnforcementDecision {
  return {
    kind: 'enforce',
    ruleId: 'manual',
    accountId,
    action: { type: 'flatten' },
    reason: `Flatten asked by the trader (${trigger})`,
    figures: {},
    monitorOnly: false,
  };
}
