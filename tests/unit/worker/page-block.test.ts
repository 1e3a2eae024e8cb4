import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/core/rules/config-schema';
import { createPageBlock } from '../../../src/worker/page-block';
import { createPnlSeries } from '../../../src/worker/pnl-series';
import { buildSnapshot } from '../../../src/worker/snapshot';
import { dailyLockout, NOW, sampleView } from './fixtures';

function fakeDnr() {
  let rules: Array<{ id: number }> = [{ id: 1 }];
  return {
    getDynamicRules: vi.fn(async () => rules),
    updateDynamicRules: vi.fn(async (o: { removeRuleIds?: number[]; addRules?: Array<{ id: number }> }) => {
      rules = rules.filter((r) => !o.removeRuleIds?.includes(r.id)).concat(o.addRules ?? []);
    }),
    rules: () => rules,
  };
}

describe('the page’s network block', () => {
  it('adds block rules while an account is locked, removes them when it is not, and leaves other rules alone', async () => {
    const dnr = fakeDnr();
    const block = createPageBlock({ dnr });
    const patterns = defaultConfig().pageBlock;
    const locked = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    block.sync(patterns, locked);
    await block.settled();
    expect(dnr.rules().some((r) => r.id >= 7000)).toBe(true);
    expect(dnr.rules().some((r) => r.id === 1)).toBe(true);

    // The same state again costs nothing.
    block.sync(patterns, locked);
    await block.settled();
    expect(dnr.updateDynamicRules).toHaveBeenCalledTimes(1);

    block.sync(patterns, buildSnapshot(sampleView(), createPnlSeries()));
    await block.settled();
    expect(dnr.rules()).toEqual([{ id: 1 }]);
  });

  it('tries again on the next snapshot when the browser refused an update', async () => {
    const dnr = fakeDnr();
    dnr.updateDynamicRules.mockRejectedValueOnce(new Error('rule limit'));
    const block = createPageBlock({ dnr });
    const locked = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    block.sync(defaultConfig().pageBlock, locked);
    await block.settled();
    block.sync(defaultConfig().pageBlock, locked);
    await block.settled();
    expect(dnr.updateDynamicRules).toHaveBeenCalledTimes(2);
    expect(dnr.rules().some((r) => r.id >= 7000)).toBe(true);
  });
});
