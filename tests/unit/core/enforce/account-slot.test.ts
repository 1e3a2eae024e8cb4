import { describe, expect, it } from 'vitest';
import {
  decisionEntry,
  intentKeyFor,
  newSlot,
  noteTrigger,
  stepEntry,
} from '../../../../src/core/enforce/account-slot';
import { emptyDesired } from '../../../../src/core/enforce/desired-state';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import type { EnforcementDecision } from '../../../../src/core/rules/decision';

const ES = 'CON.F.US.EP.Z26';
const T0 = 1_700_000_000_000;
const placeStop: PlanStep = { type: 'place-stop', contractId: ES, side: 1, size: 2, stopPrice: 4990.25, positionId: 9 };
const close: PlanStep = { type: 'close', contractId: ES, openSize: 3, why: 'flatten' };

describe('an account’s enforcement slot', () => {
  it('starts idle, with nothing asked and nothing running', () => {
    expect(newSlot(7)).toEqual({
      accountId: 7,
      pending: null,
      current: null,
      since: 0,
      running: null,
      retryTimer: null,
      failures: 0,
      refused: false,
      status: { state: 'idle' },
      keyUses: new Map(),
      triggers: [],
      sentFirst: null,
    });
  });

  it('remembers the last ten things that set it going, each once, the latest last', () => {
    const s = newSlot(7);
    for (let i = 1; i <= 12; i++) noteTrigger(s, `event ${i}`);
    expect(s.triggers).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => `event ${i}`));
    noteTrigger(s, 'event 5');
    expect(s.triggers).toEqual([3, 4, 6, 7, 8, 9, 10, 11, 12, 5].map((i) => `event ${i}`));
  });
});

describe('the intent key of a stop placement', () => {
  it('is the same for the same stop in the same enforcement, so a resumed worker joins the first placement', () => {
    const a = newSlot(7);
    a.since = T0;
    const b = newSlot(7);
    b.since = T0;
    expect(intentKeyFor(a, placeStop)).toBe(`protect-stop:7:${ES}:9:4990.25:2:${T0}`);
    expect(intentKeyFor(b, placeStop)).toBe(intentKeyFor(newSlotAt(T0), placeStop));
  });

  it('gets a new suffix each time this run places that stop again (the trader cancelled it)', () => {
    const s = newSlotAt(T0);
    const base = `protect-stop:7:${ES}:9:4990.25:2:${T0}`;
    expect([intentKeyFor(s, placeStop), intentKeyFor(s, placeStop), intentKeyFor(s, placeStop)]).toEqual([
      base,
      `${base}#2`,
      `${base}#3`,
    ]);
  });

  it('is none for anything but a stop placement', () => {
    const s = newSlotAt(T0);
    expect(intentKeyFor(s, close)).toBeUndefined();
    expect(s.keyUses.size).toBe(0);
  });
});

function newSlotAt(since: number) {
  const s = newSlot(7);
  s.since = since;
  return s;
}

describe('what the journal says of a step', () => {
  const driving = () => {
    const s = newSlotAt(T0);
    s.current = {
      ...emptyDesired(),
      flat: true,
      causes: [
        { ruleId: 'dailyRealizedLoss', action: 'flatten', reason: 'day loss' },
        { ruleId: 'maxContracts', action: 'reduce-total', reason: 'too many' },
      ],
    };
    noteTrigger(s, 'GatewayUserTrade');
    return s;
  };

  it('names the step and its outcome, with the rules behind it and what set it going', () => {
    expect(stepEntry(driving(), close, { status: 'done', detail: 'closed 3' }, 2, T0 + 5)).toEqual({
      at: T0 + 5,
      kind: 'action',
      accountId: 7,
      message: `close 3 ${ES} (flatten): done (closed 3)`,
      data: {
        step: close,
        result: { status: 'done', detail: 'closed 3' },
        round: 2,
        causes: ['dailyRealizedLoss', 'maxContracts'],
        triggers: ['GatewayUserTrade'],
      },
    });
  });

  it('says an outcome without detail plainly, and a failure or an unknown outcome with its error', () => {
    const s = driving();
    expect(stepEntry(s, close, { status: 'done' }, 1, T0).message).toBe(`close 3 ${ES} (flatten): done`);
    expect(stepEntry(s, close, { status: 'failed', error: 'market closed', retryable: false }, 1, T0).message).toBe(
      `close 3 ${ES} (flatten): failed: market closed`,
    );
    expect(stepEntry(s, close, { status: 'unknown', error: 'timed out' }, 1, T0).message).toBe(
      `close 3 ${ES} (flatten): unknown: timed out`,
    );
  });

  it('names no rule when the slot drives nothing', () => {
    expect(stepEntry(newSlot(7), close, { status: 'done' }, 1, T0).data).toMatchObject({ causes: [] });
  });
});

describe('what the journal says of a decision', () => {
  const decision = (over: Partial<EnforcementDecision> = {}): EnforcementDecision => ({
    kind: 'enforce',
    ruleId: 'dailyRealizedLoss',
    accountId: 7,
    action: { type: 'flatten' },
    reason: 'Daily loss $1,000 reached',
    figures: { pnl: -1000, limit: 1000 },
    monitorOnly: false,
    ...over,
  });
  const lockout = { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } } as const;

  it('says why, what it does and that it locks, with the figures and the trigger', () => {
    expect(decisionEntry(decision({ lockout }), 'GatewayUserTrade', T0)).toEqual({
      at: T0,
      kind: 'decision',
      accountId: 7,
      ruleId: 'dailyRealizedLoss',
      message: 'Daily loss $1,000 reached: flatten the account and lockout',
      data: {
        ruleId: 'dailyRealizedLoss',
        action: { type: 'flatten' },
        lockout,
        figures: { pnl: -1000, limit: 1000 },
        trigger: 'GatewayUserTrade',
        monitorOnly: false,
      },
    });
  });

  it('without a lockout says only what it does, and records none', () => {
    const e = decisionEntry(decision(), undefined, T0);
    expect(e.message).toBe('Daily loss $1,000 reached: flatten the account');
    expect(e.data).toMatchObject({ lockout: null, trigger: undefined });
  });

  it('in monitor mode says what it would have done, and how it would have locked', () => {
    expect(decisionEntry(decision({ monitorOnly: true, lockout }), undefined, T0).message).toBe(
      'Monitor only: would have flatten the account and locked (lockout, account): Daily loss $1,000 reached',
    );
    expect(decisionEntry(decision({ monitorOnly: true }), undefined, T0).message).toBe(
      'Monitor only: would have flatten the account: Daily loss $1,000 reached',
    );
  });
});
