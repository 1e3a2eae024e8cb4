import { describe, expect, it } from 'vitest';
import { PositionType } from '../../../../../src/core/gateway/enums';
import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { createRuleEngine, type EngineResult } from '../../../../../src/core/rules/engine/engine';
import { createRouter } from '../../../../../src/core/rules/engine/engine-routing';
import { emptyEngineMemory } from '../../../../../src/core/rules/rule-memory';
import type { AccountState, GuardState } from '../../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  accountState,
  CONTRACTS,
  DAY,
  ES,
  guardState,
  health,
  MNQ,
  NOW,
  position,
  positionEvent,
  quoteEvent,
  tick,
} from '../fixtures';

function lossConfig(): GuardConfig {
  const r = parseConfig({
    defaultProfile: { rules: { unrealizedLoss: { mode: 'enforce', perPosition: 150, total: 400 } } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

function routed(
  router: ReturnType<typeof createRouter>,
  state: GuardState,
  event: Parameters<typeof router.affectedAccounts>[1],
) {
  const n = router.affectedAccounts(state, event);
  return router.targets.slice(0, n).map((key, i) => {
    // The state at the same index is the account under that key.
    expect(router.targetStates[i]).toBe(state.accounts[key]);
    return key;
  });
}

describe('engine routing', () => {
  const holdsEs = accountState({ id: 1, positions: [position(ES, 1, 5000)] });
  const holdsMnq = accountState({ id: 2, positions: [position(MNQ, -1, 20000)] });
  const flat = accountState({ id: 3 });

  it('sends a quote to the accounts holding the contract, in key order', () => {
    const state = guardState([flat, holdsMnq, holdsEs]);
    const router = createRouter();
    expect(routed(router, state, quoteEvent(ES, 5001))).toEqual(['1']);
    expect(routed(router, state, quoteEvent(MNQ, 20001))).toEqual(['2']);
    expect(routed(router, state, quoteEvent('CON.F.US.GC.G27', 1))).toEqual([]);
  });

  it('sends a tick to every account and a position event to its own account only', () => {
    const state = guardState([holdsEs, holdsMnq, flat]);
    const router = createRouter();
    expect(routed(router, state, tick())).toEqual(['1', '2', '3']);
    const p = { ...position(MNQ, 1, 20000), accountId: 2 };
    expect(routed(router, state, positionEvent(p))).toEqual(['2']);
    expect(routed(router, state, positionEvent({ ...p, accountId: 99 }))).toEqual([]);
  });

  it('sends a contract’s details to the accounts holding it, and a health change to every account', () => {
    const state = guardState([flat, holdsMnq, holdsEs]);
    const router = createRouter();
    const contract = (id: string): DomainEvent => ({
      kind: 'contract',
      source: 'hub',
      receivedAt: NOW,
      contract: CONTRACTS[id] as (typeof CONTRACTS)[string],
    });
    expect(routed(router, state, contract(ES))).toEqual(['1']);
    expect(routed(router, state, contract(MNQ))).toEqual(['2']);
    expect(routed(router, state, { kind: 'health', source: 'local', receivedAt: NOW, health: health(NOW) })).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('lists the keys again when the accounts record is replaced (an account added or removed)', () => {
    const router = createRouter();
    const before = guardState([holdsEs]);
    expect(routed(router, before, quoteEvent(ES, 5001))).toEqual(['1']);
    const added = {
      ...before,
      accounts: { ...before.accounts, '4': accountState({ id: 4, positions: [position(ES, 2, 5000)] }) },
    };
    expect(routed(router, added, quoteEvent(ES, 5001))).toEqual(['1', '4']);
    expect(routed(router, added, tick())).toEqual(['1', '4']);
    const removed = { ...added, accounts: { '4': added.accounts['4'] as GuardState['accounts'][string] } };
    expect(routed(router, removed, quoteEvent(ES, 5001))).toEqual(['4']);
  });

  it('makes the engine evaluate an account added through a new accounts record on the next quote', () => {
    const cfg = lossConfig();
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
});
