import { describe, expect, it, vi } from 'vitest';
import { converge } from '../../../../src/core/enforce/convergence';
import { emptyDesired } from '../../../../src/core/enforce/desired-state';
import type { SentStep } from '../../../../src/core/enforce/fast-path';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import { OrderType } from '../../../../src/core/gateway/enums';
import {
  account,
  convergeAfterFastClose,
  deps,
  ES,
  fastCloseOfES,
  flat,
  freezingAfter,
  NQ,
  staleOnce,
} from './convergence-rig';

describe('one convergence of an account', () => {
  it('is done in one round, with nothing sent, when the account already is as desired', async () => {
    const fake = account();
    expect(await converge(deps(fake, flat).d)).toEqual({ ok: true, actions: 0, rounds: 1 });
  });

  it('acts, waits for the gateway to settle, and reads again to verify', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
    const { d, logged, timers } = deps(fake, flat);
    expect(await converge(d)).toEqual({ ok: true, actions: 1, rounds: 2 });
    expect(logged.map((l) => [l.step.type, l.result.status, l.round])).toEqual([['close', 'done', 1]]);
    expect(timers.waits).toEqual([25]);
  });

  it('says so when the account cannot be read', async () => {
    const fake = account();
    fake.setDown(true);
    expect(await converge(deps(fake, flat).d)).toEqual({
      ok: false,
      reason: 'cannot read the account: transient: service down (fake)',
      actions: 0,
    });
  });

  it('stops before a round, and between two steps of a round, when the enforcer stops', async () => {
    const fake = account();
    expect(await converge(deps(fake, flat, { stopped: () => true }).d)).toEqual({
      ok: false,
      reason: 'enforcer stopped',
      actions: 0,
    });
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    fake.seedPosition({ contractId: NQ, side: 'long', size: 1 });
    let checks = 0;
    // Looked at before the round, by the read, before each step: stopped before the second step.
    const r = await converge(deps(fake, flat, { stopped: () => ++checks > 3 }).d);
    expect(r).toEqual({ ok: false, reason: 'enforcer stopped', actions: 1 });
    expect(fake.applied('closePosition')).toHaveLength(1);
  });
});

describe('a read that may be stale right after a close', () => {
  it('leaves the position it just closed alone for one round if the read still shows it, then believes the read', async () => {
    const fake = account();
    const es = fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
    const stale = staleOnce(fake);
    const { actions, spy: closePosition } = freezingAfter(fake, stale, 'closePosition', [es]);
    const r = await converge(deps(fake, flat, { reads: stale.reads, actions }).d);
    expect(r).toEqual({ ok: true, actions: 1, rounds: 3 });
    expect(closePosition).toHaveBeenCalledTimes(1);
  });

  it('closes at once a new position in the same contract: another id, another opening time or another size', async () => {
    for (const change of [{ id: 99_999 }, { creationTimestamp: '2030-01-01T00:00:00Z' }, { size: 3 }]) {
      const fake = account();
      const es = fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
      const stale = staleOnce(fake);
      let first = true;
      const closePosition = fake.actions.closePosition.bind(fake.actions);
      const actions = {
        ...fake.actions,
        closePosition: vi.fn(async (...a: Parameters<typeof closePosition>) => {
          if (first) stale.freeze([{ ...es, ...change }]);
          first = false;
          return closePosition(...a);
        }),
      };
      await converge(deps(fake, flat, { reads: stale.reads, actions }).d);
      expect(actions.closePosition, JSON.stringify(change)).toHaveBeenCalledTimes(2);
    }
  });

  it('treats a reduction whose answer was lost like a close: the same stale-read care', async () => {
    const fake = account();
    const es = fake.seedPosition({ contractId: ES, side: 'long', size: 4 });
    const stale = staleOnce(fake);
    const reducePosition = fake.actions.reducePosition.bind(fake.actions);
    const actions = {
      ...fake.actions,
      reducePosition: vi.fn(async (...a: Parameters<typeof reducePosition>) => {
        stale.freeze([es]);
        await reducePosition(...a);
        return { status: 'unknown', error: 'timed out' } as never;
      }),
    };
    const r = await converge(
      deps(fake, { ...emptyDesired(), positionMax: { [ES]: 1 } }, { reads: stale.reads, actions }).d,
    );
    expect(r.ok).toBe(true);
    expect(actions.reducePosition).toHaveBeenCalledTimes(1);
    expect(fake.overCloseAttempts).toBe(0);
  });
});

describe('steps the fast path already sent', () => {
  it('counts and journals them as round 0, waits for them to settle, and verifies with the first read', async () => {
    const fake = account();
    const es = fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
    await fake.actions.closePosition(fake.accountId, ES);
    const step: PlanStep = { type: 'close', contractId: ES, openSize: 2, why: 'flatten' };
    const sentFirst = Promise.resolve<SentStep[]>([{ step, result: { status: 'done' }, position: es }]);
    const { d, logged, timers } = deps(fake, flat, { sentFirst });
    expect(await converge(d)).toEqual({ ok: true, actions: 1, rounds: 1 });
    expect(logged).toEqual([{ step, result: { status: 'done' }, round: 0 }]);
    expect(timers.waits).toEqual([25]);
  });

  it('gives a position the fast path closed the same stale-read care in the first round', async () => {
    const { result, closePosition } = await convergeAfterFastClose(
      (es) => [fastCloseOfES(es)],
      (es) => [es],
    );
    expect(result).toEqual({ ok: true, actions: 1, rounds: 2 });
    expect(closePosition).not.toHaveBeenCalled();
  });

  it('waits for nothing when the fast path sent nothing', async () => {
    const fake = account();
    const { d, timers } = deps(fake, flat, { sentFirst: Promise.resolve([]) });
    expect(await converge(d)).toEqual({ ok: true, actions: 0, rounds: 1 });
    expect(timers.waits).toEqual([]);
  });
});

describe('a convergence that does not get there', () => {
  it('fails after its rounds, naming what is still to do, and whether the gateway refused every step', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    fake.inject('closePosition', 'refused', 10);
    const r = await converge(deps(fake, flat, { maxRounds: 2 }).d);
    expect(r).toEqual({
      ok: false,
      reason: `not converged after 2 rounds; still to do: close 1 ${ES} (flatten)`,
      actions: 2,
      refused: true,
    });
  });

  it('names every step still to do, and is not “refused” when a step may succeed on a retry', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    const o = fake.seedOrder({ contractId: NQ, type: OrderType.Limit, side: 0, size: 1 });
    fake.inject('closePosition', 'failed', 10);
    fake.inject('cancelOrder', 'refused', 10);
    expect(await converge(deps(fake, flat, { maxRounds: 1 }).d)).toEqual({
      ok: false,
      reason: `not converged after 1 rounds; still to do: cancel order ${o.id} (${NQ}, flatten); close 1 ${ES} (flatten)`,
      actions: 2,
      refused: false,
    });
  });

  it('is not “refused” when an answer was lost, and holds back the close whose answer was lost for a round', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    const o = fake.seedOrder({ contractId: NQ, type: OrderType.Limit, side: 0, size: 1 });
    fake.inject('closePosition', 'transient', 10);
    fake.inject('cancelOrder', 'refused', 10);
    expect(await converge(deps(fake, flat, { maxRounds: 1 }).d)).toEqual({
      ok: false,
      reason: `not converged after 1 rounds; still to do: cancel order ${o.id} (${NQ}, flatten)`,
      actions: 2,
      refused: false,
    });
  });

  it('gives a trader who keeps opening during a lockout a fresh round budget each time, instead of giving up', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    let reopen = 3;
    let reopened = false;
    const closePosition = fake.actions.closePosition.bind(fake.actions);
    const actions = {
      ...fake.actions,
      closePosition: async (...a: Parameters<typeof closePosition>) => {
        const r = await closePosition(...a);
        if (reopen-- > 0) {
          fake.traderFill(ES, 0, 1);
          reopened = true;
        }
        return r;
      },
    };
    const r = await converge(
      deps(fake, flat, {
        actions,
        maxRounds: 1,
        hasPending: () => {
          const was = reopened;
          reopened = false;
          return was;
        },
      }).d,
    );
    expect(r).toEqual({ ok: true, actions: 4, rounds: 5 });
  });
});
