// The convergence specs' rig: an account, instant timers, reads that can go stale, deps.
import type { ConvergeDeps } from '../../../../src/core/enforce/convergence';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import type { PlanStepResult } from '../../../../src/core/enforce/execute-step';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import type { GatewayReads } from '../../../../src/core/gateway/api';
import type { Position } from '../../../../src/core/gateway/schemas';
import type { Timers } from '../../../../src/core/ports';
import { createFakeAccount, type FakeAccount } from './fake-account';

export const ES = 'CON.F.US.EP.Z26';
export const NQ = 'CON.F.US.ENQ.Z26';
export const flat: DesiredState = { ...emptyDesired(), flat: true };

/** Timers that fire at once, counting the waits asked for. */
export function instant(): Timers & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    setTimeout: (fn, ms) => {
      waits.push(ms);
      queueMicrotask(fn);
      return 0 as unknown as ReturnType<Timers['setTimeout']>;
    },
    clearTimeout: () => {},
  };
}

/** Reads that show, for the first `times` position reads after `arm()`, the positions as they were then. */
export function staleOnce(fake: FakeAccount) {
  let frozen: Position[] | null = null;
  let left = 0;
  const reads: GatewayReads = {
    ...fake.reads,
    searchOpenPositions: async (q, ctx) => {
      if (frozen && left > 0) {
        left -= 1;
        return frozen;
      }
      return fake.reads.searchOpenPositions(q, ctx);
    },
  };
  return {
    reads,
    freeze: (positions: Position[], times = 1) => {
      frozen = positions.map((p) => ({ ...p }));
      left = times;
    },
  };
}

export function deps(fake: FakeAccount, desired: DesiredState, over: Partial<ConvergeDeps> = {}) {
  const logged: Array<{ step: PlanStep; result: PlanStepResult; round: number }> = [];
  const timers = instant();
  const d: ConvergeDeps = {
    accountId: fake.accountId,
    actions: fake.actions,
    reads: fake.reads,
    timers,
    clock: { now: () => 0 },
    maxRounds: 3,
    settleMs: 25,
    readPolicy: { attempts: 2, backoffMs: 1, maxBackoffMs: 1 },
    stopped: () => false,
    nextDesired: async () => desired,
    hasPending: () => false,
    onRound: () => {},
    intentKeyFor: () => undefined,
    logStep: async (step, result, round) => {
      logged.push({ step, result, round });
    },
    ...over,
  };
  return { d, logged, timers };
}

export const account = () => createFakeAccount({ now: () => 0 });
