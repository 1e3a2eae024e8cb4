import { describe, expect, it, vi } from 'vitest';
import { createLockMeOut, type LockMeOutRequest } from '../../../../src/core/guard/lock-me-out';
import { sessionEndAfter } from '../../../../src/core/guard/trading-sessions';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { liftUnblockedSymbols } from '../../../../src/core/lockouts/lift-unblocked-symbols';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
import { defaultConfig, type GuardConfig } from '../../../../src/core/rules/config/config-schema';
import { createAccountState, createEmptyGuardState } from '../../../../src/core/state/account-state';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

// Wednesday 25 November 2026, 09:00 Chicago (CST, UTC−6).
const WED_9 = Date.parse('2026-11-25T15:00:00Z');
const ct = (iso: string) => Date.parse(`${iso}-06:00`);
const day = createTradingDayClock();

function setup(now = WED_9, config: GuardConfig = defaultConfig()) {
  let t = now;
  const clock = { now: () => t };
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  const book = () =>
    createLockoutBook({
      store,
      clock,
      journal,
      tradingDay: { nextReset: (ms) => day.nextReset(ms) },
      groups: () => config.accountGroups.map((g) => g.accountIds),
    });
  const lockouts = book();
  const state = createEmptyGuardState(now);
  for (const [id, name] of [
    [1, 'TOPX-1'],
    [2, 'TOPX-2'],
    [3, 'TOPX-3'],
  ] as const) {
    state.accounts[String(id)] = createAccountState(
      { id, name, balance: 50_000, canTrade: true, isVisible: true },
      '2026-11-25',
    );
  }
  const submit = vi.fn(async () => undefined);
  const lockMeOut = createLockMeOut({
    lockouts,
    enforcer: { submit },
    clock,
    config: () => config,
    state: () => state,
    nextReset: (ms) => day.nextReset(ms),
  });
  return { lockMeOut, lockouts, submit, store, journal, book, setNow: (ms: number) => (t = ms) };
}

describe('the sessions one can lock out until the end of', () => {
  it.each([
    { session: 'asia', at: '2026-11-26T02:00' },
    { session: 'london', at: '2026-11-26T08:30' },
    { session: 'new-york', at: '2026-11-25T15:00' },
  ] as const)('on Wednesday at 09:00 CT, the $session session ends at $at CT', ({ session, at }) => {
    expect(sessionEndAfter(session, WED_9)).toBe(ct(at));
  });

  it('skips the weekend: London, asked on Friday after it ended, ends on Monday', () => {
    expect(sessionEndAfter('london', ct('2026-11-27T10:00'))).toBe(ct('2026-11-30T08:30'));
  });

  it('keeps the hour through a daylight-saving change (New York at 15:00 CDT after 8 March 2026)', () => {
    expect(sessionEndAfter('new-york', Date.parse('2026-03-06T22:00:00Z'))).toBe(Date.parse('2026-03-09T20:00:00Z'));
  });
});

describe('lock me out', () => {
  const one: LockMeOutRequest = { target: { type: 'account', accountId: 2 }, until: { type: 'end-of-day' } };

  it('names the accounts and the exact end before anything happens', () => {
    const { lockMeOut, submit } = setup();
    expect(lockMeOut.preview(one)).toEqual({
      ok: true,
      accountIds: [2],
      accountNames: ['TOPX-2'],
      endsAt: ct('2026-11-25T17:00'),
      summary: 'TOPX-2: flattened now and locked until the end of the trading day',
    });
    expect(submit).not.toHaveBeenCalled();
  });

  it('locks one account until the end of the trading day, on disk first, then flattens it at once', async () => {
    const { lockMeOut, lockouts, submit, store } = setup();
    const r = await lockMeOut.lock(one, ct('2026-11-25T17:00'));
    expect(r.ok).toBe(true);
    expect(lockouts.active(2, WED_9)).toMatchObject([
      { ruleId: 'lockMeOut', kind: 'lockout', end: { type: 'at', at: ct('2026-11-25T17:00') } },
    ]);
    expect(Object.keys(store.dump().lockouts ?? {})).toHaveLength(1);
    expect(submit).toHaveBeenCalledWith(
      expect.objectContaining({ accountId: 2, action: { type: 'flatten' }, ruleId: 'lockMeOut' }),
      'Lock me out',
    );
    expect(lockouts.active(1, WED_9)).toEqual([]);
  });

  it('locks a group or every account, until the end of a session or a chosen time', async () => {
    const config = defaultConfig();
    config.accountGroups = [{ name: 'copy', accountIds: [1, 3] }];
    const { lockMeOut, lockouts } = setup(WED_9, config);
    const group: LockMeOutRequest = {
      target: { type: 'group', name: 'copy' },
      until: { type: 'session', session: 'new-york' },
    };
    expect(await lockMeOut.lock(group, ct('2026-11-25T15:00'))).toMatchObject({ ok: true, accountIds: [1, 3] });
    expect(lockouts.active(3, WED_9)[0]?.end).toMatchObject({ at: ct('2026-11-25T15:00') });
    expect(lockouts.active(2, WED_9)).toEqual([]);
    const all: LockMeOutRequest = { target: { type: 'all' }, until: { type: 'at', at: WED_9 + 3_600_000 } };
    expect(await lockMeOut.lock(all, WED_9 + 3_600_000)).toMatchObject({ ok: true, accountIds: [1, 2, 3] });
    expect(lockouts.active(2, WED_9)).toHaveLength(1);
  });

  it('refuses a time already passed, one more than 14 days away, and accounts or groups it does not know', () => {
    const { lockMeOut } = setup();
    const at = (ms: number): LockMeOutRequest => ({ target: { type: 'all' }, until: { type: 'at', at: ms } });
    expect(lockMeOut.preview(at(WED_9 - 1))).toMatchObject({ ok: false, message: expect.stringContaining('passed') });
    expect(lockMeOut.preview(at(WED_9 + 15 * 86_400_000))).toMatchObject({
      ok: false,
      message: expect.stringContaining('14 days'),
    });
    expect(
      lockMeOut.preview({ target: { type: 'account', accountId: 9 }, until: { type: 'end-of-day' } }),
    ).toMatchObject({
      ok: false,
    });
    expect(lockMeOut.preview({ target: { type: 'group', name: 'none' }, until: { type: 'end-of-day' } })).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it('locks nothing when the end is no longer the one confirmed (the reset passed while the trader read it)', async () => {
    const { lockMeOut, lockouts, submit, setNow } = setup(ct('2026-11-25T16:59'));
    const confirmed = lockMeOut.preview(one);
    setNow(ct('2026-11-25T17:00'));
    const r = await lockMeOut.lock(one, confirmed.ok ? confirmed.endsAt : 0);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('confirm again') });
    expect(lockouts.active(2, ct('2026-11-25T17:00'))).toEqual([]);
    expect(submit).not.toHaveBeenCalled();
  });

  it('cannot be undone before it ends: a shorter lockout, a config change and a restart all leave it in force', async () => {
    const { lockMeOut, lockouts, book } = setup();
    const end = WED_9 + 6 * 3_600_000;
    await lockMeOut.lock({ target: { type: 'account', accountId: 2 }, until: { type: 'at', at: end } }, end);
    // A rule's lockout ending earlier merges into it without shortening it.
    await lockouts.add({
      accountId: 2,
      ruleId: 'cooldownAfterLoss',
      reason: 'short',
      spec: { kind: 'cooldown', end: { type: 'at', at: WED_9 + 60_000 }, scope: { type: 'account' } },
    });
    expect(lockouts.active(2, WED_9 + 120_000)).toHaveLength(1);
    // The one way a setting ends a lockout (a symbol no longer blocked) does not reach it.
    const everythingOff = defaultConfig();
    everythingOff.monitoredAccountIds = [];
    await liftUnblockedSymbols(lockouts, everythingOff, WED_9);
    expect(lockouts.isLocked(2, WED_9)).toBe(true);
    // A restarted worker reads it back from the store.
    const reloaded = book();
    await reloaded.load();
    expect(reloaded.isLocked(2, end - 1)).toBe(true);
    expect(reloaded.isLocked(2, end)).toBe(false);
  });
});
