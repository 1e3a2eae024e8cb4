import type { Enforcer } from '../enforce/enforcer';
import type { LockoutGuard } from '../enforce/lockout-guard';
import type { OrderManager } from '../gateway/order-manager';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import type { Decision } from '../rules/decision';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import type { DomainEvent } from '../state/events';
import type { StatePersistence } from '../state/persistence';
import type { Deadlines } from './deadlines';
import { handleDecisions, journalRuleFailures, sightingFrom } from './decisions';
import type { EventPipelineOptions } from './event-pipeline';
import type { RuleMemoryStore } from './rule-memory-store';

/**
 * What leaves the event pipeline after each event (event-pipeline.ts calls these, in order):
 *
 *   state changed ──▶ persisted (batched every 250 ms) ─▶ views told (changed)
 *   rule memory   ──▶ saved once the lockouts it stands for have landed (rule-memory-store.ts)
 *   decisions     ──▶ enforcer: closes/cancels at once, lockout, desired state (decisions.ts)
 *                 ──▶ journal (warnings), views told, then the decision listeners (notifications)
 *   rule failures ──▶ journal, once per bout of failing
 *   every event   ──▶ position/order: the lockout guard closes what a lockout forbids (with what
 *                     the event showed); order: the order manager hears of it (fills, rejections)
 *                 ──▶ account: the lockout guard follows `canTrade`
 *                 ──▶ tick/position/order: the earliest rule deadline is re-armed
 *                 ──▶ last, the daily loss audit (loss-audit.ts): never in front of the above
 */
export type PipelineEffects = Pick<
  EventPipelineOptions,
  'onState' | 'onMemory' | 'onDecisions' | 'onRuleFailures' | 'onEvent'
>;

export function createPipelineEffects(deps: {
  persistence: Pick<StatePersistence, 'save'>;
  memoryStore: Pick<RuleMemoryStore, 'save'>;
  /** The pipeline's rule memory, read when the batched save runs. */
  memory: () => EngineMemory;
  /** The pipeline's state right now (the state after the event that decided). */
  state: () => GuardState;
  enforcer: Pick<Enforcer, 'submit'>;
  lockoutGuard: Pick<LockoutGuard, 'onAccountEvent' | 'onAccountChange'>;
  orders: Pick<OrderManager, 'handleOrderUpdate'>;
  deadlines: Pick<Deadlines, 'armRules'>;
  journal: Journal;
  clock: Clock;
  /** The views must be redrawn. */
  changed: () => void;
  /** Every decision, after the enforcer has it (notifications). */
  decided: (decisions: readonly Decision[]) => void;
  /** Timing probe (benchmarks): told when an enforcement is decided, before it is acted on. */
  probe?: { decided(): void } | undefined;
  /** Told of every event once everything above is done with it (the daily loss audit). */
  afterEvent?: (event: DomainEvent) => void;
}): PipelineEffects {
  const { journal, clock } = deps;
  return {
    onState: (state) => {
      deps.persistence.save(state);
      deps.changed();
    },
    onMemory: () => deps.memoryStore.save(deps.memory),
    onDecisions: (decisions, event) => {
      if (deps.probe && decisions.some((d) => d.kind === 'enforce' && !d.monitorOnly)) deps.probe.decided();
      handleDecisions({
        decisions,
        event,
        state: deps.state(),
        enforcer: deps.enforcer,
        journal,
        clock,
        notify: deps.changed,
      });
      deps.decided(decisions);
    },
    onRuleFailures: (failures, event) => journalRuleFailures({ failures, event, journal, clock }),
    onEvent: (event, state) => {
      if (event.kind === 'position' || event.kind === 'order') {
        const id = event.kind === 'position' ? event.position.accountId : event.order.accountId;
        const account = state.accounts[String(id)];
        if (account) {
          deps.lockoutGuard.onAccountEvent(id, account, `${event.kind} event`, sightingFrom(state, event, id));
        }
        if (event.kind === 'order') deps.orders.handleOrderUpdate(event.order);
      }
      if (event.kind === 'account') void deps.lockoutGuard.onAccountChange(event.account).catch(() => undefined);
      if (event.kind === 'tick' || event.kind === 'position' || event.kind === 'order') deps.deadlines.armRules();
      deps.afterEvent?.(event);
    },
  };
}
