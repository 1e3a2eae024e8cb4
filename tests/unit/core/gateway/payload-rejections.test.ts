import { describe, expect, it } from 'vitest';
import { createAuthTransport } from '../../../../src/core/auth/auth-transport';
import {
  createPayloadRejections,
  mergeRejectionStats,
  type PayloadRejections,
} from '../../../../src/core/gateway/payload-rejections';
import { createRestClient } from '../../../../src/core/gateway/rest-client';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { FetchLike } from '../../../../src/core/ports';
import { jsonResponse, ok, passThroughExecutor, scripted } from './fakes';
import { account, BASE, clock, failure } from './rest-client-fixture';

function restClient(fetch: FetchLike, rejections: PayloadRejections) {
  const tokens = {
    getToken: async () => 'eyJhbGciOi.secret-token.sig',
    onUnauthorized: async () => 'eyJhbGciOi.secret-token.sig',
  };
  return createRestClient({ baseUrl: BASE, fetch, executor: passThroughExecutor(), tokens, clock, rejections });
}

const trade = {
  id: 9_876_543_210,
  accountId: 9_100_001,
  contractId: 'CON.F.US.MNQ.Z26',
  creationTimestamp: '2026-11-25T14:00:00.1234567+00:00',
  price: 21_000,
  profitAndLoss: null,
  fees: 0.37,
  side: 0,
  size: 1,
  voided: false,
  orderId: 5_550_001,
};

describe('payload rejections', () => {
  it('counts every rejection by kind and reason, and journals only the first of each kind', async () => {
    const journal = createMemoryJournal();
    const rejections = createPayloadRejections({ clock, journal });
    for (let k = 0; k < 3; k++)
      rejections.record({ kind: 'rest:Trade/search', reason: `trades.${k}.price: bad`, message: (r) => r, data: {} });
    rejections.record({ kind: 'user:GatewayUserTrade', reason: 'invalid trade', message: (r) => r, data: {} });
    expect(rejections.stats()).toEqual({
      rejected: 4,
      byKind: { 'rest:Trade/search': 3, 'user:GatewayUserTrade': 1 },
      byReason: { 'trades.N.price: bad': 3, 'invalid trade': 1 },
    });
    await Promise.resolve();
    expect(journal.entries.map((e) => [e.kind, e.message])).toEqual([
      ['malformed-event', 'trades.N.price: bad'],
      ['malformed-event', 'invalid trade'],
    ]);
  });

  it('merges hub and REST figures into one guard-health figure', () => {
    const hub = { rejected: 2, byKind: { 'user:GatewayUserOrder': 2 }, byReason: { x: 2 } };
    const rest = { rejected: 1, byKind: { 'rest:Position/searchOpen': 1 }, byReason: { x: 1 } };
    expect(mergeRejectionStats(hub, rest)).toEqual({
      rejected: 3,
      byKind: { 'user:GatewayUserOrder': 2, 'rest:Position/searchOpen': 1 },
      byReason: { x: 3 },
    });
  });
});

describe('REST answers that fail validation', () => {
  it('are counted by endpoint kind and journaled once per kind, redacted: no token, account and trade ids masked', async () => {
    const journal = createMemoryJournal();
    const rejections = createPayloadRejections({ clock, journal });
    const tampered = { ...trade, price: 'NaN' };
    const api = restClient(
      scripted(
        ok({ trades: [trade, tampered] }),
        ok({ trades: [tampered] }),
        ok({ accounts: [{ ...account, id: 9_100_001, balance: '50000' }] }),
      ),
      rejections,
    );
    const range = { accountId: 9_100_001, startTimestamp: '2026-11-25T00:00:00Z' };
    expect((await failure(api.searchTrades(range))).kind).toBe('invalid-response');
    expect((await failure(api.searchTrades(range))).kind).toBe('invalid-response');
    expect((await failure(api.searchAccounts({ onlyActiveAccounts: true }))).kind).toBe('invalid-response');

    expect(rejections.stats()).toMatchObject({
      rejected: 3,
      byKind: { 'rest:Trade/search': 2, 'rest:Account/search': 1 },
    });
    await Promise.resolve();
    expect(journal.entries).toHaveLength(2);
    const [first] = journal.entries;
    expect(first).toMatchObject({
      kind: 'malformed-event',
      accountId: null,
      data: { endpoint: '/api/Trade/search', answer: 'object{success,errorCode,errorMessage,trades}' },
    });
    expect(first?.message).toContain('Trade/search');
    expect(first?.message).toContain('trades.N.price');
    const text = JSON.stringify(journal.entries);
    for (const secret of ['secret-token', '9100001', '9876543210', '5550001', 'NaN', '50000'])
      expect(text).not.toContain(secret);
  });

  it('counts an answer that is not JSON or has no envelope, and leaves refusals and good answers alone', async () => {
    const rejections = createPayloadRejections({ clock });
    const api = restClient(
      scripted(
        jsonResponse(200, '<html>maintenance</html>'),
        jsonResponse(200, { positions: [] }),
        jsonResponse(200, { success: false, errorCode: 1, errorMessage: 'Account not found' }),
        jsonResponse(500, { title: 'oops' }),
        ok({ positions: [] }),
      ),
      rejections,
    );
    for (let k = 0; k < 5; k++) await api.searchOpenPositions({ accountId: 7 }).catch(() => undefined);
    expect(rejections.stats()).toMatchObject({ rejected: 2, byKind: { 'rest:Position/searchOpen': 2 } });
  });

  it('counts a sign-in answer that fails its schema, and never journals the key or a token', async () => {
    const journal = createMemoryJournal();
    const rejections = createPayloadRejections({ clock, journal });
    const auth = createAuthTransport({
      fetch: scripted(ok({ token: '' })),
      baseUrl: BASE,
      rejections,
    });
    expect((await failure(auth.login('demo', 'sim-demo-key-7f3a9c2e51b84d06'))).kind).toBe('invalid-response');
    expect(rejections.stats().byKind).toEqual({ 'rest:Auth/loginKey': 1 });
    await Promise.resolve();
    expect(JSON.stringify(journal.entries)).not.toContain('sim-demo-key');
  });
});
