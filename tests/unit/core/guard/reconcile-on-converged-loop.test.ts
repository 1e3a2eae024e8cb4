import { describe, expect, it } from 'vitest';
import type { EnforcementStatus } from '../../../../src/core/enforce/enforcement-status';
import { createReconcileOnConvergedLoop } from '../../../../src/core/guard/reconcile-on-converged-loop';

function world() {
  let listener: (accountId: number, status: EnforcementStatus) => void = () => undefined;
  const reconciled: Array<[string, readonly number[] | undefined]> = [];
  let views = 0;
  createReconcileOnConvergedLoop({
    enforcer: {
      onStatus: (l) => {
        listener = l;
        return () => undefined;
      },
    },
    session: {
      reconcile: async (reason, accountIds) => {
        reconciled.push([reason, accountIds]);
        return { events: [] } as never;
      },
    },
    changed: () => views++,
  });
  return { status: (id: number, s: EnforcementStatus) => listener(id, s), reconciled, views: () => views };
}

describe('the enforcement loop back to REST', () => {
  it('reads the account through REST again once its enforcement converged', () => {
    const w = world();
    w.status(7, { state: 'converged', at: 1, what: 'flat, no working orders', actions: 2 });
    expect(w.reconciled).toEqual([['after-enforcement', [7]]]);
  });

  it('tells the views of every status, and reconciles nothing while enforcing or failed', () => {
    const w = world();
    w.status(7, { state: 'enforcing', since: 1, what: 'flat', round: 1 });
    w.status(7, { state: 'failed', since: 1, what: 'flat', reason: 'no answer', nextAttemptAt: 5 });
    expect(w.reconciled).toEqual([]);
    expect(w.views()).toBe(2);
  });
});
