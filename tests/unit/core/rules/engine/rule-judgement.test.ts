import { describe, expect, it } from 'vitest';
import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { settingsSignature } from '../../../../../src/core/rules/engine/rule-judgement';
import { emptyEngineMemory, emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { GuardState } from '../../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  ACCOUNT,
  accountState,
  DAY,
  ES,
  enforcements,
  guardState,
  MNQ,
  NOW,
  position,
  quoteEvent,
  tick,
  trade,
  tradeEvent,
  warnings,
} from '../fixtures';
import { runEngine as run } from './engine-config';

/**
 * Hole: a breach seen in monitor mode recorded "would have flattened" and that record used up
 * the rule's one action for the day, so switching the rule to enforce afterwards did nothing.
 * After any change of mode or limit, a rule judges the account as it is now.
 */

function config(rules: Record<string, unknown>): GuardConfig {
  const r = parseConfig({ defaultProfile: { rules } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** Monitor first, then the same rule in enforce on the next event of the same kind. */
function monitorThenEnforce(
  ruleId: string,
  settings: Record<string, unknown>,
  state: GuardState,
  event: DomainEvent,
): { monitor: ReturnType<typeof run>; enforce: ReturnType<typeof run> } {
  const monitor = run(config({ [ruleId]: { ...settings, mode: 'monitor' } }), state, event, emptyEngineMemory());
  const enforce = run(config({ [ruleId]: { ...settings, mode: 'enforce' } }), state, event, monitor.memory);
  return { monitor, enforce };
}

const lostTrade = (loss: number) => trade({ orderId: 1, profitAndLoss: -loss });

describe('monitor, then enforce', () => {
  it('flattens and locks on daily realized loss once switched to enforce after a monitor-mode breach', () => {
    const t = lostTrade(600);
    const { monitor, enforce } = monitorThenEnforce(
      'dailyRealizedLoss',
      { limit: 500 },
      guardState([accountState({ trades: [t] })]),
      tradeEvent(t),
    );
    expect(enforcements(monitor.decisions)).toMatchObject([{ monitorOnly: true }]);
    expect(enforcements(enforce.decisions)).toMatchObject([
      { ruleId: 'dailyRealizedLoss', monitorOnly: false, action: { type: 'flatten' } },
    ]);
  });

  it('acts on the daily net loss guard once switched to enforce', () => {
    const t = lostTrade(950);
    const { enforce } = monitorThenEnforce(
      'dailyNetLoss',
      { firmLimit: 1000, buffer: 100 },
      guardState([accountState({ trades: [t] })]),
      tradeEvent(t),
    );
    expect(enforcements(enforce.decisions)).toMatchObject([{ ruleId: 'dailyNetLoss', monitorOnly: false }]);
  });

  it('acts on the trailing drawdown guard once switched to enforce', () => {
    const a = accountState();
    const account = { ...a, account: { ...a.account, balance: 48_100 } };
    const { enforce } = monitorThenEnforce(
      'trailingDrawdown',
      { startingBalance: 50_000, maxLoss: 2000, buffer: 200 },
      guardState([account]),
      { kind: 'account', source: 'hub', receivedAt: NOW, account: account.account },
    );
    expect(enforcements(enforce.decisions)).toMatchObject([{ ruleId: 'trailingDrawdown', monitorOnly: false }]);
  });

  it('acts on the account total of unrealized loss once switched to enforce', () => {
    const state = guardState([accountState({ positions: [position(ES, 2, 5000)] })], { [ES]: 4990 });
    const { enforce } = monitorThenEnforce(
      'unrealizedLoss',
      { perPosition: null, total: 500 },
      state,
      quoteEvent(ES, 4990),
    );
    expect(enforcements(enforce.decisions)).toMatchObject([
      { ruleId: 'unrealizedLoss', monitorOnly: false, action: { type: 'flatten' } },
    ]);
  });

  it('starts the trade-frequency cooldown once switched to enforce', () => {
    const trades = [1, 2, 3, 4].map((n) =>
      trade({ orderId: n, creationTimestamp: new Date(NOW - 10_000 + n).toISOString() }),
    );
    const { enforce } = monitorThenEnforce(
      'tradeFrequency',
      { perMinute: 3, perHour: null, perDay: null },
      guardState([accountState({ trades })]),
      tradeEvent(trades[3] as (typeof trades)[number]),
    );
    expect(enforcements(enforce.decisions)).toMatchObject([
      { ruleId: 'tradeFrequency', monitorOnly: false, lockout: { kind: 'cooldown' } },
    ]);
  });

  it('judges afresh after a limit change too: the warnings follow the limit in force', () => {
    const t = lostTrade(410);
    const state = guardState([accountState({ trades: [t] })]);
    const at500 = run(config({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } }), state, tradeEvent(t), {
      accounts: {},
    });
    expect(warnings(at500.decisions)).toMatchObject([{ level: 0.8 }]);
    // At $800 the same loss is 51 % of the limit: that level is warned about, at the new limit.
    const at800 = run(
      config({ dailyRealizedLoss: { mode: 'enforce', limit: 800 } }),
      state,
      tradeEvent(t),
      at500.memory,
    );
    expect(warnings(at800.decisions)).toMatchObject([{ level: 0.5, figures: { limit: 800 } }]);
  });

  it('keeps its one action per day while the settings stay the same', () => {
    const t = lostTrade(600);
    const state = guardState([accountState({ trades: [t] })]);
    const cfg = config({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } });
    const first = run(cfg, state, tradeEvent(t), emptyEngineMemory());
    // The same settings in a new config object (a save that changed another rule).
    const again = run(
      config({ dailyRealizedLoss: { mode: 'enforce', limit: 500 }, maxContracts: { limit: 3 } }),
      state,
      tradeEvent(t),
      first.memory,
    );
    expect(enforcements(first.decisions)).toHaveLength(1);
    expect(again.decisions).toEqual([]);
  });

  it('keeps what the stop-loss rule observed: a stop cancelled just now restarts the grace, even after a settings change', () => {
    const p = position(MNQ, 1, 100);
    const mem = emptyEngineMemory();
    mem.accounts[String(ACCOUNT)] = {
      ...emptyRuleMemory(DAY.key),
      latches: { [`stopLossRequired|seen|${MNQ}`]: { sig: String(p.id), until: 0 } },
      judgedWith: { stopLossRequired: 'older-settings' },
    };
    const state = guardState([accountState({ positions: [p], openedAt: { [MNQ]: NOW - 600_000 } })]);
    const r = run(config({ stopLossRequired: { mode: 'enforce', graceSec: 30 } }), state, tick(), mem);
    expect(r.decisions).toEqual([]);
    expect(r.memory.accounts[String(ACCOUNT)]?.stopGrace[MNQ]?.since).toBe(NOW);
  });
});

/**
 * Hole: at −$600 with the daily limit cut from $1,000 to $500, nothing happened until the next
 * fill, because the daily loss rule ignored timer ticks (the guard feeds a tick after every
 * config change). Every limit rule judges on a tick.
 */
describe('a tightened limit acts at once, on the tick that follows the change', () => {
  const loss = lostTrade(600);
  const cases: Array<{ rule: string; settings: Record<string, unknown>; state: GuardState }> = [
    {
      rule: 'dailyRealizedLoss',
      settings: { limit: 500 },
      state: guardState([accountState({ trades: [loss] })]),
    },
    {
      rule: 'dailyNetLoss',
      settings: { firmLimit: 600, buffer: 50 },
      state: guardState([accountState({ trades: [loss] })]),
    },
    {
      rule: 'unrealizedLoss',
      settings: { perPosition: null, total: 200 },
      state: guardState([accountState({ positions: [position(ES, 1, 5000)] })], { [ES]: 4990 }),
    },
    {
      rule: 'maxContracts',
      settings: { limit: 1, counting: 'contracts' },
      state: guardState([accountState({ positions: [position(ES, 2, 5000)] })]),
    },
    {
      rule: 'maxContractsPerInstrument',
      settings: { limits: { ES: 1 } },
      state: guardState([accountState({ positions: [position(ES, 2, 5000)] })]),
    },
    {
      rule: 'tradeFrequency',
      settings: { perMinute: null, perHour: null, perDay: 1 },
      state: guardState([
        accountState({
          trades: [trade({ orderId: 1 }), trade({ orderId: 2 })],
        }),
      ]),
    },
  ];
  it.each(cases)('$rule judges on a timer tick', ({ rule, settings, state }) => {
    const r = run(config({ [rule]: { ...settings, mode: 'enforce' } }), state, tick(), emptyEngineMemory());
    expect(enforcements(r.decisions).map((d) => d.ruleId)).toContain(rule);
  });
});

describe('the settings signature', () => {
  it('stays the same from one version to the next: it is stored with the memory the guard persists', () => {
    // A signature computed differently after an update would make every rule forget its latches
    // at the first event and decide again: a second flatten for the same breach.
    expect(settingsSignature({ mode: 'enforce', limit: 500 })).toBe('7tja42');
    expect(settingsSignature({ mode: 'enforce', limit: 501 })).not.toBe('7tja42');
  });
});
