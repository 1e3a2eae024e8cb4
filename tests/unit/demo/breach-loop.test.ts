import { afterEach, describe, expect, it } from 'vitest';
import { measureBreachToClose } from '../../../scripts/demo/breach-loop';
import { startReferenceClient } from '../../../scripts/demo/reference-client';
import { startReferenceClientProcess } from '../../../scripts/demo/reference-client-process';
import { frontContract, startDemoSimulator } from '../../../scripts/demo/simulator';
import type { Simulator } from '../../../simulator/types';

// Real simulator and real sockets (the loop reads the simulator's own clocks), kept short.
const wait = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};
let sim: Simulator | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function setup() {
  sim = await startDemoSimulator(wait.now);
  const mes = frontContract(sim, 'MES');
  sim.market.setPrice(mes.id, 6850);
  const accountId = sim.demo.accountIds[1] ?? 0;
  return { sim, mes, accountId };
}

const loop = { size: 2, warmup: 1, maxUsedBeforeBreach: 150, settleMs: 5, wait };

/** The loop on MES over the set-up's account: `samples` breaches after the warm-up. */
function breaches(
  s: Awaited<ReturnType<typeof setup>>,
  samples: number,
  more: { warmup?: number; timeoutMs?: number } = {},
) {
  return measureBreachToClose({
    ...loop,
    sim: s.sim,
    accountId: s.accountId,
    contractId: s.mes.id,
    samples,
    timeoutMs: 3000,
    ...more,
  });
}

/** The reference client's options for the demo user (a wrong key to see a refusal). */
function clientOptions(sim: Simulator, accountId: number, maxContracts: number, apiKey = sim.demo.apiKey) {
  return {
    restUrl: sim.restUrl,
    userHubUrl: sim.userHubUrl,
    userName: sim.demo.userName,
    apiKey,
    accountId,
    maxContracts,
  };
}

describe('measureBreachToClose', () => {
  it('measures fill-to-closeContract for each breach the reference client closes, and leaves the account flat', async () => {
    const rig = await setup();
    const { sim, accountId } = rig;
    const ref = await startReferenceClient(clientOptions(sim, accountId, 1));
    try {
      const r = await breaches(rig, 3);
      expect(r.samples).toHaveLength(3);
      for (const ms of r.samples) expect(ms).toBeGreaterThan(0);
      expect(r.requestsPerBreach).toBe(1); // the reference client sends exactly one closeContract
      expect(r.requestsBeforeClose).toEqual([0, 0, 0]);
      // Flat once the close is applied: never before it arrived.
      expect(r.flatSamples).toHaveLength(3);
      for (const [i, ms] of r.flatSamples.entries()) expect(ms).toBeGreaterThanOrEqual(r.samples[i] ?? Number.NaN);
      expect(ref.closes()).toBe(4); // warm-up + samples
      expect(sim.ledger.truth(accountId).positions).toEqual([]);
      expect(sim.ledger.overCloses()).toEqual([]);
    } finally {
      await ref.stop();
    }
  });

  it('fails with what it waited for when nobody closes the breach', async () => {
    const rig = await setup();
    await expect(breaches(rig, 1, { timeoutMs: 200 })).rejects.toMatchObject({
      expected: `breach 1: a closeContract for account ${rig.accountId}`,
    });
  });
});

describe('startReferenceClient', () => {
  it('leaves positions within the limit alone', async () => {
    const { sim, mes, accountId } = await setup();
    const ref = await startReferenceClient(clientOptions(sim, accountId, 2));
    try {
      sim.trader.placeOrder(accountId, { contractId: mes.id, type: 2, side: 0, size: 2 });
      await new Promise((r) => setTimeout(r, 100));
      expect(ref.closes()).toBe(0);
      expect(sim.ledger.truth(accountId).positions[0]?.size).toBe(2);
    } finally {
      await ref.stop();
    }
  });

  it('refuses to start with a wrong API key', async () => {
    const { sim, accountId } = await setup();
    await expect(startReferenceClient(clientOptions(sim, accountId, 1, 'wrong'))).rejects.toThrow(/login failed/);
  });
});

describe('startReferenceClientProcess', () => {
  it('closes each breach from a process of its own and counts its closes', async () => {
    const rig = await setup();
    const { sim, accountId } = rig;
    const ref = await startReferenceClientProcess(clientOptions(sim, accountId, 1));
    try {
      const r = await breaches(rig, 2);
      expect(r.samples).toHaveLength(2);
      expect(r.requestsPerBreach).toBe(1);
      // The count comes back over the pipe after the close went out.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ref.closes()).toBe(3); // warm-up + samples
      expect(sim.ledger.truth(accountId).positions).toEqual([]);
    } finally {
      await ref.stop();
    }
    // Stopped: the next breach is nobody's to close.
    await expect(breaches(rig, 1, { warmup: 0, timeoutMs: 300 })).rejects.toMatchObject({
      expected: `breach 1: a closeContract for account ${accountId}`,
    });
  }, 30_000);

  it("fails to start with the child's reason when the login is refused", async () => {
    const { sim, accountId } = await setup();
    await expect(startReferenceClientProcess(clientOptions(sim, accountId, 1, 'wrong'))).rejects.toThrow(
      /reference client process: .*login failed/,
    );
  }, 30_000);
});
