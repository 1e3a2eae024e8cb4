import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import {
  describeTrigger,
  handleDecisions,
  journalRuleFailures,
  sightingFrom,
} from '../../../../src/core/guard/decisions';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { Decision, EnforcementDecision } from '../../../../src/core/rules/decision';
import { createAccountState, createEmptyGuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { account, MNQ, order, position, T0, trade } from '../state/fixtures';

const at = { source: 'hub' as const, receivedAt: T0 };

describe('describeTrigger', () => {
  it('names each event kind briefly, without secrets', () => {
    expect(describeTrigger({ kind: 'trade', ...at, trade: trade({ id: 9, profitAndLoss: -50 }) })).toBe(
      `trade 9 (${MNQ}, P&L -50)`,
    );
    expect(describeTrigger({ kind: 'trade', ...at, trade: trade({ id: 9, profitAndLoss: null }) })).toContain(
      'half-turn',
    );
    expect(describeTrigger({ kind: 'position', ...at, position: position({ size: 3 }) })).toBe(
      `position ${MNQ} size 3`,
    );
    expect(describeTrigger({ kind: 'order', ...at, order: order({ id: 5, status: 1 }) })).toBe('order 5 status 1');
    expect(
      describeTrigger({
        kind: 'quote',
        ...at,
        contractId: MNQ,
        quote: {} as Extract<DomainEvent, { kind: 'quote' }>['quote'],
      }),
    ).toBe(`quote ${MNQ}`);
    expect(describeTrigger({ kind: 'account', ...at, account: account(7, { canTrade: false }) })).toBe(
      'account 7 canTrade false',
    );
    expect(describeTrigger({ kind: 'tick', source: 'timer', receivedAt: T0 })).toBe('tick (timer)');
  });
});

describe('handleDecisions', () => {
  const enforce: EnforcementDecision = {
    kind: 'enforce',
    ruleId: 'dailyRealizedLoss',
    accountId: 7,
    action: { type: 'flatten' },
    reason: 'limit',
    figures: { realizedPnl: -600 },
    monitorOnly: false,
  };
  const warning: Decision = {
    kind: 'warning',
    ruleId: 'dailyRealizedLoss',
    accountId: 7,
    fraction: 0.82,
    level: 0.8,
    message: 'Realized loss 410 of 500',
    figures: { realizedPnl: -410 },
  };
  const event: DomainEvent = { kind: 'trade', ...at, trade: trade({ id: 9, profitAndLoss: -50 }) };

  it('journals warnings and hands enforcements to the enforcer with the trigger, then notifies once', async () => {
    const journal = createMemoryJournal();
    const submitted: Array<[EnforcementDecision, string | undefined]> = [];
    let notified = 0;
    handleDecisions({
      decisions: [warning, enforce],
      event,
      enforcer: { submit: async (d, trigger) => void submitted.push([d as EnforcementDecision, trigger]) },
      journal,
      clock: { now: () => T0 },
      notify: () => (notified += 1),
    });
    await Promise.resolve();
    expect(journal.entries).toEqual([
      expect.objectContaining({
        kind: 'warning',
        accountId: 7,
        ruleId: 'dailyRealizedLoss',
        message: 'Realized loss 410 of 500',
        data: { fraction: 0.82, level: 0.8, figures: { realizedPnl: -410 }, trigger: describeTrigger(event) },
      }),
    ]);
    expect(submitted).toEqual([[enforce, describeTrigger(event)]]);
    expect(notified).toBe(1);
  });

  it('never throws when the enforcer or the journal rejects (the failure is theirs to journal)', async () => {
    const journal = createMemoryJournal();
    journal.append = () => Promise.reject(new Error('disk full'));
    expect(() =>
      handleDecisions({
        decisions: [warning, enforce],
        event,
        enforcer: { submit: () => Promise.reject(new Error('boom')) },
        journal,
        clock: { now: () => T0 },
        notify: () => undefined,
      }),
    ).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe('sightingFrom: what the enforcer may act on at once', () => {
  const state = createEmptyGuardState(T0);
  const acct = createAccountState(account(7), '2026-11-25');
  acct.positions = { [MNQ]: position({ size: 2 }) };
  acct.orders = { '500': order({ id: 500 }), '501': order({ id: 501, status: OrderStatus.Filled }) };
  state.accounts = { '7': acct };

  it('is the account right after the event: open positions, working orders, where and when the event came', () => {
    const event: DomainEvent = { kind: 'trade', ...at, trade: trade({ id: 9, side: 1, size: 1 }) };
    expect(sightingFrom(state, event, 7)).toEqual({
      positions: [position({ size: 2 })],
      orders: [order({ id: 500 })],
      source: 'hub',
      receivedAt: T0,
      fill: { contractId: MNQ, side: 1, size: 1 },
    });
  });

  it('names the contract whose size a hub position update carries (a reduction may be sized from it), and nothing when the account is unknown', () => {
    const hub: DomainEvent = { kind: 'position', ...at, position: position({ size: 2 }) };
    expect(sightingFrom(state, hub, 7)?.positionEventFor).toBe(MNQ);
    const rest: DomainEvent = { ...hub, source: 'reconcile' };
    expect(sightingFrom(state, rest, 7)?.positionEventFor).toBeUndefined();
    expect(sightingFrom(state, hub, 8)).toBeUndefined();
  });

  it('passes the sighting to the enforcer with each enforcement', async () => {
    const sightings: unknown[] = [];
    handleDecisions({
      decisions: [
        {
          kind: 'enforce',
          ruleId: 'maxContracts',
          accountId: 7,
          action: { type: 'flatten' },
          reason: 'over',
          figures: {},
          monitorOnly: false,
        },
      ],
      event: { kind: 'position', ...at, position: position({ size: 2 }) },
      state,
      enforcer: { submit: async (_d, _t, sighting) => void sightings.push(sighting) },
      journal: createMemoryJournal(),
      clock: { now: () => T0 },
      notify: () => undefined,
    });
    expect(sightings).toMatchObject([{ positionEventFor: MNQ, positions: [{ size: 2 }] }]);
  });
});

describe('journalRuleFailures', () => {
  it('journals a failing rule as an error naming the rule, the account and the event', async () => {
    const journal = createMemoryJournal();
    journalRuleFailures({
      failures: [{ ruleId: 'unrealizedLoss', accountId: 7, message: 'TypeError: boom', eventKind: 'quote' }],
      event: { kind: 'tick', source: 'timer', receivedAt: T0 },
      journal,
      clock: { now: () => T0 },
    });
    await Promise.resolve();
    expect(journal.entries).toMatchObject([
      {
        kind: 'error',
        accountId: 7,
        ruleId: 'unrealizedLoss',
        message: expect.stringContaining('TypeError: boom'),
        data: { eventKind: 'quote', trigger: 'tick (timer)' },
      },
    ]);
  });
});
