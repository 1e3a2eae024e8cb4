import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USER } from '../../../simulator/defaults';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { type GuardHarness, startGuard, waitFor } from './guard-harness';

let sim: Simulator | undefined;
let harness: GuardHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  await sim?.stop();
});

describe('listAccounts (the options page’s and the replay’s account list)', () => {
  it('asks the gateway, not the state it has: an account opened since the last run is listed too', async () => {
    // Last run: the login had one account; the guard saved its state with it.
    const store = createMemoryStore();
    const first = await startSimulator({
      priceTickMs: 0,
      users: [{ ...DEMO_USER, accounts: DEMO_USER.accounts.slice(0, 1) }],
    });
    const before = startGuard(first, { store });
    await before.guard.start();
    await before.guard.setCredentials(first.demo.userName, first.demo.apiKey);
    await waitFor(() => Object.keys(before.guard.view().state.accounts).length === 1, 'the one account in state');
    await before.guard.flush();
    await before.stop();
    await first.stop();
    // Now the login has two; the reconciler has not read them yet.
    sim = await startSimulator({ priceTickMs: 0 });
    const refuse = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'business-error', errorCode: 1, errorMessage: 'refused' },
      schedule: { type: 'always' },
    });
    harness = startGuard(sim, { store });
    await harness.guard.start();
    await harness.guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    expect(Object.keys(harness.guard.view().state.accounts)).toHaveLength(1);
    sim.faults.remove(refuse);
    const accounts = await harness.guard.listAccounts();
    expect(accounts.map((x) => x.id).sort()).toEqual([...sim.demo.accountIds].sort());
  });

  it('falls back to the accounts it knows when the gateway cannot answer', async () => {
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200 });
    harness = startGuard(sim, { tuning: { requestTimeoutMs: 500 } });
    const { guard } = harness;
    await guard.start();
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    await waitFor(() => Object.keys(guard.view().state.accounts).length === 2, 'both accounts in state');
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'business-error', errorCode: 1, errorMessage: 'refused' },
      schedule: { type: 'always' },
    });
    expect((await guard.listAccounts()).map((x) => x.id).sort()).toEqual([...sim.demo.accountIds].sort());
  });
});
