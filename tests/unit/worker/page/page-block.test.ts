import { describe, expect, it, vi } from 'vitest';
import type { NewJournalEntry } from '../../../../src/core/journal/journal';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import type { DnrRule } from '../../../../src/worker/page/dnr-rules';
import { createPageBlock, type NetworkBlockStatus } from '../../../../src/worker/page/page-block';
import { buildSnapshot } from '../../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import { dailyLockout, NOW, sampleView } from '../fixtures';

function fakeDnr(refuse: (rule: DnrRule) => boolean = () => false) {
  let rules: Array<{ id: number }> = [{ id: 1 }];
  return {
    getDynamicRules: vi.fn(async () => rules),
    updateDynamicRules: vi.fn(async (o: { removeRuleIds?: number[]; addRules?: DnrRule[] }) => {
      // All or nothing, like the browser.
      const bad = (o.addRules ?? []).find(refuse);
      if (bad) throw new Error(`Rule with id ${bad.id} specifies an invalid regexFilter`);
      rules = rules.filter((r) => !o.removeRuleIds?.includes(r.id)).concat(o.addRules ?? []);
    }),
    rules: () => rules,
  };
}

const lockedSnap = () => buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());

function setup(dnr: ReturnType<typeof fakeDnr>) {
  const journal: NewJournalEntry[] = [];
  const statuses: NetworkBlockStatus[] = [];
  const timers: Array<() => void> = [];
  const block = createPageBlock({
    dnr,
    now: () => NOW,
    journal: (e) => journal.push(e),
    onStatus: (s) => statuses.push(s),
    setTimeout: (fn) => timers.push(fn),
  });
  return { block, journal, statuses, timers };
}

describe('the page’s network block', () => {
  it('adds block rules while an account is locked, removes them when it is not, and leaves other rules alone', async () => {
    const dnr = fakeDnr();
    const { block } = setup(dnr);
    const page = defaultConfig().page;
    block.sync(page, lockedSnap());
    await block.settled();
    expect(dnr.rules().some((r) => r.id >= 7000)).toBe(true);
    expect(dnr.rules().some((r) => r.id === 1)).toBe(true);
    expect(block.status()).toEqual({ active: true, failure: null });

    // The same state again costs nothing.
    block.sync(page, lockedSnap());
    await block.settled();
    expect(dnr.updateDynamicRules).toHaveBeenCalledTimes(1);

    block.sync(page, buildSnapshot(sampleView(), createPnlSeries()));
    await block.settled();
    expect(dnr.rules()).toEqual([{ id: 1 }]);
    expect(block.status()).toEqual({ active: false, failure: null });
  });

  it('when the browser refuses one rule, still puts every other rule in and fails loudly: journal once, status, retry', async () => {
    const dnr = fakeDnr((r) => r.condition.regexFilter.includes('follow'));
    const { block, journal, statuses, timers } = setup(dnr);
    block.sync(defaultConfig().page, lockedSnap());
    await block.settled();
    // Every block rule but the refused one is in force.
    const inForce = dnr.rules().filter((r) => r.id >= 7000) as DnrRule[];
    expect(inForce.some((r) => r.condition.regexFilter.includes('/Order/?'))).toBe(true);
    expect(inForce.some((r) => r.condition.regexFilter.includes('follow'))).toBe(false);
    expect(block.status().failure?.message).toMatch(/1 of \d+ rule\(s\) refused: block .*follow.*invalid regexFilter/);
    expect(statuses.at(-1)?.failure).not.toBeNull();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('could not be updated') });

    // Retried on its own; the same failure is not journaled again.
    expect(timers).toHaveLength(1);
    timers[0]?.();
    await block.settled();
    expect(journal).toHaveLength(1);
    expect(block.status().failure).not.toBeNull();
  });

  it('says when a refused update clears, and journals that once', async () => {
    let refuse = true;
    const dnr = fakeDnr(() => refuse);
    const { block, journal, timers } = setup(dnr);
    block.sync(defaultConfig().page, lockedSnap());
    await block.settled();
    expect(block.status().failure).not.toBeNull();
    refuse = false;
    timers[0]?.();
    await block.settled();
    expect(block.status()).toEqual({ active: true, failure: null });
    expect(journal.map((e) => e.kind)).toEqual(['error', 'action']);
  });

  it('reports a pattern left out as a failure too', async () => {
    const dnr = fakeDnr();
    const { block } = setup(dnr);
    const page = { ...defaultConfig().page, blockRequests: ['POST (bad', ...defaultConfig().page.blockRequests] };
    block.sync(page, lockedSnap());
    await block.settled();
    expect(block.status().failure?.message).toContain('POST (bad');
    expect(dnr.rules().filter((r) => r.id >= 7000).length).toBeGreaterThan(0);
  });
});
