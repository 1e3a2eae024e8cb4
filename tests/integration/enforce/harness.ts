import type { Simulator } from '../../../simulator/types';
import { createEnforcer, type Enforcer, type EnforcerOptions } from '../../../src/core/enforce/enforcer';
import { createLockoutGuard, type LockoutGuard } from '../../../src/core/enforce/lockout-guard';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { createOrderManager, type OrderManager } from '../../../src/core/gateway/order-manager';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import { createLockoutBook, type LockoutBook } from '../../../src/core/lockouts/lockout-book';
import { systemClock, systemTimers } from '../../../src/core/ports';
import type { EnforcementAction, EnforcementDecision, LockoutSpec } from '../../../src/core/rules/decision';
import { type StackOptions, startStack } from '../gateway/harness';

/**
 * The enforcement path as the worker wires it, against the gateway simulator on loopback:
 * the REST stack (auth, limiter, breakers, retries), the gateway's order manager with its
 * durable intents, the lockout book, the enforcer and the lockout guard, all on one store.
 * `rebuild()` builds a fresh order manager, book and enforcer on the SAME store: a worker
 * restart. Real timers, compressed timings.
 */
/** The simulator's contract id for an exchange root (`EP`, `ENQ`, `MNQ`, …). */
export function cid(sim: Simulator, root: string): string {
  const c = sim.contracts.find((x) => x.id.split('.')[3] === root);
  if (!c) throw new Error(`the simulator lists no ${root} contract`);
  return c.id;
}

export interface Guarded {
  orders: OrderManager;
  lockouts: LockoutBook;
  enforcer: Enforcer;
  guard: LockoutGuard;
}

export async function startEnforceStack(options: StackOptions & { enforcer?: Partial<EnforcerOptions> } = {}) {
  const stack = await startStack(options);
  const journal = createMemoryJournal();
  let ids = 0;
  const build = async (): Promise<Guarded> => {
    const orders = createOrderManager({
      api: stack.api,
      store: stack.store,
      journal,
      clock: systemClock,
      timers: systemTimers,
      newId: () => `it-${Date.now()}-${++ids}`,
      backoffMs: (round) => Math.min(200, 20 * 2 ** (round - 1)),
    });
    const lockouts = createLockoutBook({
      store: stack.store,
      clock: systemClock,
      journal,
      tradingDay: { nextReset: (ms) => ms + 3_600_000 },
    });
    await lockouts.load();
    const enforcer = createEnforcer({
      actions: orders,
      reads: stack.api,
      lockouts,
      journal,
      clock: systemClock,
      timers: systemTimers,
      store: stack.store,
      settleMs: 30,
      backoffMs: 20,
      maxBackoffMs: 200,
      readAttempts: 6,
      retryFailedAfterMs: 100,
      ...options.enforcer,
    });
    const guard = createLockoutGuard({ lockouts, enforcer, clock: systemClock });
    return { orders, lockouts, enforcer, guard };
  };
  const first = await build();
  return {
    ...stack,
    journal,
    ...first,
    rebuild: build,
    decision(action: EnforcementAction, extra: Partial<EnforcementDecision> = {}): EnforcementDecision {
      return {
        kind: 'enforce',
        ruleId: 'test-rule',
        accountId: stack.accountId,
        action,
        reason: 'integration breach',
        figures: {},
        monitorOnly: false,
        ...extra,
      };
    },
  };
}

export type EnforceStack = Awaited<ReturnType<typeof startEnforceStack>>;

export const dayLockout: LockoutSpec = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } };

/** The trader buys (side 0) or sells (side 1) at market on the page. */
export function traderMarket(sim: Simulator, accountId: number, contractId: string, side: 0 | 1, size: number): number {
  return sim.trader.placeOrder(accountId, {
    contractId,
    type: OrderType.Market,
    side: side === 0 ? OrderSide.Bid : OrderSide.Ask,
    size,
  });
}

/** Polls `check` until it is true or `ms` pass (real time, short). */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Placed orders per customTag (api-placed only): every value must be 1. */
export function ordersPerTag(sim: Simulator, accountId: number): Map<string, number> {
  const ids = new Map<string, Set<number>>();
  for (const e of sim.ledger.entries({ accountId, type: 'order' })) {
    if (e.type !== 'order' || e.via !== 'api' || !e.order.customTag) continue;
    const set = ids.get(e.order.customTag) ?? new Set<number>();
    set.add(e.order.id);
    ids.set(e.order.customTag, set);
  }
  return new Map([...ids].map(([k, v]) => [k, v.size]));
}

/** Applied close requests per contract (from the ledger). */
export function appliedCloses(sim: Simulator, accountId: number): Array<{ contractId: string; size: number | 'all' }> {
  return sim.ledger
    .entries({ accountId, type: 'close-request' })
    .flatMap((e) =>
      e.type === 'close-request' && e.applied ? [{ contractId: e.contractId, size: e.requestedSize }] : [],
    );
}
