import { describe, expect, it } from 'vitest';
import { createConfigChangeLoop } from '../../../../src/core/guard/config-change-loop';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
import { type GuardConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';
import type { DomainEvent } from '../../../../src/core/state/events';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const T0 = Date.parse('2026-11-25T15:00:00Z');

function config(input: Record<string, unknown>): GuardConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

async function world(running: boolean) {
  const listeners: Array<(c: GuardConfig) => void> = [];
  const calls: string[] = [];
  const dispatched: DomainEvent[] = [];
  const lockouts = createLockoutBook({
    store: createMemoryStore(),
    clock: { now: () => T0 },
    journal: createMemoryJournal(),
    tradingDay: { nextReset: () => T0 + 8 * 3_600_000 },
    groups: () => [],
  });
  await lockouts.add({
    accountId: 1,
    ruleId: 'symbolBlocks',
    reason: 'CL is blocked',
    spec: {
      kind: 'lockout',
      end: { type: 'condition', condition: 'setting-changed' },
      scope: { type: 'symbol', root: 'CL' },
    },
  });
  createConfigChangeLoop({
    config: {
      onChange: (l) => {
        listeners.push(l);
        return () => undefined;
      },
    },
    days: { configure: (d) => calls.push(`days ${d.resetTime} ${d.timeZone}`) },
    lockouts,
    pipeline: { dispatch: (events) => dispatched.push(...events) },
    deadlines: { armAll: () => calls.push('deadlines') },
    clock: { now: () => T0 },
    running: () => running,
    changed: () => calls.push('views'),
  });
  const change = (c: GuardConfig) => {
    for (const l of listeners) l(c);
  };
  return { change, calls, dispatched, lockouts };
}

describe('the config loop', () => {
  it('re-judges every account at once under a config put in force, re-arms the deadlines and tells the views', async () => {
    const w = await world(true);
    w.change(config({ tradingDay: { resetTime: '16:00', timeZone: 'America/Chicago' } }));
    expect(w.calls).toEqual(['days 16:00 America/Chicago', 'deadlines', 'views']);
    expect(w.dispatched).toEqual([{ kind: 'tick', source: 'timer', receivedAt: T0 }]);
  });

  it('judges nothing while the guard is only loading its config (start judges then)', async () => {
    const w = await world(false);
    w.change(config({}));
    expect(w.dispatched).toEqual([]);
    expect(w.calls).toContain('deadlines');
  });

  it('lifts a symbol lockout the new config no longer wants', async () => {
    const w = await world(true);
    expect(w.lockouts.active(1, T0)).toHaveLength(1);
    w.change(config({}));
    await new Promise((r) => setTimeout(r, 0));
    expect(w.lockouts.active(1, T0)).toEqual([]);
  });
});
