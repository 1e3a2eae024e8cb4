import { describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../../../src/core/gateway/enums';
import type { Position } from '../../../../../src/core/gateway/schemas';
import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { createRuleEngine, type EngineResult } from '../../../../../src/core/rules/engine/engine';
import { computeUnrealized } from '../../../../../src/core/rules/measures/unrealized';
import { emptyEngineMemory } from '../../../../../src/core/rules/rule-memory';
import type { AccountState, GuardState } from '../../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../../src/core/state/events';
import { positionUnrealizedPnl } from '../../../../../src/core/state/selectors';
import { CL, CONTRACTS, DAY, ES, health, MES, MNQ, NOW, NQ, trade } from '../fixtures';
import { referenceEvaluate } from './reference-engine';

/**
 * The optimized engine (reused context, account states beside their keys, per-kind slots, the
 * quoted position priced inside the account's sum) against the straightforward evaluation
 * written out here: a fresh context per account and rule, routing by Object.keys, the sum
 * without a focus (so `unrealizedLoss` / `unrealizedProfitTarget` look the quoted position up
 * themselves). Thousands of seeded random events; every step's decisions, notes and memory must
 * be equal, and memory must come back as the same object exactly when nothing changed.
 */

const IDS = [MNQ, MES, ES, NQ, CL];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Variant 'b' changes modes and limits: the run switches between the two (rules judge afresh). */
function config(variant: 'a' | 'b' = 'a'): GuardConfig {
  const enforce = { mode: 'enforce', warnAt: [0.5, 0.8] };
  const monitor = { ...enforce, mode: variant === 'b' ? 'monitor' : 'enforce' };
  const r = parseConfig({
    accountGroups: [{ name: 'copy', accountIds: [1, 2] }],
    monitoredAccountIds: [1, 2, 3, 4],
    defaultProfile: {
      rules: {
        maxContracts: { ...enforce, limit: variant === 'b' ? 5 : 6 },
        maxContractsPerInstrument: { ...enforce, limits: { ES: 2, NQ: 3 }, unknown: { mode: 'limit', limit: 3 } },
        dailyRealizedLoss: { ...monitor, limit: variant === 'b' ? 300 : 400 },
        unrealizedLoss: { ...monitor, perPosition: 150, total: 400 },
        unrealizedProfitTarget: { ...enforce, perPosition: 250, total: 600, lockAfterTotal: true },
        tradeFrequency: { ...monitor, perMinute: 3, perHour: 20, perDay: 50 },
        cooldownAfterLoss: { ...enforce, streak: { count: 2 } },
        stopLossRequired: { ...enforce, graceSec: 5 },
        tradingHours: { ...enforce, start: '00:00', end: '00:00', weekdays: [0, 1, 2, 3, 4, 5, 6] },
        tradingPermission: enforce,
        symbolBlocks: { ...enforce, roots: ['CLE'] },
        tradeManagement: { ...enforce, breakevenAfterTicks: 6, trailAfterTicks: 12, trailDistanceTicks: 4 },
        dailyNetLoss: { ...enforce, firmLimit: 600, buffer: 100 },
        trailingDailyLoss: { ...monitor, limit: variant === 'b' ? 250 : 350, lock: variant === 'a' },
        weeklyLoss: { ...enforce, limit: 700 },
        weeklyTradeLimit: { ...monitor, limit: 60 },
      },
    },
    // One account with its own, looser, thresholds: plans differ per account.
    accountOverrides: { '3': { rules: { unrealizedLoss: { mode: 'enforce', perPosition: 300, total: 900 } } } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const BASE_PRICE: Record<string, number> = { [MNQ]: 20000, [MES]: 5000, [ES]: 5000, [NQ]: 20000, [CL]: 70 };

/** Random market: mostly quotes, then positions opened, changed, reversed and closed, orders, trades, ticks. */
function randomRun(seed: number, steps: number) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const configs = [config('a'), config('b')];
  let nextId = 1;
  const accounts: Record<string, AccountState> = {};
  for (let a = 1; a <= 5; a++) {
    accounts[String(a)] = {
      account: { id: a, name: `A${a}`, balance: 50_000, canTrade: true, isVisible: true },
      positions: {},
      orders: {},
      trades: {},
      tradingDay: DAY.key,
      grossRealizedPnl: 0,
      fees: 0,
      positionOpenedAt: {},
      versions: {},
    };
  }
  // CL has no price until its first quote: unknown unrealized P&L must stay unknown.
  const last: Record<string, number> = { ...BASE_PRICE };
  let state: GuardState = {
    accounts,
    contracts: CONTRACTS,
    prices: Object.fromEntries(
      IDS.filter((id) => id !== CL).map((id) => [id, { contractId: id, price: last[id] ?? 0, at: NOW }]),
    ),
    health: health(),
  };
  const engine = createRuleEngine();
  let memory = emptyEngineMemory();
  let refMemory = emptyEngineMemory();
  let decided = 0;
  let kinds = new Set<string>();
  for (let n = 0; n < steps; n++) {
    const cfg = configs[Math.floor(n / 200) % 2] as GuardConfig;
    const now = NOW + n * 250;
    const r = rand();
    let event: DomainEvent;
    const account = state.accounts[String(1 + Math.floor(rand() * 5))] as AccountState;
    const contractId = pick(IDS);
    const tickSize = CONTRACTS[contractId]?.tickSize ?? 0.25;
    if (r < 0.65) {
      last[contractId] = Math.round(((last[contractId] ?? 0) + (rand() - 0.5) * 6 * tickSize) / tickSize) * tickSize;
      const price = last[contractId] ?? 0;
      state = { ...state, prices: { ...state.prices, [contractId]: { contractId, price, at: now } } };
      event = { kind: 'quote', source: 'hub', receivedAt: now, contractId, quote: { lastPrice: price } };
    } else if (r < 0.8) {
      const size = Math.floor(rand() * 4) - 1; // −1..2; 0 closes
      const p: Position = {
        id: nextId++,
        accountId: account.account.id,
        contractId,
        creationTimestamp: new Date(now).toISOString(),
        type: size < 0 || (size === 0 && rand() < 0.5) ? PositionType.Short : PositionType.Long,
        size: Math.abs(size),
        averagePrice: last[contractId] ?? 0,
      };
      const positions = { ...account.positions };
      const openedAt = { ...account.positionOpenedAt };
      if (p.size === 0) {
        delete positions[contractId];
        delete openedAt[contractId];
      } else {
        positions[contractId] = p;
        openedAt[contractId] = openedAt[contractId] ?? now;
      }
      const next = { ...account, positions, positionOpenedAt: openedAt };
      state = { ...state, accounts: { ...state.accounts, [String(account.account.id)]: next } };
      event = { kind: 'position', source: 'hub', receivedAt: now, position: p };
    } else if (r < 0.88) {
      const p = account.positions[contractId];
      const long = p?.type !== PositionType.Short;
      const o = {
        id: nextId++,
        accountId: account.account.id,
        contractId,
        creationTimestamp: new Date(now).toISOString(),
        status: rand() < 0.8 ? OrderStatus.Open : OrderStatus.Cancelled,
        type: OrderType.Stop,
        side: long ? OrderSide.Ask : OrderSide.Bid,
        size: 1,
        stopPrice: (last[contractId] ?? 0) + (long ? -1 : 1) * Math.floor(rand() * 20) * tickSize,
      };
      const orders = { ...account.orders };
      if (o.status === OrderStatus.Open) orders[String(o.id)] = o;
      state = {
        ...state,
        accounts: { ...state.accounts, [String(account.account.id)]: { ...account, orders } },
      };
      event = { kind: 'order', source: 'hub', receivedAt: now, order: o };
    } else if (r < 0.95) {
      const t = trade({
        orderId: nextId++,
        accountId: account.account.id,
        contractId,
        creationTimestamp: new Date(now).toISOString(),
        profitAndLoss: Math.round((rand() - 0.6) * 300),
        fees: 1.5,
      });
      const next = {
        ...account,
        trades: { ...account.trades, [String(t.id)]: t },
        grossRealizedPnl: account.grossRealizedPnl + (t.profitAndLoss ?? 0),
        fees: account.fees + (t.fees ?? 0),
      };
      state = { ...state, accounts: { ...state.accounts, [String(account.account.id)]: next } };
      event = { kind: 'trade', source: 'hub', receivedAt: now, trade: t };
    } else {
      event = { kind: 'tick', source: 'timer', receivedAt: now };
    }
    kinds.add(event.kind);
    const input = { config: cfg, state, memory, event, now, tradingDay: DAY };
    const got: EngineResult = engine.evaluate(input);
    const want = referenceEvaluate(cfg, state, refMemory, event, now, DAY);
    expect(got.decisions, `step ${n} (${event.kind})`).toEqual(want.decisions);
    expect(got.notes, `step ${n} notes`).toEqual(want.notes);
    expect(got.memory, `step ${n} memory`).toEqual(want.memory);
    expect(got.memory === memory, `step ${n} memory identity`).toBe(want.memory === refMemory);
    memory = got.memory;
    refMemory = want.memory;
    decided += got.decisions.length;
    if (got.notes.length > 0) kinds.add('note');
    for (const d of got.decisions)
      kinds.add(d.kind === 'warning' ? `${d.ruleId}:warning` : `${d.ruleId}:${d.action.type}`);
  }
  const seen = kinds;
  kinds = new Set();
  return { decided, kinds: seen };
}

describe('the optimized rule engine', () => {
  it('decides, notes and remembers exactly what the straightforward evaluation does over 4,000 random events, modes and limits switching every 200', () => {
    const covered = new Set<string>();
    for (const seed of [1, 7, 2026, 424242]) {
      const { decided, kinds } = randomRun(seed, 1000);
      expect(decided).toBeGreaterThan(100);
      for (const k of kinds) covered.add(k);
    }
    // The runs must exercise what was optimized, or equality would prove little.
    for (const k of [
      'quote',
      'position',
      'order',
      'trade',
      'tick',
      'note',
      'unrealizedLoss:close-position',
      'unrealizedLoss:flatten',
      'unrealizedLoss:warning',
      'unrealizedProfitTarget:close-position',
      'unrealizedProfitTarget:warning',
      'tradeManagement:protect-stop',
      'dailyNetLoss:flatten',
      'stopLossRequired:close-position',
      'trailingDailyLoss:flatten',
      'weeklyLoss:flatten',
    ]) {
      expect(covered, k).toContain(k);
    }
  });

  it('prices the quoted position inside the account sum exactly as positionUnrealizedPnl does', () => {
    const rand = rng(99);
    for (let n = 0; n < 2000; n++) {
      const positions: Record<string, Position> = {};
      for (const id of IDS) {
        if (rand() < 0.3) continue;
        const size = 1 + Math.floor(rand() * 5);
        positions[id] = {
          id: n * 10 + IDS.indexOf(id),
          accountId: 1,
          contractId: id,
          creationTimestamp: '2026-11-25T14:00:00Z',
          type: rand() < 0.5 ? PositionType.Short : PositionType.Long,
          size,
          averagePrice: (BASE_PRICE[id] ?? 100) + (rand() - 0.5) * 50,
        };
      }
      const prices = Object.fromEntries(
        IDS.filter(() => rand() < 0.9).map((id) => [
          id,
          { contractId: id, price: (BASE_PRICE[id] ?? 100) + (rand() - 0.5) * 60, at: NOW },
        ]),
      );
      const account = { positions } as AccountState;
      const focus = pick(IDS, rand);
      const got = computeUnrealized(
        account,
        { contracts: CONTRACTS, prices },
        {
          knownTotal: 0,
          unknownContractId: null,
        },
        focus,
      );
      // The sum the straightforward way (selectors), in the same order.
      let total = 0;
      let unknown: string | null = null;
      for (const [id, p] of Object.entries(positions)) {
        const u = positionUnrealizedPnl(p, CONTRACTS[id], prices[id]);
        if (u === null) unknown = id;
        else total += u;
      }
      const p = positions[focus];
      const focusWant = p ? positionUnrealizedPnl(p, CONTRACTS[focus], prices[focus]) : null;
      expect(got.knownTotal).toBe(total);
      expect(got.unknownContractId).toBe(unknown);
      expect(got.focusValue).toBe(focusWant);
      const plain = computeUnrealized(account, { contracts: CONTRACTS, prices }, got);
      expect(plain.focusValue).toBeUndefined();
      expect(plain.knownTotal).toBe(total);
    }
  });
});

function pick<T>(xs: readonly T[], rand: () => number): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}
