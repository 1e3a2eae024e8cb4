import { describe, expect, it } from 'vitest';
import { CONFIG_STORAGE_PATH, createConfigHolder } from '../../../../src/core/guard/config-holder';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { defaultConfig, type GuardConfig } from '../../../../src/core/rules/config/config-schema';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const T0 = Date.parse('2026-11-25T15:00:00Z');
const RESET = Date.parse('2026-11-25T23:00:00Z');

function withDailyLoss(limit: number, mode: 'monitor' | 'enforce' = 'enforce'): GuardConfig {
  const c = defaultConfig();
  c.defaultProfile.rules.dailyRealizedLoss = { ...c.defaultProfile.rules.dailyRealizedLoss, mode, limit };
  return c;
}

/** A store whose writes fail (a full disk) while `failing` is on; reads still work. */
function diskFullStore() {
  const inner = createMemoryStore();
  const state = { failing: false };
  const refuse = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  const store: DurableStore = {
    ...inner,
    put: (...args) => (state.failing ? refuse() : inner.put(...args)),
    putMany: (...args) => (state.failing ? refuse() : inner.putMany(...args)),
  };
  return { store, state };
}

function setup(store: DurableStore = createMemoryStore()) {
  let now = T0;
  const clock = { now: () => now };
  const journal = createMemoryJournal();
  const holder = createConfigHolder({ store, clock, journal });
  return { holder, store, journal, setNow: (ms: number) => (now = ms) };
}

describe('config holder', () => {
  it('starts with the defaults when nothing is stored', async () => {
    const { holder } = setup();
    await holder.load();
    expect(holder.active()).toEqual(defaultConfig());
    expect(holder.pending()).toBeNull();
  });

  it('rejects an invalid config whole, with every problem by path, and keeps the previous one', async () => {
    const { holder, store } = setup();
    await holder.load();
    expect((await holder.save(withDailyLoss(200), RESET)).ok).toBe(true);
    const bad = withDailyLoss(100) as unknown as Record<string, unknown>;
    bad.typo = true;
    (bad.tradingDay as Record<string, unknown>).resetTime = '25:00';
    const result = await holder.save(bad, RESET);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(['tradingDay.resetTime', 'typo']);
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(200);
    expect((await store.get<GuardConfig>('config', 'active'))?.defaultProfile.rules.dailyRealizedLoss.limit).toBe(200);
  });

  it('applies a tightening at once and persists it before resolving', async () => {
    const { holder, store, journal } = setup();
    await holder.load();
    const seen: GuardConfig[] = [];
    holder.onChange((c) => seen.push(c));
    const result = await holder.save(withDailyLoss(100), RESET);
    expect(result).toMatchObject({ ok: true, pending: null });
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 100 });
    expect(await store.get('config', 'active')).toEqual(holder.active());
    expect(seen).toHaveLength(1);
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'config', message: 'Config saved: 2 change(s) in force' });
  });

  it('holds a loosening until the reset, keeping the tighter value in force, and survives a reload', async () => {
    const store = createMemoryStore();
    const first = setup(store);
    await first.holder.load();
    await first.holder.save(withDailyLoss(100), RESET);
    const result = await first.holder.save(withDailyLoss(1000), RESET);
    expect(result.ok && result.pending?.effectiveAt).toBe(RESET);
    expect(first.holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
    expect(first.journal.entries.at(-1)?.message).toContain('pending until the reset');

    // A restarted worker: same store, new holder.
    const second = setup(store);
    await second.holder.load();
    expect(second.holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
    expect(second.holder.pending()?.config.defaultProfile.rules.dailyRealizedLoss.limit).toBe(1000);
  });

  it('promotes the pending changes only at or after the reset, persisting and announcing them', async () => {
    const { holder, store, journal, setNow } = setup();
    await holder.load();
    await holder.save(withDailyLoss(100), RESET);
    await holder.save(withDailyLoss(1000), RESET);
    const seen: GuardConfig[] = [];
    const off = holder.onChange((c) => seen.push(c));
    setNow(RESET - 1);
    expect(await holder.promote()).toBe(false);
    expect(seen).toHaveLength(0);
    setNow(RESET);
    expect(await holder.promote()).toBe(true);
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(1000);
    expect(holder.pending()).toBeNull();
    expect(await store.get('config', 'pending')).toBeNull();
    expect(journal.entries.at(-1)?.message).toBe('Pending config changes came into force at the reset');
    expect(seen).toHaveLength(1);
    off();
    expect(await holder.promote()).toBe(false);
  });

  it('changes nothing when a tightening cannot be stored, and says so', async () => {
    const disk = diskFullStore();
    const { holder } = setup(disk.store);
    await holder.load();
    await holder.save(withDailyLoss(500), RESET);
    const seen: GuardConfig[] = [];
    holder.onChange((c) => seen.push(c));
    disk.state.failing = true;
    const result = await holder.save(withDailyLoss(100), RESET);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: CONFIG_STORAGE_PATH, message: expect.stringContaining('could not be stored') },
    ]);
    expect(result.problems[0]?.message).toContain('nothing changed');
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(500);
    expect(seen).toHaveLength(0);

    // A restarted worker finds what was in force, not a change that only ever lived in memory.
    disk.state.failing = false;
    const restarted = setup(disk.store);
    await restarted.holder.load();
    expect(restarted.holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(500);
  });

  it('holds back nothing new when a loosening cannot be stored', async () => {
    const disk = diskFullStore();
    const { holder } = setup(disk.store);
    await holder.load();
    await holder.save(withDailyLoss(100), RESET);
    disk.state.failing = true;
    expect((await holder.save(withDailyLoss(1000), RESET)).ok).toBe(false);
    expect(holder.pending()).toBeNull();
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
  });

  it('keeps pending changes pending when their promotion cannot be stored, and promotes them once it can', async () => {
    const disk = diskFullStore();
    const { holder, setNow } = setup(disk.store);
    await holder.load();
    await holder.save(withDailyLoss(100), RESET);
    await holder.save(withDailyLoss(1000), RESET);
    setNow(RESET);
    disk.state.failing = true;
    await expect(holder.promote()).rejects.toThrow('quota');
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
    expect(holder.pending()).not.toBeNull();
    disk.state.failing = false;
    expect(await holder.promote()).toBe(true);
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(1000);
  });

  it('keeps a stored change in force when only the journal fails to record it', async () => {
    const { holder, journal } = setup();
    await holder.load();
    journal.append = () => Promise.reject(new Error('journal full'));
    expect((await holder.save(withDailyLoss(100), RESET)).ok).toBe(true);
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
  });

  it('keeps the defaults and journals an error when the stored config no longer parses', async () => {
    const store = createMemoryStore();
    await store.put('config', 'active', { version: 99, nonsense: true });
    await store.put('config', 'pending', { config: { nonsense: true }, effectiveAt: RESET, changes: [] });
    const { holder, journal } = setup(store);
    await holder.load();
    expect(holder.active()).toEqual(defaultConfig());
    expect(holder.pending()).toBeNull();
    expect(journal.entries.some((e) => e.kind === 'error' && e.message.includes('invalid'))).toBe(true);
  });

  it('loads a valid stored pending config', async () => {
    const store = createMemoryStore();
    await store.put('config', 'active', withDailyLoss(100));
    await store.put('config', 'pending', { config: withDailyLoss(300), effectiveAt: RESET, changes: [] });
    const { holder } = setup(store);
    const seen: GuardConfig[] = [];
    holder.onChange((c) => seen.push(c));
    await holder.load();
    expect(holder.active().defaultProfile.rules.dailyRealizedLoss.limit).toBe(100);
    expect(holder.pending()?.config.defaultProfile.rules.dailyRealizedLoss.limit).toBe(300);
    expect(seen).toHaveLength(1);
  });
});
