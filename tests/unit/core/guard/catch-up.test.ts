import { describe, expect, it } from 'vitest';
import { createCatchUp } from '../../../../src/core/guard/catch-up';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';

const T0 = Date.parse('2026-11-25T15:00:00Z');

function world() {
  const calls: string[] = [];
  const catchUp = createCatchUp({
    time: {
      verify: async () => {
        calls.push('ask the server the time');
      },
      save: async () => {
        calls.push('save the server time');
      },
    },
    clock: { now: () => T0 },
    config: {
      promote: async () => {
        calls.push('promote held-back config');
        return false;
      },
    },
    intentPruning: { onTick: () => calls.push('prune intents') },
    pipeline: {
      dispatch: (events) => calls.push(`judge: ${events.map((e) => e.kind).join()}`),
      state: () => createEmptyGuardState(T0),
    },
    lockoutGuard: {
      tick: async () => {
        calls.push('expire and enforce lockouts');
        return { ended: [], checked: [] };
      },
    },
    enforcer: {
      rollover: async () => {
        calls.push('narrow old enforcements');
        return [];
      },
    },
    days: { current: () => ({ tradingDay: '2026-11-25', start: T0 - 3_600_000, end: T0 + 3_600_000 }) },
    deadlines: {
      armAll: () => calls.push('re-arm deadlines'),
      fired: (name) => calls.push(`fired ${name}`),
      forget: () => calls.push('forget armed deadlines'),
    },
    changed: () => calls.push('views'),
  });
  return { catchUp, calls };
}

describe('catching up on time', () => {
  it('checks the time, promotes, prunes, judges, expires lockouts, narrows, re-arms, redraws and saves, in that order', async () => {
    const w = world();
    await w.catchUp.tick();
    expect(w.calls).toEqual([
      'ask the server the time',
      'promote held-back config',
      'prune intents',
      'judge: tick',
      'expire and enforce lockouts',
      'narrow old enforcements',
      're-arm deadlines',
      'views',
      'save the server time',
    ]);
  });

  it('does not ask the server when told not to (start asks once the rest is loaded)', async () => {
    const w = world();
    await w.catchUp.tick(false);
    expect(w.calls[0]).toBe('promote held-back config');
  });

  it('lets a fired deadline be armed again, and forgets every armed deadline when the clock changed', async () => {
    const w = world();
    await w.catchUp.deadlineFired('reset');
    expect(w.calls[0]).toBe('fired reset');
    w.calls.length = 0;
    await w.catchUp.clockChanged();
    expect(w.calls[0]).toBe('forget armed deadlines');
    expect(w.calls).toContain('judge: tick');
  });
});
