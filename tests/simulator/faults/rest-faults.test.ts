import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { login, post } from '../test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
afterEach(async () => {
  await sim?.stop();
});

async function setup(opts: Parameters<typeof startSimulator>[0] = {}) {
  sim = await startSimulator({ priceTickMs: 0, ...opts });
  const token = await login(sim);
  const acct = sim.demo.accountIds[0] ?? 0;
  return { token, acct };
}

const place = (token: string, acct: number, extra: Record<string, unknown> = {}) =>
  post(sim, '/api/Order/place', { accountId: acct, contractId: MNQ, type: 2, side: 0, size: 1, ...extra }, token);

describe('REST faults', () => {
  it('adds latency to the targeted endpoint only', async () => {
    const { token } = await setup();
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'latency', ms: 150 },
      schedule: { type: 'once' },
    });
    const slow = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
    const fast = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
    expect(slow.json?.success).toBe(true);
    expect(fast.json?.success).toBe(true);
    const [first, second] = sim.requests.list('/api/Account/search');
    expect(first?.durationMs).toBeGreaterThanOrEqual(140);
    expect(second?.durationMs).toBeLessThan(140);
  });

  it('answers an HTTP error status while the fault is on', async () => {
    const { token } = await setup();
    const id = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/searchOpen' },
      effect: { type: 'http-error', status: 503 },
      schedule: { type: 'always' },
    });
    const acct = sim.demo.accountIds[0];
    expect((await post(sim, '/api/Position/searchOpen', { accountId: acct }, token)).status).toBe(503);
    expect((await post(sim, '/api/Position/searchOpen', { accountId: acct }, token)).status).toBe(503);
    expect((await post(sim, '/api/Order/searchOpen', { accountId: acct }, token)).status).toBe(200);
    sim.faults.remove(id);
    expect((await post(sim, '/api/Position/searchOpen', { accountId: acct }, token)).status).toBe(200);
    expect(sim.faults.fired()[id]).toBe(2);
  });

  it('hangs a request until the client gives up (timeout)', async () => {
    const { token } = await setup();
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'timeout' },
      schedule: { type: 'once' },
    });
    const hung = fetch(`${sim.restUrl}/api/Account/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"onlyActiveAccounts":true}',
      signal: AbortSignal.timeout(200),
    });
    await expect(hung).rejects.toThrow();
  });

  it('applies a place and then loses the answer; the order is findable by customTag', async () => {
    const { token, acct } = await setup();
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'apply-then-fail' },
      schedule: { type: 'once' },
    });
    await expect(place(token, acct, { customTag: 'guard-1' })).rejects.toThrow();
    expect(sim.ledger.ordersWithTag(acct, 'guard-1')).toHaveLength(1);
    expect(sim.ledger.truth(acct).positions[0]?.size).toBe(1);
    const found = await post(
      sim,
      '/api/Order/search',
      { accountId: acct, startTimestamp: '2000-01-01T00:00:00Z' },
      token,
    );
    const orders = found.json?.orders as Array<{ customTag: string | null }>;
    expect(orders.filter((o) => o.customTag === 'guard-1')).toHaveLength(1);
    // the retry with the same tag is refused: the tag is the idempotency handle
    const retry = await place(token, acct, { customTag: 'guard-1' });
    expect(retry.json?.success).toBe(false);
    expect(sim.ledger.ordersWithTag(acct, 'guard-1')).toHaveLength(1);
  });

  it('applies cancel, closeContract and partialCloseContract before failing with the configured status', async () => {
    const { token, acct } = await setup();
    sim.market.setPrice(MNQ, 25_000);
    const limit = await place(token, acct, { type: 1, limitPrice: 24_000 });
    const orderId = limit.json?.orderId;
    for (const endpoint of ['/api/Order/cancel', '/api/Position/closeContract', '/api/Position/partialCloseContract']) {
      sim.faults.add({
        target: { kind: 'rest', endpoint },
        effect: { type: 'apply-then-fail', status: 502 },
        schedule: { type: 'once' },
      });
    }
    expect((await post(sim, '/api/Order/cancel', { accountId: acct, orderId }, token)).status).toBe(502);
    expect(sim.ledger.truth(acct).openOrders).toEqual([]);
    await place(token, acct, { size: 3 });
    expect(
      (await post(sim, '/api/Position/partialCloseContract', { accountId: acct, contractId: MNQ, size: 1 }, token))
        .status,
    ).toBe(502);
    expect(sim.ledger.truth(acct).positions[0]?.size).toBe(2);
    expect((await post(sim, '/api/Position/closeContract', { accountId: acct, contractId: MNQ }, token)).status).toBe(
      502,
    );
    expect(sim.ledger.truth(acct).positions).toEqual([]);
  });

  it('storms 429 with Retry-After for the configured count', async () => {
    const { token } = await setup();
    sim.faults.add({
      target: { kind: 'rest' },
      effect: { type: 'rate-limit', retryAfterSec: 7 },
      schedule: { type: 'count', n: 3 },
    });
    for (let i = 0; i < 3; i++) {
      const r = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
    }
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(200);
  });

  it('answers a business error without applying anything', async () => {
    const { token, acct } = await setup();
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'business-error', errorCode: 7, errorMessage: 'Unknown' },
      schedule: { type: 'once' },
    });
    const r = await place(token, acct);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: false, errorCode: 7, errorMessage: 'Unknown' });
    expect(sim.ledger.truth(acct).orders).toEqual([]);
  });
});

describe('fault schedules', () => {
  it('fires a probabilistic fault the same way under the same seed', async () => {
    const pattern = async () => {
      const { token } = await setup({ seed: 42 });
      sim.faults.add({
        target: { kind: 'rest', endpoint: '/api/Account/search' },
        effect: { type: 'http-error', status: 500 },
        schedule: { type: 'probability', p: 0.5 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++)
        statuses.push((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status);
      await sim.stop();
      return statuses;
    };
    const a = await pattern();
    const b = await pattern();
    expect(a).toEqual(b);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('fires a window fault only inside its window (relative to when it was added)', async () => {
    let t = Date.UTC(2026, 10, 25, 15);
    const { token } = await setup({ now: () => t });
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'http-error', status: 500 },
      schedule: { type: 'window', fromMs: 1000, toMs: 2000 },
    });
    const status = async () => (await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status;
    expect(await status()).toBe(200);
    t += 1500;
    expect(await status()).toBe(500);
    t += 1000;
    expect(await status()).toBe(200);
  });

  it('fires a once fault once and a count fault n times', async () => {
    const { token } = await setup();
    const once = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Contract/available' },
      effect: { type: 'http-error', status: 500 },
      schedule: { type: 'once' },
    });
    const count = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Contract/search' },
      effect: { type: 'http-error', status: 502 },
      schedule: { type: 'count', n: 2 },
    });
    const a = [];
    const b = [];
    for (let i = 0; i < 3; i++) {
      a.push((await post(sim, '/api/Contract/available', { live: false }, token)).status);
      b.push((await post(sim, '/api/Contract/search', { live: false, searchText: 'MNQ' }, token)).status);
    }
    expect(a).toEqual([500, 200, 200]);
    expect(b).toEqual([502, 502, 200]);
    expect(sim.faults.fired()).toMatchObject({ [once]: 1, [count]: 2 });
    sim.faults.clear();
  });

  it('corrupts one field of an answer: the request is applied, the rest of the answer is as it was', async () => {
    const { token, acct } = await setup();
    sim.market.setPrice(MNQ, 21_000);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 1 });
    const id = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/searchOpen' },
      effect: { type: 'corrupt', path: 'positions.0.averagePrice', value: 'NaN' },
      schedule: { type: 'once' },
    });
    const tampered = await post(sim, '/api/Position/searchOpen', { accountId: acct }, token);
    const clean = await post(sim, '/api/Position/searchOpen', { accountId: acct }, token);
    expect(tampered.status).toBe(200);
    const [position] = (clean.json?.positions ?? []) as Array<{ averagePrice: unknown }>;
    expect(position?.averagePrice).toBe(21_000);
    expect(tampered.json).toEqual({ ...clean.json, positions: [{ ...position, averagePrice: 'NaN' }] });
    // A mutation's answer too (default value: the string 'corrupted'): the place itself is applied.
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'corrupt', path: 'orderId' },
      schedule: { type: 'once' },
    });
    const placed = await place(token, acct, { type: 1, limitPrice: 20_000 });
    expect(placed.json?.orderId).toBe('corrupted');
    expect(sim.ledger.truth(acct).openOrders).toHaveLength(1);
    expect(sim.faults.fired()[id]).toBe(1);
  });
});
