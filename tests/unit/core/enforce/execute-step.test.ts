import { describe, expect, it, vi } from 'vitest';
import { describeStep, executeStep, stopIntentBase } from '../../../../src/core/enforce/execute-step';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import type { OrderActions } from '../../../../src/core/gateway/api';
import { OrderType } from '../../../../src/core/gateway/enums';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { Lane } from '../../../../src/core/resilience/lanes';

const ES = 'CON.F.US.EP.Z26';
const lane = { lane: Lane.Enforcement };

/** Order actions that answer done (a reduction: already smaller), each a mock to look into. */
function actions() {
  return {
    placeOrder: vi.fn<OrderActions['placeOrder']>(async () => ({ status: 'done', orderId: 555 })),
    cancelOrder: vi.fn<OrderActions['cancelOrder']>(async () => ({ status: 'done' })),
    modifyOrder: vi.fn<OrderActions['modifyOrder']>(async () => ({ status: 'done' })),
    closePosition: vi.fn<OrderActions['closePosition']>(async () => ({ status: 'done' })),
    reducePosition: vi.fn<OrderActions['reducePosition']>(async () => ({ status: 'noop', detail: 'already smaller' })),
    sendNow: vi.fn<OrderActions['sendNow']>(),
  } satisfies OrderActions;
}

const cancel: PlanStep = { type: 'cancel', orderId: 41, contractId: ES, why: 'account locked' };
const resize: PlanStep = {
  type: 'resize-order',
  orderId: 42,
  contractId: ES,
  size: 1,
  why: 'stop larger than position',
};
const close: PlanStep = { type: 'close', contractId: ES, openSize: 3, why: 'flatten' };
const reduce: PlanStep = { type: 'reduce', contractId: ES, by: 2, openSize: 5, why: 'max 3 contracts' };
const placeStop: PlanStep = { type: 'place-stop', contractId: ES, side: 1, size: 2, stopPrice: 4990.25, positionId: 9 };
const tighten: PlanStep = {
  type: 'tighten-stop',
  orderId: 43,
  contractId: ES,
  stopPrice: 4995,
  size: 2,
  fromPrice: 4980,
};

describe('carrying out one planned step, on the enforcement lane', () => {
  it('cancels an order', async () => {
    const a = actions();
    expect(await executeStep(a, 7, cancel)).toEqual({ status: 'done' });
    expect(a.cancelOrder).toHaveBeenCalledWith(7, 41, lane);
  });

  it('resizes an order to the size asked, and only the size', async () => {
    const a = actions();
    await executeStep(a, 7, resize);
    expect(a.modifyOrder).toHaveBeenCalledWith({ accountId: 7, orderId: 42, size: 1 }, lane);
  });

  it('closes a whole position', async () => {
    const a = actions();
    await executeStep(a, 7, close);
    expect(a.closePosition).toHaveBeenCalledWith(7, ES, lane);
  });

  it('reduces a position by the contracts asked, passing on what the order manager answered', async () => {
    const a = actions();
    expect(await executeStep(a, 7, reduce)).toEqual({ status: 'noop', detail: 'already smaller' });
    expect(a.reducePosition).toHaveBeenCalledWith(7, ES, 2, lane);
  });

  it('moves a stop to its tighter price, keeping its size', async () => {
    const a = actions();
    await executeStep(a, 7, tighten);
    expect(a.modifyOrder).toHaveBeenCalledWith({ accountId: 7, orderId: 43, stopPrice: 4995, size: 2 }, lane);
  });

  it('places a protective stop under its intent key, and says which order it became', async () => {
    const a = actions();
    expect(await executeStep(a, 7, placeStop, 'key-1')).toEqual({ status: 'done', detail: 'order 555' });
    expect(a.placeOrder).toHaveBeenCalledWith(
      { accountId: 7, contractId: ES, type: OrderType.Stop, side: 1, size: 2, stopPrice: 4990.25 },
      { ...lane, intentKey: 'key-1' },
    );
  });

  it('places a stop without an intent key when given none, and passes a refusal on as it is', async () => {
    const a = actions();
    a.placeOrder.mockResolvedValueOnce({ status: 'failed', error: 'market closed', retryable: false });
    expect(await executeStep(a, 7, placeStop)).toEqual({ status: 'failed', error: 'market closed', retryable: false });
    expect(a.placeOrder.mock.calls[0]?.[1]).toEqual(lane);
  });

  it('reads a throw as an outcome it does not know, and does not try again itself', async () => {
    const a = actions();
    a.closePosition.mockRejectedValueOnce(new GatewayError('outcome-unknown', 'timed out'));
    expect(await executeStep(a, 7, close)).toEqual({ status: 'unknown', error: 'outcome-unknown: timed out' });
    expect(a.closePosition).toHaveBeenCalledTimes(1);
  });
});

describe('a step in the journal’s words', () => {
  it('says what each step does, to what, and why', () => {
    expect([cancel, resize, close, reduce, placeStop, tighten].map(describeStep)).toEqual([
      `cancel order 41 (${ES}, account locked)`,
      'resize order 42 to 1 (stop larger than position)',
      `close 3 ${ES} (flatten)`,
      `reduce ${ES} by 2 of 5 (max 3 contracts)`,
      `place sell stop 2 ${ES} at 4990.25`,
      `move stop 43 on ${ES} from 4980 to 4995`,
    ]);
    expect(describeStep({ ...placeStop, side: 0 } as PlanStep)).toBe(`place buy stop 2 ${ES} at 4990.25`);
  });

  it('names a stop placement by account, contract, position, price and size', () => {
    expect(stopIntentBase(7, placeStop as Extract<PlanStep, { type: 'place-stop' }>)).toBe(
      `protect-stop:7:${ES}:9:4990.25:2`,
    );
  });
});
