import { describe, expect, it } from 'vitest';
import { converge } from '../../../../src/core/enforce/convergence';
import { OrderType } from '../../../../src/core/gateway/enums';
import { account, deps, ES, flat, NQ } from './convergence-rig';

/** “Refused”: the last round's steps that did not go through were all refused by the gateway. */

describe('a convergence that gives up, and whether the gateway refused', () => {
  it('is “refused” when the step that did not go through was refused, though another step went through', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    fake.seedOrder({ contractId: NQ, type: OrderType.Limit, side: 0, size: 1 });
    fake.inject('closePosition', 'refused', 10);
    expect(await converge(deps(fake, flat, { maxRounds: 1 }).d)).toEqual({
      ok: false,
      reason: `not converged after 1 rounds; still to do: close 1 ${ES} (flatten)`,
      actions: 2,
      refused: true,
    });
    expect(fake.workingOrders()).toEqual([]);
  });

  it('is not “refused” when every step of its last round went through (new exposure kept coming)', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    const closePosition = fake.actions.closePosition.bind(fake.actions);
    const actions = {
      ...fake.actions,
      closePosition: async (...a: Parameters<typeof closePosition>) => {
        const r = await closePosition(...a);
        fake.traderFill(ES, 0, 1);
        return r;
      },
    };
    expect(await converge(deps(fake, flat, { actions, maxRounds: 1 }).d)).toEqual({
      ok: false,
      reason: `not converged after 1 rounds; still to do: close 1 ${ES} (flatten)`,
      actions: 1,
      refused: false,
    });
  });

  it('with no round to spend, sends nothing and does not call that a refusal', async () => {
    const fake = account();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    expect(await converge(deps(fake, flat, { maxRounds: 0 }).d)).toEqual({
      ok: false,
      reason: `not converged after 0 rounds; still to do: close 1 ${ES} (flatten)`,
      actions: 0,
      refused: false,
    });
    expect(fake.applied()).toEqual([]);
  });
});
