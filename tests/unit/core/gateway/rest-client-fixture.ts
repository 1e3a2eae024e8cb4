import { expect } from 'vitest';
import type { CallContext, GatewayApi } from '../../../../src/core/gateway/api';
import { createRestClient } from '../../../../src/core/gateway/rest-client';
import type { FetchLike } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { CallExecutor } from '../../../../src/core/resilience/executor';
import { fakeTokens, passThroughExecutor } from './fakes';

/** Shared setup for the REST client suites: a client over a fake fetch, sample payloads, the mutations. */

export const BASE = 'http://127.0.0.1:9999';
export const clock = { now: () => Date.parse('2026-11-25T15:00:00Z') };

export const account = { id: 7, name: 'EXP-1', balance: 50_000, canTrade: true, isVisible: true, simulated: true };
export const order = {
  id: 11,
  accountId: 7,
  contractId: 'CON.F.US.MNQ.Z25',
  creationTimestamp: '2026-11-25T14:59:00.1234567+00:00',
  status: 1,
  type: 2,
  side: 0,
  size: 1,
  customTag: 'rg-a',
};

export function client(
  fetch: FetchLike,
  extra: { executor?: CallExecutor; timeoutMs?: number; baseUrl?: string } = {},
) {
  const tokens = fakeTokens();
  const executor = extra.executor ?? passThroughExecutor();
  const api = createRestClient({
    baseUrl: extra.baseUrl ?? BASE,
    fetch,
    executor,
    tokens,
    clock,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
  });
  return { api, tokens, executor };
}

export async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected the call to fail');
}

export type Mutation = { name: string; call: (api: GatewayApi, ctx?: CallContext) => Promise<unknown>; path: string };
export const MUTATIONS: Mutation[] = [
  {
    name: 'place',
    path: '/api/Order/place',
    call: (api, ctx) =>
      api.placeOrder({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 1 }, ctx),
  },
  { name: 'cancel', path: '/api/Order/cancel', call: (api) => api.cancelOrder({ accountId: 7, orderId: 11 }) },
  { name: 'modify', path: '/api/Order/modify', call: (api) => api.modifyOrder({ accountId: 7, orderId: 11, size: 2 }) },
  {
    name: 'closeContract',
    path: '/api/Position/closeContract',
    call: (api) => api.closePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25' }),
  },
  {
    name: 'partialCloseContract',
    path: '/api/Position/partialCloseContract',
    call: (api) => api.partialClosePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', size: 1 }),
  },
];
