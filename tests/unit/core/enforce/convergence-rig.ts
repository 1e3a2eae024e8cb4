// The convergence specs' rig: an account, instant timers, reads that can go stale, deps.
import { vi } from 'vitest';
import { type ConvergeDeps, converge } from '../../../../src/core/enforce/convergence';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import type { PlanStepResult } from '../../../../src/core/enforce/execute-step';
import type { SentStep } from '../../../../src/core/enforce/fast-path';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import type { ActionOutcome, GatewayReads, OrderActions } from '../../../../src/core/gateway/api';
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

/**
 * The fake's actions, with `method` making the position reads after it show `shown` once
 * (the read that follows the action is stale); `spy` counts the calls.
 */
export function freezingAfter(
  fake: FakeAccount,
  stale: ReturnType<typeof staleOnce>,
  method: 'closePosition' | 'reducePosition',
  shown: Position[],
) {
  const act = fake.actions[method].bind(fake.actions) as (...a: unknown[]) => Promise<ActionOutcome>;
  const spy = vi.fn(async (...a: unknown[]) => {
    stale.freeze(shown);
    return act(...a);
  });
  return { actions: { ...fake.actions, [method]: spy } as OrderActions, spy };
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

/** The fast path's close of ES long 2, as a sent step that said done. */
export const fastCloseOfES = (es: Position): SentStep => ({
  step: { type: 'close', contractId: ES, openSize: 2, why: 'flatten' },
  result: { status: 'done' },
  position: es,
});

/**
 * ES long 2, closed at the gateway by the fast path, which reports `sent`; the first read
 * after it shows `shown` (the closed position again, or a new one). Converges to flat.
 */
export async function convergeAfterFastClose(
  sent: (es: Position, fake: FakeAccount) => Promise<SentStep[]> | SentStep[],
  shown: (es: Position) => Position[],
) {
  const fake = account();
  const es = fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
  const stale = staleOnce(fake);
  await fake.actions.closePosition(fake.accountId, ES);
  const sentFirst = Promise.resolve(await sent(es, fake));
  stale.freeze(shown(es));
  const closePosition = vi.spyOn(fake.actions, 'closePosition');
  const { d, logged } = deps(fake, flat, { sentFirst, reads: stale.reads });
  return { result: await converge(d), logged, closePosition };
}
