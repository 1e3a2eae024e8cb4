import { describe, expect, it } from 'vitest';
import { converge } from '../../../../src/core/enforce/convergence';
import { emptyDesired } from '../../../../src/core/enforce/desired-state';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import { OrderType } from '../../../../src/core/gateway/enums';
import {
  account,
  convergeAfterFastClose,
  deps,
  ES,
  fastCloseOfES,
  freezingAfter,
  NQ,
  staleOnce,
} from './convergence-rig';

/** The stale-read care after a close, in the cases around the plain one (convergence.test.ts). */

describe('a read that may be stale right after a close, among other positions and steps', () => {
  it('holds back only the position it closed when the read lists another position first', async () => {
    const fake = account();
    const nq = fake.seedPosition({ contractId: NQ, side: 'long', size: 1 });
    const es = fake.seedPosition({ contractId: ES, side: 'long', size: 2 });
    const stale = staleOnce(fake);
    const { actions, spy: closePosition } = freezingAfter(fake, stale, 'closePosition', [nq, es]);
    const desired = { ...emptyDesired(), positionMax: { [ES]: 0 } };
    const r = await converge(deps(fake, desired, { reads: stale.reads, actions }).d);
    expect(r).toEqual({ ok: true, actions: 1, rounds: 3 });
    expect(closePosition).toHaveBeenCalledTimes(1);
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([[NQ, 1]]);
  });

  it('keeps the care for a reduction when a stop placed after it in the same round went through', async () => {
    const fake = account();
    const es = fake.seedPosition({ contractId: ES, side: 'long', size: 4 });
    const stale = staleOnce(fake);
    const { actions } = freezingAfter(fake, stale, 'reducePosition', [es]);
    const desired = {
      ...emptyDesired(),
      positionMax: { [ES]: 1 },
      stops: { [ES]: { contractId: ES, stopPrice: 90, size: 0, side: 1 as const } },
    };
    const { d, logged } = deps(fake, desired, { reads: stale.reads, actions });
    expect(await converge(d)).toEqual({ ok: true, actions: 2, rounds: 3 });
    expect(logged.map((l) => [l.step.type, l.round])).toEqual([
      ['reduce', 1],
      ['place-stop', 1],
    ]);
    expect(fake.overCloseAttempts).toBe(0);
    expect(fake.positions().map((p) => p.size)).toEqual([1]);
  });

  it('keeps the care for a close the fast path sent when a cancel in the same contract went with it', async () => {
    const { result, closePosition } = await convergeAfterFastClose(
      async (es, fake) => {
        const stop = fake.seedOrder({ contractId: ES, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
        await fake.actions.cancelOrder(fake.accountId, stop.id);
        const cancel: PlanStep = { type: 'cancel', orderId: stop.id, contractId: ES, why: 'flatten' };
        return [fastCloseOfES(es), { step: cancel, result: { status: 'done' }, position: undefined }];
      },
      (es) => [es],
    );
    expect(result).toEqual({ ok: true, actions: 2, rounds: 2 });
    expect(closePosition).not.toHaveBeenCalled();
  });

  it('without the identity of the position the fast path closed, holds back a read of the same size for one round', async () => {
    const { result, closePosition } = await convergeAfterFastClose(
      (es) => [{ ...fastCloseOfES(es), position: undefined }],
      (es) => [es],
    );
    expect(result).toEqual({ ok: true, actions: 1, rounds: 2 });
    expect(closePosition).not.toHaveBeenCalled();
  });

  it('closes in the first round a new position in a contract the fast path closed: another id or opening time', async () => {
    for (const change of [{ id: 99_999 }, { creationTimestamp: '2030-01-01T00:00:00Z' }]) {
      const { logged } = await convergeAfterFastClose(
        (es) => [fastCloseOfES(es)],
        (es) => [{ ...es, ...change }],
      );
      expect(
        logged.map((l) => [l.step.type, l.round]),
        JSON.stringify(change),
      ).toEqual([
        ['close', 0],
        ['close', 1],
      ]);
    }
  });
});
