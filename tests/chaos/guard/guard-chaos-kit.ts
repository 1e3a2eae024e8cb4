import { afterEach, expect } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { LedgerEntry, Simulator, SimulatorOptions } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { defaultConfig, type GuardConfig } from '../../../src/core/rules/config/config-schema';
import { type GuardHarness, type StartGuardOptions, startGuard, waitFor } from '../../integration/guard/guard-harness';
import { pictureOf, truthOf } from '../../integration/realtime/harness';

/**
 * Shared pieces of the composed-guard chaos tests: a simulator + the real guard (real fetch,
 * SignalR, timers), configs with rules in 'enforce', and the ledger assertions every test
 * ends with — flat, no duplicate order, no over-close, and the guard's picture equal to
 * the simulator's ground truth.
 */

export const MNQ = 'CON.F.US.MNQ.Z26';
export const MES = 'CON.F.US.MES.Z26';

export interface ChaosRig {
  sim: Simulator;
  harness: GuardHarness;
  accountId: number;
}

/** Daily realized loss in 'enforce' at `limit` (fees count, as by default). */
export function enforcingDailyLoss(limit: number, base: GuardConfig = defaultConfig()): GuardConfig {
  const config = structuredClone(base);
  config.defaultProfile.rules.dailyRealizedLoss = {
    ...config.defaultProfile.rules.dailyRealizedLoss,
    mode: 'enforce',
    limit,
  };
  return config;
}

/** Max contracts in 'enforce' at `limit` mini-equivalents (the default counting: a micro is 0.1). */
export function enforcingMaxContracts(
  limit: number,
  action: 'reduce' | 'flatten',
  base: GuardConfig = defaultConfig(),
): GuardConfig {
  const config = structuredClone(base);
  config.defaultProfile.rules.maxContracts = {
    ...config.defaultProfile.rules.maxContracts,
    mode: 'enforce',
    limit,
    action,
  };
  return config;
}

export interface RigOptions {
  sim?: SimulatorOptions;
  config?: GuardConfig;
  harness?: StartGuardOptions;
}

/** A simulator and the guard signed in to it, settled; a start that fails part-way stops what it started. */
async function startRig(options: RigOptions = {}): Promise<ChaosRig> {
  const sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 500, ...options.sim });
  let harness: GuardHarness | undefined;
  try {
    harness = startGuard(sim, options.harness);
    const rig: ChaosRig = { sim, harness, accountId: sim.demo.accountIds[0] as number };
    await settle(rig, options.config);
    return rig;
  } catch (error) {
    await harness?.stop().catch(() => undefined);
    await sim.stop();
    throw error;
  }
}

async function settle({ sim, harness: { guard }, accountId }: ChaosRig, config: GuardConfig | undefined) {
  await guard.start();
  // Every test config only tightens the defaults: all of it is in force at once.
  if (config) expect(await guard.saveConfig(config)).toMatchObject({ ok: true, pending: null });
  await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
  await waitFor(() => guard.view().state.accounts[String(accountId)], 'the account from the first reconcile');
  await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub', 10_000);
  await waitSubscribed(sim, accountId);
  // Queued behind any reconcile still in flight: when it resolves, the start-up reads are done.
  await guard.reconcile('test: start-up settled');
  sim.market.setPrice(MNQ, 21_000);
  sim.market.setPrice(MES, 6_000);
}

/**
 * One rig per test, stopped after it even when the test throws part-way: registers the
 * afterEach where it is called (file or describe) and returns `start`, which starts a rig
 * and remembers it for that teardown.
 */
export function rigPerTest(): { start: (options?: RigOptions) => Promise<ChaosRig> } {
  const started: ChaosRig[] = [];
  afterEach(async () => {
    // All of them, even if stopping one fails: a live simulator would hold the worker open.
    const results = await Promise.allSettled(started.splice(0).map((rig) => stopRig(rig)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
  return {
    start: async (options) => {
      const rig = await startRig(options);
      started.push(rig);
      return rig;
    },
  };
}

/** The guard's user-hub connection carries the account's trades (else only a reconcile could see them). */
export function waitSubscribed(sim: Simulator, accountId: number, timeoutMs = 10_000) {
  return waitFor(
    () =>
      sim.hubs
        .connections('user')
        .some((c) => ['trades', 'positions', 'orders'].every((k) => c.subscriptions.includes(`${k}:${accountId}`))),
    `the user hub subscriptions of ${accountId}`,
    timeoutMs,
  );
}

/** Harness first (its sockets), then the simulator. */
async function stopRig(rig: ChaosRig | undefined): Promise<void> {
  if (!rig) return;
  await rig.harness.stop().catch(() => undefined);
  await rig.sim.stop();
}

/**
 * The trader loses past a $100 limit on MNQ and keeps 1 contract open: buys 2 at 21 000,
 * sells 1 at 20 800 (−$400 realized). The guard must close the remaining contract and lock.
 */
export function traderLosesPastLimit(sim: Simulator, accountId: number): void {
  sim.market.setPrice(MNQ, 21_000);
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
  sim.market.setPrice(MNQ, 20_800);
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
}

/** A market order of the trader on MNQ. */
export const marketOrder = (sim: Simulator, accountId: number, side: OrderSide, size: number) =>
  sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side, size });

export function isFlat(sim: Simulator, accountId: number): boolean {
  const t = sim.ledger.truth(accountId);
  return t.positions.length === 0 && t.openOrders.length === 0;
}

export const waitFlat = (sim: Simulator, accountId: number, timeoutMs = 15_000) =>
  waitFor(() => isFlat(sim, accountId), `account ${accountId} flat with no working order`, timeoutMs);

export const waitLocked = (rig: ChaosRig, timeoutMs = 10_000) =>
  waitFor(
    () => rig.harness.guard.view().lockouts.some((l) => l.accountId === rig.accountId),
    `a lockout on ${rig.accountId}`,
    timeoutMs,
  );

type CloseRequest = Extract<LedgerEntry, { type: 'close-request' }>;

/** Close requests that found nothing (or less) to close: a guard closing what was already closed. */
export function wastedCloses(sim: Simulator, accountId?: number): CloseRequest[] {
  return sim.ledger
    .entries({ type: 'close-request', ...(accountId === undefined ? {} : { accountId }) })
    .filter((e): e is CloseRequest => e.type === 'close-request' && !e.applied);
}

/** Guard tags (customTag `rg-…`) that produced more than one order. */
export function duplicateTags(sim: Simulator, accountId: number): string[] {
  const tags = new Set<string>();
  for (const o of sim.ledger.truth(accountId).orders) if (o.customTag?.startsWith('rg-')) tags.add(o.customTag);
  return [...tags].filter((tag) => sim.ledger.ordersWithTag(accountId, tag).length > 1);
}

/** Applied close requests, in order (how many times the guard — or anyone — closed a position). */
export function appliedCloses(sim: Simulator, accountId: number): CloseRequest[] {
  return sim.ledger
    .entries({ type: 'close-request', accountId })
    .filter((e): e is CloseRequest => e.type === 'close-request' && e.applied);
}

/** Waits until the guard's picture equals the ledger; returns both for an exact assertion with a diff. */
export async function settledPicture(rig: ChaosRig, accountId = rig.accountId, timeoutMs = 10_000) {
  const picture = () => pictureOf(rig.harness.guard.view().state, accountId);
  const truth = () => truthOf(rig.sim, accountId);
  await waitFor(
    () => JSON.stringify(picture()) === JSON.stringify(truth()),
    `account ${accountId} to match the ledger`,
    timeoutMs,
  ).catch(() => undefined);
  return { picture: picture(), truth: truth() };
}

/** The four assertions every chaos test ends with. */
export async function expectCleanEnd(rig: ChaosRig, accountId = rig.accountId): Promise<void> {
  const { sim, harness } = rig;
  await harness.guard.whenIdle(accountId);
  expect(sim.ledger.truth(accountId).positions).toEqual([]);
  expect(sim.ledger.truth(accountId).openOrders).toEqual([]);
  expect(duplicateTags(sim, accountId)).toEqual([]);
  expect(sim.ledger.overCloses()).toEqual([]);
  expect(wastedCloses(sim, accountId)).toEqual([]);
  const { picture, truth } = await settledPicture(rig, accountId);
  expect(picture).toEqual(truth);
}

/**
 * The worker dies and a new one starts over the same storage (IndexedDB) and journal: a new
 * guard, new sockets, the stored credentials. Waits until it sees the account again.
 */
export async function restartGuard(
  rig: ChaosRig,
  beforeStart?: () => void,
  options: Omit<StartGuardOptions, 'store' | 'journal'> = {},
): Promise<GuardHarness> {
  const { store, journal } = rig.harness;
  await rig.harness.stop();
  beforeStart?.();
  const next = startGuard(rig.sim, { ...options, store, journal });
  rig.harness = next;
  await next.guard.start();
  return next;
}

export async function waitConnected(rig: ChaosRig, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => rig.harness.guard.view().health.user.status === 'connected', 'the user hub', timeoutMs);
  await waitSubscribed(rig.sim, rig.accountId, timeoutMs);
}
