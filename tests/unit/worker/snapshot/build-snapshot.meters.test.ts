import { describe, expect, it } from 'vitest';
import type { GuardView } from '../../../../src/core/guard/guard';
import { type GuardConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';
import { createRuleEngine } from '../../../../src/core/rules/engine/engine';
import { money } from '../../../../src/core/rules/measures/money';
import { type EngineMemory, emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import type { AccountState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import type { Meter } from '../../../../src/messaging/snapshot';
import { buildSnapshot } from '../../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import {
  ACCOUNT,
  accountState,
  DAY,
  guardState,
  MNQ,
  NOW,
  position,
  positionEvent,
  tick,
  trade,
  tradeEvent,
} from '../../core/rules/fixtures';
import { sampleView } from '../fixtures';

/**
 * The popup's meters count as the rules judge. For each rule with a meter, the figure the
 * snapshot shows is the figure the engine's decision carries on the same account state; where
 * the rule judges nothing (another day's figures, a picture still settling, an unknown price)
 * the meter says unknown rather than a number the rule does not stand behind.
 */

/** The account the rule fixtures' orders, trades and positions belong to. */
const ID = ACCOUNT;
const engine = createRuleEngine();
/** Every level warns, so each figure under its limit comes back in a warning's figures. */
const WARN_ALWAYS = [0.001];

function config(rules: Record<string, Record<string, unknown>>): GuardConfig {
  const r = parseConfig({ defaultProfile: { rules } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();

interface Seen {
  meter: Meter | undefined;
  figures: Array<Record<string, unknown>>;
  noted: Array<Record<string, unknown>>;
  memory: EngineMemory;
}

/** Runs the engine on `event`, then builds the snapshot from the memory it left: what the rule decided, what the popup shows. */
function judgeAndShow(
  ruleId: string,
  rules: Record<string, Record<string, unknown>>,
  account: AccountState,
  options: { prices?: Record<string, number>; event?: DomainEvent; memory?: EngineMemory } = {},
): Seen {
  const cfg = config(rules);
  const state = guardState([account], options.prices ?? {});
  const result = engine.evaluate({
    config: cfg,
    state,
    memory: options.memory ?? emptyEngineMemory(),
    event: options.event ?? tick(),
    now: NOW,
    tradingDay: DAY,
  });
  const view: GuardView = sampleView({
    config: cfg,
    state,
    now: NOW,
    tradingDay: DAY,
    ruleMemory: (id) => result.memory.accounts[String(id)],
  });
  const shown = buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === ID);
  return {
    meter: shown?.meters.find((m) => m.ruleId === ruleId),
    figures: result.decisions.filter((d) => d.ruleId === ruleId).map((d) => d.figures as Record<string, unknown>),
    noted: result.notes.filter((n) => n.ruleId === ruleId).map((n) => n.figures),
    memory: result.memory,
  };
}

describe('tradeFrequency: the meter counts the orders the rule counts', () => {
  const rules = (limits: Record<string, number | null>) => ({
    tradeFrequency: { mode: 'enforce', warnAt: WARN_ALWAYS, perMinute: null, perHour: null, perDay: null, ...limits },
  });

  it('shows the window nearest its limit: 3 of 3 in the last minute, not 3 of 50 today', () => {
    const trades = [1, 2, 3].map((orderId) => trade({ orderId, creationTimestamp: at(10_000 * orderId) }));
    const s = judgeAndShow(
      'tradeFrequency',
      rules({ perMinute: 3, perHour: 20, perDay: 50 }),
      accountState({ id: ID, trades }),
    );
    const minute = s.figures.find((f) => f.window === 'minute');
    expect(minute).toMatchObject({ orders: 3, limit: 3 });
    expect(s.meter).toMatchObject({ name: 'Orders in the last minute', value: 3, limit: 3, moreThan: true });
  });

  it('counts the partial fills of one order once and leaves out a fill without a readable time', () => {
    const trades = [
      trade({ orderId: 1, creationTimestamp: at(5_000) }),
      trade({ orderId: 1, creationTimestamp: at(4_000) }),
      trade({ orderId: 2, creationTimestamp: at(3_000) }),
      trade({ orderId: 3, creationTimestamp: 'not a time' }),
    ];
    const s = judgeAndShow('tradeFrequency', rules({ perDay: 50 }), accountState({ id: ID, trades }));
    expect(s.figures).toEqual([{ window: 'day', orders: 2, limit: 50 }]);
    expect(s.meter).toMatchObject({ name: 'Orders today', value: 2, limit: 50 });
  });

  it('does not show the orders of another trading day as today’s', () => {
    const trades = [1, 2, 3, 4].map((orderId) => trade({ orderId, creationTimestamp: at(90_000_000) }));
    const s = judgeAndShow(
      'tradeFrequency',
      rules({ perDay: 5 }),
      accountState({ id: ID, trades, tradingDay: '2026-11-24' }),
    );
    expect(s.figures).toEqual([]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('dailyRealizedLoss: the meter shows the loss the rule judges', () => {
  const rules = { dailyRealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 500 } };

  it('to the cent, fees counted', () => {
    const trades = [
      trade({ orderId: 1, profitAndLoss: -100.1, fees: 0.2 }),
      trade({ orderId: 2, profitAndLoss: -200.2, fees: 0.1 }),
    ];
    const s = judgeAndShow('dailyRealizedLoss', rules, accountState({ id: ID, trades }));
    expect(s.figures).toHaveLength(1);
    expect(s.meter?.value).toBe(-(s.figures[0]?.realizedPnl as number));
    expect(s.meter?.value).toBe(300.6);
  });

  it('does not show yesterday’s loss against today’s limit', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -450, creationTimestamp: at(90_000_000) })];
    const s = judgeAndShow('dailyRealizedLoss', rules, accountState({ id: ID, trades, tradingDay: '2026-11-24' }));
    expect(s.figures).toEqual([]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('maxContracts and maxContractsPerInstrument: the meters count the contracts the rules count', () => {
  it('open contracts in mini-equivalents, as the rule counts them', () => {
    const s = judgeAndShow(
      'maxContracts',
      { maxContracts: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 5, counting: 'mini' } },
      accountState({ id: ID, positions: [position(MNQ, 3, 21000)] }),
    );
    expect(s.figures[0]).toMatchObject({ openContracts: 0.3 });
    expect(s.meter).toMatchObject({ value: 0.3, limit: 5, moreThan: true });
  });

  it('the symbol nearest its own limit', () => {
    const s = judgeAndShow(
      'maxContractsPerInstrument',
      { maxContractsPerInstrument: { mode: 'enforce', warnAt: WARN_ALWAYS, limits: { MNQ: 4 } } },
      accountState({ id: ID, positions: [position(MNQ, 3, 21000)] }),
    );
    expect(s.figures[0]).toMatchObject({ root: 'MNQ', size: 3, limit: 4 });
    expect(s.meter).toMatchObject({ name: 'Open MNQ', value: 3, limit: 4, moreThan: true });
  });
});

describe('the open-P&L rules: the meter shows what the rule judges, unknown when it cannot', () => {
  it('unrealizedLoss: the account’s open loss against its total', () => {
    const s = judgeAndShow(
      'unrealizedLoss',
      { unrealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, perPosition: null, total: 800 } },
      accountState({ id: ID, positions: [position(MNQ, 2, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    // 2 MNQ long from 21000, last 20900: 400 ticks × $0.50 × 2 = −$400.
    expect(s.figures[0]).toMatchObject({ unrealizedPnl: -400, limit: 800 });
    expect(s.meter).toMatchObject({ name: 'Open loss', value: 400, limit: 800 });
  });

  it('unrealizedLoss: the worst position against the per-position limit when no total is set', () => {
    const s = judgeAndShow(
      'unrealizedLoss',
      { unrealizedLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, perPosition: 300, total: null } },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    expect(s.figures[0]).toMatchObject({ unrealizedPnl: -200, limit: 300 });
    expect(s.meter).toMatchObject({ name: 'Open loss, worst position', value: 200, limit: 300 });
  });

  it('unrealizedProfitTarget: unknown without a price, as the rule notes', () => {
    const s = judgeAndShow(
      'unrealizedProfitTarget',
      { unrealizedProfitTarget: { mode: 'enforce', warnAt: WARN_ALWAYS, total: 1000 } },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
    );
    expect(s.noted).toEqual([{ unrealizedPnl: 'unknown', contractId: MNQ }]);
    expect(s.meter).toMatchObject({ value: null, limit: 1000 });
  });

  it('dailyNetLoss: realized and open P&L against the firm’s limit less the buffer', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -300, fees: 2 })];
    const s = judgeAndShow(
      'dailyNetLoss',
      { dailyNetLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, firmLimit: 1000, buffer: 100 } },
      accountState({ id: ID, trades, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    // −$300 realized, $2 fees, −$200 open.
    expect(s.figures[0]).toMatchObject({ netPnl: -502, limit: 900 });
    expect(s.meter).toMatchObject({ name: 'Net loss today', value: 502, limit: 900 });
  });

  it('trailingDrawdown: how far equity is below the end-of-day high, against the distance to the guard', () => {
    const s = judgeAndShow(
      'trailingDrawdown',
      {
        trailingDrawdown: {
          mode: 'enforce',
          warnAt: WARN_ALWAYS,
          startingBalance: 50_000,
          maxLoss: 2000,
          buffer: 200,
          highEodSeed: 50_500,
        },
      },
      accountState({ id: ID, positions: [position(MNQ, 1, 21000)] }),
      { prices: { [MNQ]: 20900 } },
    );
    const f = s.figures[0] as { equity: number; guardLevel: number; highEod: number };
    // Balance $50,000, open −$200: equity $49,800; level min(50,500 − 2,000, 50,000) + 200 = $48,700.
    expect(f).toMatchObject({ equity: 49_800, guardLevel: 48_700, highEod: 50_500 });
    expect(s.meter).toMatchObject({
      name: 'Below the end-of-day high',
      value: money(f.highEod - f.equity),
      limit: money(f.highEod - f.guardLevel),
    });
  });
});

describe('trailingDailyLoss: the meter reads the settled day, as the rule judges it', () => {
  const rules = { trailingDailyLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 600 } };

  it('shows how far the day is below its high', () => {
    const account = accountState({
      id: ID,
      trades: [trade({ orderId: 1, profitAndLoss: 200, fees: 0 })],
      positions: [position(MNQ, 1, 21000)],
    });
    const first = judgeAndShow('trailingDailyLoss', rules, account, { prices: { [MNQ]: 21000 } });
    const s = judgeAndShow('trailingDailyLoss', rules, account, {
      prices: { [MNQ]: 20950 },
      memory: first.memory,
    });
    // High $200 (realized, open at entry); now $200 − $100 open = $100: $100 below the high.
    expect(s.figures[0]).toMatchObject({ dayPnl: 100, high: 200 });
    expect(s.meter).toMatchObject({ name: 'Below today’s high', value: 100, limit: 600 });
  });

  it('says unknown while a close is half-arrived (the trade in, the position not yet reduced)', () => {
    const open = position(MNQ, 2, 21000);
    const before = judgeAndShow('trailingDailyLoss', rules, accountState({ id: ID, positions: [open] }), {
      prices: { [MNQ]: 21100 },
      event: positionEvent(open),
    });
    const close = trade({ orderId: 9, profitAndLoss: 100, fees: 0 });
    const s = judgeAndShow('trailingDailyLoss', rules, accountState({ id: ID, trades: [close], positions: [open] }), {
      prices: { [MNQ]: 21100 },
      event: tradeEvent(close),
      memory: before.memory,
    });
    expect(s.figures).toEqual([]);
    expect(s.noted).toEqual([{ dayPnl: 'settling', contractId: MNQ }]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('the weekly limits: the meters show the week the rules judge', () => {
  it('weeklyLoss and weeklyTradeLimit', () => {
    const trades = [trade({ orderId: 1, profitAndLoss: -250, fees: 5 }), trade({ orderId: 2 })];
    const account = accountState({ id: ID, trades });
    const loss = judgeAndShow(
      'weeklyLoss',
      { weeklyLoss: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 1500 } },
      account,
    );
    expect(loss.figures[0]).toMatchObject({ weekRealizedPnl: -255 });
    expect(loss.meter).toMatchObject({ name: 'Week’s loss', value: 255, limit: 1500 });
    const count = judgeAndShow(
      'weeklyTradeLimit',
      { weeklyTradeLimit: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 20 } },
      account,
    );
    expect(count.figures[0]).toMatchObject({ weekTrades: 2 });
    expect(count.meter).toMatchObject({ name: 'Trades this week', value: 2, limit: 20 });
  });
});
