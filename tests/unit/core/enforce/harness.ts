import { vi } from 'vitest';
import { createEnforcer, type Enforcer, type EnforcerOptions } from '../../../../src/core/enforce/enforcer';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createLockoutBook, type LockoutBook } from '../../../../src/core/lockouts/lockout-book';
import { systemClock, systemTimers } from '../../../../src/core/ports';
import type { EnforcementAction, EnforcementDecision, LockoutSpec } from '../../../../src/core/rules/decision';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFakeAccount, type FakeAccount } from './fake-account';

/** Shared set-up for enforcer tests: vitest fake timers drive Date.now and setTimeout. */
export const T0 = Date.parse('2026-11-25T15:00:00Z');
export const NEXT_RESET = Date.parse('2026-11-25T23:00:00Z'); // 17:00 Chicago (CST)
export const MNQ = 'CON.F.US.MNQ.Z25';
export const ES = 'CON.F.US.EP.Z25';
export const NQ = 'CON.F.US.ENQ.Z25';
export const CL = 'CON.F.US.CLE.F26';

export interface Rig {
  fake: FakeAccount;
  store: DurableStore & { dump(): Record<string, Record<string, unknown>> };
  journal: ReturnType<typeof createMemoryJournal>;
  lockouts: LockoutBook;
  enforcer: Enforcer;
  rebuild(): Promise<{ lockouts: LockoutBook; enforcer: Enforcer }>;
}

export function makeBook(store: DurableStore, journal: ReturnType<typeof createMemoryJournal>, groups?: number[][]) {
  return createLockoutBook({
    store,
    clock: systemClock,
    journal,
    tradingDay: { nextReset: (ms) => (ms < NEXT_RESET ? NEXT_RESET : NEXT_RESET + 86_400_000) },
    ...(groups ? { groups: () => groups } : {}),
  });
}

export function makeRig(overrides: Partial<EnforcerOptions> = {}, fake?: FakeAccount): Rig {
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  const account = fake ?? createFakeAccount({ now: () => Date.now(), timers: systemTimers });
  const build = (lockouts: LockoutBook) =>
    createEnforcer({
      actions: account.actions,
      reads: account.reads,
      lockouts,
      journal,
      clock: systemClock,
      timers: systemTimers,
      store,
      settleMs: 200,
      ...overrides,
    });
  const lockouts = makeBook(store, journal);
  const rig: Rig = {
    fake: account,
    store,
    journal,
    lockouts,
    enforcer: build(lockouts),
    async rebuild() {
      const l = makeBook(store, journal);
      await l.load();
      return { lockouts: l, enforcer: build(l) };
    },
  };
  return rig;
}

export function decision(
  action: EnforcementAction,
  extra: Partial<EnforcementDecision> & { lockout?: LockoutSpec } = {},
): EnforcementDecision {
  return {
    kind: 'enforce',
    ruleId: 'max-contracts',
    accountId: 1,
    action,
    reason: 'test breach',
    figures: { openContracts: 5, limit: 3 },
    monitorOnly: false,
    ...extra,
  };
}

export const dayLockout: LockoutSpec = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } };

/** Advances fake time in small steps until the enforcer has no loop running (or `maxMs` passed). */
export async function drain(enforcer: Enforcer, maxMs = 120_000): Promise<void> {
  let idle = false;
  void enforcer.whenIdle().then(() => {
    idle = true;
  });
  for (let t = 0; t < maxMs && !idle; t += 50) await vi.advanceTimersByTimeAsync(50);
  await Promise.resolve();
}
