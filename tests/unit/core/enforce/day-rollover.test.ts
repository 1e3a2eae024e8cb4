import { describe, expect, it } from 'vitest';
import { newSlot } from '../../../../src/core/enforce/account-slot';
import { rollOverSlot } from '../../../../src/core/enforce/day-rollover';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';

const ES = 'CON.F.US.EP.Z26';
const NQ = 'CON.F.US.ENQ.Z26';
const RESET = 1_700_000_000_000;
const desired = (over: Partial<DesiredState>): DesiredState => ({ ...emptyDesired(), ...over });
const flat = desired({ flat: true, causes: [{ ruleId: 'dailyRealizedLoss', action: 'flatten', reason: 'day loss' }] });

function slot(since: number, current: DesiredState | null, pending: DesiredState | null = null) {
  const s = newSlot(7);
  s.since = since;
  s.current = current;
  s.pending = pending;
  return s;
}

describe('an unfinished enforcement at the trading-day reset', () => {
  it('closes only what was open at the reset, handed to the loop as new work from the reset on', () => {
    const s = slot(RESET - 1, flat);
    expect(rollOverSlot(s, RESET, { contractIds: [ES], orderIds: [41] })).toEqual({
      before: 'flat, no working orders',
      after: `no position in ${ES}; order 41 cancelled`,
    });
    expect(s).toMatchObject({
      since: RESET,
      current: null,
      pending: { flat: false, positionMax: { [ES]: 0 }, cancelOrderIds: [41], causes: flat.causes },
    });
  });

  it('carries both what was being driven and what arrived since', () => {
    const s = slot(RESET - 1, desired({ positionMax: { [NQ]: 1 } }), desired({ blockedRoots: ['CL'] }));
    expect(rollOverSlot(s, RESET, { contractIds: [], orderIds: [] })?.before).toBe(`|${NQ}| ≤ 1; nothing in CL`);
    expect(s.pending).toMatchObject({ positionMax: { [NQ]: 1 }, blockedRoots: ['CL'] });
  });

  it('rolls a slot once: one that started at or after the reset is left alone', () => {
    for (const since of [RESET, RESET + 1]) {
      const s = slot(since, flat);
      expect(rollOverSlot(s, RESET, { contractIds: [ES], orderIds: [] })).toBeNull();
      expect(s).toMatchObject({ since, current: flat, pending: null });
    }
  });

  it('leaves a slot with nothing unfinished alone', () => {
    const s = slot(RESET - 1, null, desired({}));
    expect(rollOverSlot(s, RESET, { contractIds: [ES], orderIds: [] })).toBeNull();
    expect(s.since).toBe(RESET - 1);
  });
});
