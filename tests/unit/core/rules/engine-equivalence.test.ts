import { describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../../src/core/gateway/enums';
import type { Position } from '../../../../src/core/gateway/schemas';
import { ALL_RULES } from '../../../../src/core/rules/all-rules';
import { effectiveRules, type GuardConfig, isMonitored, parseConfig } from '../../../../src/core/rules/config-schema';
import type { Decision, Figures } from '../../../../src/core/rules/decision';
import { createRuleEngine, type EngineResult, type RuleNote } from '../../../../src/core/rules/engine';
import { mirrorGroupLockouts } from '../../../../src/core/rules/group-lockouts';
import {
  type BaseSettings,
  computeUnrealized,
  type RuleContext,
  type TradingDayInfo,
  type UnrealizedSummary,
} from '../../../../src/core/rules/rule';
import {
  copyRuleMemory,
  type EngineMemory,
  emptyEngineMemory,
  emptyRuleMemory,
  type RuleMemory,
} from '../../../../src/core/rules/rule-memory';
import type { AccountState, GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { positionUnrealizedPnl } from '../../../../src/core/state/selectors';
import { CL, CONTRACTS, DAY, ES, health, MES, MNQ, NOW, NQ, trade } from './fixtures';

/**
 * The optimized engine (reused context, account states beside their keys, per-kind slots,
 * the quoted position priced inside the account's sum) against the straightforward
 * evaluation written out here: a fresh context per account and rule, routing by
 * Object.keys, the sum without a focus (so rules 4/5 look the quoted position up
 * themselves). Thousands of seeded random events; every step's decisions, notes and memory
 * must be equal, and memory must come back as the same object exactly when nothing changed.
 */

const IDS = [MNQ, MES, ES, NQ, CL];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function config(): GuardConfig {
  const enforce = { mode: 'enforce', warnAt: [0.5, 0.8] };
  const r = parseConfig({
    accountGroups: [{ name: 'copy', accountIds: [1, 2] }],
    monitoredAccountIds: [1, 2, 3, 4],
    defaultProfile: {
      rules: {
        maxContracts: { ...enforce, limit: 6 },
        maxContractsPerInstrument: { ...enforce, limits: { ES: 2, NQ: 3 }, unknown: { mode: 'limit', limit: 3 } },
        dailyRealizedLoss: { ...enforce, limit: 400 },
        unrealizedLoss: { ...enforce, perPosition: 150, total: 400 },
        unrealizedProfitTarget: { ...enforce, perPosition: 250, total: 600, lockAfterTotal: true },
        tradeFrequency: { ...enforce, perMinute: 3, perHour: 20, perDay: 50 },
        cooldownAfterLoss: { ...enforce, streak: { count: 2 } },
        stopLossRequired: { ...enforce, graceSec: 5 },
        tradingHours: { ...enforce, start: '00:00', end: '00:00', weekdays: [0, 1, 2, 3, 4, 5, 6] },
        tradingPermission: enforce,
        symbolBlocks: { ...enforce, roots: ['CLE'] },
        tradeManagement: { ...enforce, breakevenAfterTicks: 6, trailAfterTicks: 12, trailDistanceTicks: 4 },
        dailyNetLoss: { ...enforce, firmLimit: 600, buffer: 100 },
      },
    },
    // One account with its own, looser, thresholds: plans differ per account.
    accountOverrides: { '3': { rules: { unrealizedLoss: { mode: 'enforce', perPosition: 300, total: 900 } } } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const BASE_PRICE: Record<string, number> = { [MNQ]: 20000, [MES]: 5000, [ES]: 5000, [NQ]: 20000, [CL]: 70 };

interface Reference {
  decisions: Decision[];
  memory: EngineMemory;
  notes: RuleNote[];
}

/** The engine's contract, evaluated the plain way. */
function referenceEvaluate(
  cfg: GuardConfig,
  state: GuardState,
  memory: EngineMemory,
  event: DomainEvent,
  now: number,
  tradingDay: TradingDayInfo,
): Reference {
  const keys = Object.keys(state.accounts).filter((key) => {
    const a = state.accounts[key] as AccountState;
    switch (event.kind) {
      case 'account':
        return a.account.id === event.account.id;
      case 'order':
        return a.account.id === event.order.accountId;
      case 'position':
        return a.account.id === event.position.accountId;
      case 'trade':
        return a.account.id === event.trade.accountId;
      case 'quote':
        return a.positions[event.contractId] !== undefined;
      case 'contract':
        return a.positions[event.contract.id] !== undefined;
      default:
        return true;
    }
  });
  const decisions: Decision[] = [];
  const notes: RuleNote[] = [];
  let accounts: Record<string, RuleMemory> | null = null;
  const options = { countFees: cfg.countFees, failClosed: cfg.failClosed, blindGraceSec: cfg.blindGraceSec };
  for (const key of keys) {
    const account = state.accounts[key] as AccountState;
    const accountId = account.account.id;
    if (!isMonitored(cfg, accountId)) continue;
    const settingsById = effectiveRules(cfg, accountId) as unknown as Record<string, BaseSettings>;
    const rules = ALL_RULES.filter((r) => {
      const s = settingsById[r.id];
      return s !== undefined && s.mode !== 'off' && r.listensTo.includes(event.kind);
    });
    if (rules.length === 0) continue;
    const stored = memory.accounts[key];
    let base = stored ?? emptyRuleMemory(tradingDay.key);
    let draft: RuleMemory | null = null;
    if (stored && (stored.day !== tradingDay.key || event.kind === 'tick')) {
      let m: RuleMemory | null = null;
      if (stored.day !== tradingDay.key) {
        m = copyRuleMemory(stored);
        m.day = tradingDay.key;
        m.warned = {};
      }
      for (const [k, l] of Object.entries(stored.latches)) {
        if (l.until !== 0 && l.until <= now) {
          m ??= copyRuleMemory(stored);
          delete m.latches[k];
        }
      }
      if (m) base = draft = m;
    } else if (!stored) {
      draft = base;
    }
    for (const rule of rules) {
      const settings = settingsById[rule.id] as BaseSettings;
      const ctx: RuleContext<BaseSettings> & { memory: RuleMemory } = {
        accountId,
        account,
        market: state,
        settings,
        mode: settings.mode === 'monitor' ? 'monitor' : 'enforce',
        now,
        event,
        tradingDay,
        health: state.health,
        options,
        memory: draft ?? base,
        write() {
          if (!draft) {
            draft = copyRuleMemory(base);
            ctx.memory = draft;
          }
          return draft;
        },
        note(ruleId: string, figures: Figures) {
          notes.push({ ruleId, accountId, figures });
        },
        unrealized: (): UnrealizedSummary =>
          computeUnrealized(account, state, { knownTotal: 0, unknownContractId: null }),
      };
      decisions.push(...rule.evaluate(ctx));
    }
    if (draft) {
      accounts ??= { ...memory.accounts };
      accounts[key] = draft;
    }
  }
  const groups = new Map<number, number[]>();
  for (const g of cfg.accountGroups) for (const id of g.accountIds) groups.set(id, g.accountIds);
  return {
    decisions: decisions.length > 0 ? mirrorGroupLockouts(cfg, groups, state, decisions) : [],
    memory: accounts ? { ...memory, accounts } : memory,
    notes,
  };
}

/** Random market: mostly quotes, then positions opened, changed, reversed and closed, orders, trades, ticks. */
function randomRun(seed: number, steps: number) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const cfg = config();
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
  it('decides, notes and remembers exactly what the straightforward evaluation does over 4,000 random events', () => {
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
    ]) {
      expect(covered, k).toContain(k);
    }
  });

  it('routes a quote to an account added through a new accounts record (keys listed per record)', () => {
    const cfg = config();
    const engine = createRuleEngine();
    const mk = (id: number): AccountState => ({
      account: { id, name: `A${id}`, balance: 50_000, canTrade: true, isVisible: true },
      positions: {
        [ES]: {
          id: 900 + id,
          accountId: id,
          contractId: ES,
          creationTimestamp: '2026-11-25T14:00:00Z',
          type: PositionType.Long,
          size: 1,
          averagePrice: 5000,
        },
      },
      orders: {},
      trades: {},
      tradingDay: DAY.key,
      grossRealizedPnl: 0,
      fees: 0,
      positionOpenedAt: { [ES]: NOW },
      versions: {},
    });
    // ES 5000 → 4990: −40 ticks × 12.50 = −500, past the per-position loss of 150.
    const quote: DomainEvent = {
      kind: 'quote',
      source: 'hub',
      receivedAt: NOW,
      contractId: ES,
      quote: { lastPrice: 4990 },
    };
    const prices = { [ES]: { contractId: ES, price: 4990, at: NOW } };
    const one: GuardState = { accounts: { '1': mk(1) }, contracts: CONTRACTS, prices, health: health() };
    const first = engine.evaluate({
      config: cfg,
      state: one,
      memory: emptyEngineMemory(),
      event: quote,
      now: NOW,
      tradingDay: DAY,
    });
    const closes = (r: EngineResult) =>
      r.decisions
        .filter((d) => d.kind === 'enforce' && d.ruleId === 'unrealizedLoss' && d.action.type === 'close-position')
        .map((d) => d.accountId);
    expect(closes(first)).toEqual([1]);
    const two: GuardState = { ...one, accounts: { ...one.accounts, '4': mk(4) } };
    const second = engine.evaluate({
      config: cfg,
      state: two,
      memory: first.memory,
      event: quote,
      now: NOW,
      tradingDay: DAY,
    });
    expect(closes(second)).toEqual([4]);
    const gone: GuardState = { ...one, accounts: { '4': mk(4) } };
    const third = engine.evaluate({
      config: cfg,
      state: gone,
      memory: emptyEngineMemory(),
      event: quote,
      now: NOW,
      tradingDay: DAY,
    });
    expect(closes(third)).toEqual([4]);
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
