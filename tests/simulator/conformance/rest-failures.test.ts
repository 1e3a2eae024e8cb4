import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { EnvelopeSchema } from '../../../src/core/gateway/schemas';
import { login, post } from '../test-kit';
import { ENVELOPE_FIELDS, expectFields } from './shapes';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
let token = '';
let acct = 0;

beforeAll(async () => {
  sim = await startSimulator({ priceTickMs: 0 });
  token = await login(sim);
  acct = sim.demo.accountIds[0] ?? 0;
  sim.market.setPrice(MNQ, 25_000);
});
afterAll(async () => {
  await sim.stop();
});

const call = (path: string, body: unknown, t: string | null = token) => post(sim, path, body, t);

describe('REST conformance: failures', () => {
  it('answers 401 for a missing, malformed or expired token', async () => {
    expect((await call('/api/Account/search', { onlyActiveAccounts: true }, null)).status).toBe(401);
    expect((await call('/api/Account/search', { onlyActiveAccounts: true }, 'abc.def.ghi')).status).toBe(401);
    let t = Date.UTC(2026, 10, 25, 15);
    const s2 = await startSimulator({ priceTickMs: 0, now: () => t, tokenLifetimeSec: 60 });
    try {
      const tok = await login(s2);
      t += 61_000;
      expect((await post(s2, '/api/Account/search', { onlyActiveAccounts: true }, tok)).status).toBe(401);
      const v = await post(s2, '/api/Auth/validate', {}, tok);
      expect(v.status).toBe(200);
      expect(v.json).toMatchObject({ success: false, errorCode: 3, newToken: null });
    } finally {
      await s2.stop();
    }
  });

  it('refuses a bad API key with success:false', async () => {
    const r = await call('/api/Auth/loginKey', { userName: 'demo', apiKey: 'wrong' }, null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: false, token: null });
    expect(r.json?.errorCode).not.toBe(0);
  });

  it('answers a 400 problem for bad JSON, missing fields and wrong types, never a crash', async () => {
    for (const body of [
      '{not json',
      { contractId: MNQ },
      { accountId: 'x', contractId: MNQ, type: 2, side: 0, size: 1 },
    ]) {
      const r = await call('/api/Order/place', body);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.json).toMatchObject({ status: 400, title: expect.any(String), errors: expect.any(Object) });
    }
    expect((await call('/api/Account/search', { onlyActiveAccounts: true })).status).toBe(200);
  });

  it('checks place and modify bodies with the guard’s own schemas: what the guard would not send is a 400, by field', async () => {
    const good = { accountId: acct, contractId: MNQ, type: 1, side: 0, size: 1, limitPrice: 20_000 };
    for (const [field, value] of [
      ['side', 2],
      ['size', 0],
      ['customTag', 'x'.repeat(65)],
    ] as const) {
      const r = await call('/api/Order/place', { ...good, [field]: value });
      expect(r.status).toBe(400);
      expect(Object.keys((r.json?.errors ?? {}) as object)).toEqual([field]);
    }
    const placed = await call('/api/Order/place', good);
    expect(placed.json).toMatchObject({ success: true });
    const orderId = placed.json?.orderId;
    const resize = await call('/api/Order/modify', { accountId: acct, orderId, size: -1 });
    expect(resize.status).toBe(400);
    expect(Object.keys((resize.json?.errors ?? {}) as object)).toEqual(['size']);
    expect((await call('/api/Order/cancel', { accountId: acct, orderId })).json).toMatchObject({ success: true });
  });

  it('answers success:false errorCode 1 for an unknown account', async () => {
    const r = await call('/api/Position/searchOpen', { accountId: 1 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: false, errorCode: 1 });
    EnvelopeSchema.parse(r.json);
    expectFields(r.json, ENVELOPE_FIELDS);
    expect(typeof r.json?.errorMessage).toBe('string');
  });

  it('answers the documented business errors', async () => {
    const place = (extra: Record<string, unknown>) =>
      call('/api/Order/place', { accountId: acct, contractId: MNQ, type: 2, side: 0, size: 1, ...extra });
    expect((await place({ contractId: 'CON.F.US.XXX.Z26' })).json).toMatchObject({ success: false, errorCode: 8 });
    await place({ customTag: 'dup-1' });
    const dup = await place({ customTag: 'dup-1' });
    expect(dup.json).toMatchObject({ success: false, errorCode: 2 });
    expect(sim.ledger.ordersWithTag(acct, 'dup-1')).toHaveLength(1);
    const filled = sim.ledger.ordersWithTag(acct, 'dup-1')[0]?.id;
    const cancel = await call('/api/Order/cancel', { accountId: acct, orderId: filled });
    expect(cancel.json).toMatchObject({ success: false, errorCode: 2 });
    const open = sim.ledger.truth(acct).positions.find((p) => p.contractId === MNQ)?.size ?? 0;
    const tooBig = await call('/api/Position/partialCloseContract', {
      accountId: acct,
      contractId: MNQ,
      size: open + 1,
    });
    expect(tooBig.json).toMatchObject({ success: false, errorCode: 5 });
    expect(sim.ledger.overCloses()).toEqual([
      expect.objectContaining({ requestedSize: open + 1, openSizeBefore: open, applied: false }),
    ]);
    expect((await call('/api/Position/closeContract', { accountId: acct, contractId: MNQ })).json?.success).toBe(true);
    const flat = await call('/api/Position/closeContract', { accountId: acct, contractId: MNQ });
    expect(flat.json).toMatchObject({
      success: false,
      errorCode: 2,
      errorMessage: expect.stringContaining('No open position'),
    });
  });

  it('logs every request with endpoint, user, status and duration, without the API key', async () => {
    const entries = sim.requests.list('/api/Auth/loginKey');
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain(sim.demo.apiKey);
    expect(entries[0]).toMatchObject({
      endpoint: '/api/Auth/loginKey',
      userName: 'demo',
      httpStatus: 200,
      success: true,
    });
  });

  it('Auth/logout revokes the token', async () => {
    const t2 = await login(sim);
    expect((await call('/api/Auth/logout', {}, t2)).json?.success).toBe(true);
    expect((await call('/api/Account/search', { onlyActiveAccounts: true }, t2)).status).toBe(401);
  });
});

describe('HTTP plumbing', () => {
  it('answers CORS preflights and exposes Retry-After to pages', async () => {
    const pre = await fetch(`${sim.restUrl}/api/Order/place`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    const r = await call('/api/Account/search', { onlyActiveAccounts: true });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 404 for an unknown endpoint and 405 for a GET on a POST endpoint', async () => {
    expect((await call('/api/Order/explode', {})).status).toBe(404);
    expect((await fetch(`${sim.restUrl}/api/Account/search`)).status).toBe(405);
    expect((await call('/api/account/SEARCH', { onlyActiveAccounts: true })).status).toBe(200);
  });
});
