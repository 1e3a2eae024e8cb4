import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { login, post } from './test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
afterEach(async () => {
  await sim?.stop();
});

async function control(action: string, body: unknown = {}) {
  const res = await fetch(`${sim.controlUrl}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { ok: boolean; result?: unknown; error?: string } };
}

describe('control HTTP API', () => {
  it('describes the simulator on GET /control', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const res = await fetch(sim.controlUrl);
    const json = (await res.json()) as { ok: boolean; result: Record<string, unknown> };
    expect(json.ok).toBe(true);
    expect(json.result).toMatchObject({ restUrl: sim.restUrl, userHubUrl: sim.userHubUrl, demo: sim.demo });
  });

  it('sets prices, trades as the trader, injects faults and reads the ledger truth', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const acct = sim.demo.accountIds[0];
    expect((await control('setPrice', { contractId: MNQ, price: 25_000 })).json.ok).toBe(true);
    const placed = await control('trader/place', {
      accountId: acct,
      order: { contractId: MNQ, type: 2, side: 0, size: 2 },
    });
    expect(placed.json.result).toMatchObject({ orderId: expect.any(Number) });
    const truth = await control('ledger/truth', { accountId: acct });
    expect(truth.json.result).toMatchObject({ positions: [{ contractId: MNQ, size: 2 }] });
    const fault = await control('faults/add', {
      spec: {
        target: { kind: 'rest', endpoint: '/api/Account/search' },
        effect: { type: 'http-error', status: 503 },
        schedule: { type: 'once' },
      },
    });
    const id = (fault.json.result as { id: string }).id;
    const token = await login(sim);
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(503);
    expect((await control('faults/fired')).json.result).toMatchObject({ [id]: 1 });
    await control('setCanTrade', { accountId: acct, canTrade: false });
    expect(sim.ledger.truth(acct ?? 0).account.canTrade).toBe(false);
    await control('trader/close', { accountId: acct, contractId: MNQ });
    expect(sim.ledger.truth(acct ?? 0).positions).toEqual([]);
  });

  it('voids a trade: the voided trade back, its P&L and costs out of the balance; an unknown trade is a 400', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const acct = sim.demo.accountIds[0] ?? 0;
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 1 });
    sim.market.setPrice(MNQ, 24_990);
    sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 1, size: 1 });
    const closeId = sim.ledger.truth(acct).trades[1]?.id;
    const voided = await control('voidTrade', { accountId: acct, tradeId: closeId });
    expect(voided.json).toMatchObject({ ok: true, result: { id: closeId, voided: true, profitAndLoss: -20 } });
    expect(sim.ledger.truth(acct)).toMatchObject({
      realizedPnl: 0,
      fees: 0.37,
      commissions: 0.25,
      account: { balance: 49_999.38 },
    });
    const unknown = await control('voidTrade', { accountId: acct, tradeId: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toContain('Trade 1 not found');
    expect((await control('voidTrade', { accountId: acct })).json.error).toContain('tradeId');
  });

  it('revokes the API key (login refused with errorCode 3, tokens dead) and restores it', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const { userName, apiKey } = sim.demo;
    const token = await login(sim);
    await control('revokeApiKey', {});
    const refused = await post(sim, '/api/Auth/loginKey', { userName, apiKey });
    expect(refused.json).toMatchObject({ success: false, errorCode: 3, token: null });
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(401);
    await control('restoreApiKey', { userName });
    expect((await post(sim, '/api/Auth/loginKey', { userName, apiKey })).json).toMatchObject({ success: true });
  });

  it('answers 404 for an unknown action and 400 for a bad body, and keeps serving', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    const unknown = await control('nope');
    expect(unknown.status).toBe(404);
    const bad = await control('setPrice', { contractId: MNQ, price: 'high' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('price');
    const trader = await control('trader/place', {
      accountId: 1,
      order: { contractId: MNQ, type: 2, side: 0, size: 1 },
    });
    expect(trader.status).toBe(400);
    expect((await control('price', { contractId: MNQ })).json.result).toEqual({ price: sim.market.price(MNQ) });
  });
});

describe('CLI', () => {
  it('prints the URLs, the demo user and key, serves until SIGINT and then exits cleanly', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['simulator/cli.ts', '--port', '0', '--seed', '3'], {
      cwd: root,
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const deadline = Date.now() + 15_000;
    while (!out.includes('Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(out).toMatch(/REST base\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/user hub\s+http:\/\/127\.0\.0\.1:\d+\/hubs\/user/);
    expect(out).toMatch(/market hub\s+http:\/\/127\.0\.0\.1:\d+\/hubs\/market/);
    expect(out).toMatch(/control API\s+http:\/\/127\.0\.0\.1:\d+\/control/);
    expect(out).toContain('demo user     demo');
    expect(out).toContain('account ids   9100001, 9100002');
    const base = /REST base\s+(\S+)/.exec(out)?.[1];
    const ping = await fetch(`${base}/api/Status/ping`, { method: 'POST' });
    expect(await ping.text()).toBe('pong');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
