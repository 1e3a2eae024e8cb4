import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProbeArgs } from '../../../scripts/probe/args';
import { runProbe } from '../../../scripts/probe/probe';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { createSignalRHubFactory } from '../../../src/core/realtime/hub-transport';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 100, pingIntervalMs: 5000 });
});
afterEach(async () => {
  await sim.stop();
});

const args = (seconds: number) =>
  parseProbeArgs(['--gateway', sim.restUrl, '--user', sim.demo.userName, '--seconds', String(seconds)]);

/** The trader trades while the probe listens: orders, fills, positions, trades on the user hub. */
function tradeWhileListening(ms: number): Promise<void> {
  const accountId = sim.demo.accountIds[0] as number;
  const mnq = sim.contracts.find((c) => c.id.includes('.MNQ.'))?.id as string;
  sim.trader.placeOrder(accountId, { contractId: mnq, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  sim.trader.placeOrder(accountId, { contractId: mnq, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
  return new Promise((r) => setTimeout(r, ms));
}

const deps = (overrides: Partial<Parameters<typeof runProbe>[2]> = {}) => ({
  fetch: globalThis.fetch,
  hubFactory: createSignalRHubFactory(),
  now: () => Date.now(),
  sleep: tradeWhileListening,
  ...overrides,
});

describe('npm run probe against the simulator', () => {
  it('reads and listens, accepts every payload through the guard’s own schemas and parser, and leaks no secret', async () => {
    const result = await runProbe(args(1.5), sim.demo.apiKey, deps());
    expect(result.exitCode).toBe(0);
    expect(result.report.errors).toEqual([]);
    const kinds = result.report.kinds;
    for (const k of [
      'REST /api/Account/search',
      'REST /api/Contract/available',
      'REST /api/Position/searchOpen',
      'REST /api/Order/searchOpen',
      'REST /api/Trade/search',
      'user:GatewayUserOrder',
      'user:GatewayUserTrade',
      'user:GatewayUserPosition',
      'market:GatewayQuote',
    ])
      expect(Object.keys(kinds)).toContain(k);
    expect(kinds['user:GatewayUserTrade']?.payloads).toBeGreaterThan(0);
    expect(result.report.totals.rejected).toBe(0);
    expect(result.lines.at(-1)).toBe(`probe: ${result.report.totals.payloads} payloads, 0 rejected`);
    const everything = `${result.json}\n${result.lines.join('\n')}`;
    expect(everything).not.toContain(sim.demo.apiKey);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    for (const id of sim.demo.accountIds) expect(everything).not.toContain(String(id));
    expect(everything).not.toMatch(new RegExp(`\\b${sim.demo.userName}\\b`));
  });

  it('names a rejected payload by its zod path and the fields the schemas do not know, and exits non-zero', async () => {
    const tampering: typeof globalThis.fetch = async (input, init) => {
      const res = await globalThis.fetch(input, init);
      if (!String(input).endsWith('/api/Account/search')) return res;
      const body = (await res.json()) as { accounts: Array<Record<string, unknown>> };
      const [first, second] = body.accounts;
      if (first) first.riskTier = 'B';
      if (second) second.balance = 'a lot';
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const result = await runProbe(args(0), sim.demo.apiKey, deps({ fetch: tampering, sleep: async () => {} }));
    expect(result.exitCode).toBe(1);
    const accounts = result.report.kinds['REST /api/Account/search'];
    expect(accounts).toMatchObject({ payloads: 2, accepted: 1, rejected: 1, unknownFields: { riskTier: 1 } });
    expect(Object.keys(accounts?.rejections ?? {})).toEqual([expect.stringMatching(/^balance: /)]);
    expect(result.lines.at(-1)).toMatch(/^probe: \d+ payloads, 1 rejected$/);
  });

  it('runs from the command line with the key from the environment only', async () => {
    const run = promisify(execFile);
    const cli = ['tsx', 'scripts/probe/main.ts', '--gateway', sim.restUrl, '--user', sim.demo.userName];
    const ok = await run('npx', [...cli, '--seconds', '0'], {
      cwd: ROOT,
      env: { ...process.env, PROJECTX_API_KEY: sim.demo.apiKey },
    });
    expect(ok.stdout.trim().split('\n').at(-1)).toMatch(/^probe: \d+ payloads, 0 rejected$/);
    const refused = await run('npx', [...cli, '--api-key', sim.demo.apiKey], { cwd: ROOT }).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(String(refused.stderr)).toContain('PROJECTX_API_KEY');
  }, 30_000);
});
