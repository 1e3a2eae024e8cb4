// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { buy, covers, lockedSnap, overlayPerTest, panels, text } from './overlay-fixture';
import { byTestId, isInert, OPENING, REDUCING, tradingPageHtml } from './page-fixture';

/** What the overlay blocks, for which account, and for how long: lockouts, cooldowns, warnings. */
const { make, mc } = overlayPerTest();

describe('page overlay', () => {
  it('shows a status chip per account and no block when all is OK', () => {
    const o = make();
    o.update(snapshot());
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-1: OK');
    expect(covers(o)).toHaveLength(0);
    expect(panels(o)).toHaveLength(0);
    expect(isInert(buy())).toBe(false);
  });

  it('covers every control that opens exposure during a lockout, never one that reduces it, and says why', () => {
    const o = make();
    o.update(lockedSnap());
    for (const id of OPENING) expect([id, isInert(byTestId(id))]).toEqual([id, true]);
    for (const id of REDUCING) expect([id, isInert(byTestId(id))]).toEqual([id, false]);
    expect(covers(o).length).toBeGreaterThan(0);
    expect(panels(o)).toHaveLength(1);
    expect(text(o)).toContain('Locked \u2014 order entry blocked');
    expect(text(o)).toContain('TOPX-50K-1: Daily loss limit reached');
    expect(text(o)).toContain('until 17:00 CT');
    expect(o.shadow.querySelector('.rg-countdown')?.textContent).toBe('8:00:00 left');
  });

  it('moves the countdown every second', () => {
    const o = make();
    o.update(lockedSnap());
    mc().advance(3000);
    expect(o.shadow.querySelector('.rg-countdown')?.textContent).toBe('7:59:57 left');
  });

  it('blocks during a cooldown too', () => {
    const o = make();
    o.update(
      snapshot({
        accounts: [
          account({
            status: 'cooldown',
            lockouts: [{ kind: 'cooldown', reason: 'Too many trades this hour', ruleId: 'f', endsAt: NOW + 60_000 }],
          }),
        ],
      }),
    );
    expect(o.currentBlock()?.kind).toBe('cooldown');
    expect(covers(o)[0]?.getAttribute('data-kind')).toBe('cooldown');
  });

  it('lifts the covers and inert when the lockout ends', () => {
    const o = make();
    o.update(lockedSnap());
    o.update(snapshot());
    expect(covers(o)).toHaveLength(0);
    expect(panels(o)).toHaveLength(0);
    expect(isInert(buy())).toBe(false);
  });

  it('follows the account selected in the page’s account picker', async () => {
    document.body.innerHTML = tradingPageHtml({ account: '$50K COMBINE | TOPX-50K-2' });
    const o = make();
    o.update(snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] }));
    expect(o.currentBlock()).toBeNull();
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-2: OK');
    const picker = document.querySelector('[role="combobox"]') as HTMLElement;
    picker.textContent = '$50K COMBINE | TOPX-50K-1';
    mc().advance(1000);
    expect(o.currentBlock()?.kind).toBe('lockout');
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-1: Locked');
  });

  it('blocks only for the account the page shows when it can tell which', () => {
    let active = 'TOPX-50K-2';
    const o = make({ activeAccountName: () => active });
    const snap = snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] });
    o.update(snap);
    expect(o.currentBlock()).toBeNull();
    active = 'TOPX-50K-1';
    o.refresh();
    expect(o.currentBlock()?.kind).toBe('lockout');
  });

  it('blocks for any locked account when it cannot tell which one the page shows', () => {
    const o = make({ activeAccountName: () => null });
    o.update(snapshot({ accounts: [account({ id: 102, name: 'TOPX-50K-2' }), ...lockedSnap().accounts] }));
    expect(o.currentBlock()?.kind).toBe('lockout');
  });

  it('toasts a near-limit warning when a meter climbs to a warning level, then removes it', () => {
    const o = make({ toastMs: 8000 });
    const m = account().meters[0]!;
    o.update(snapshot());
    o.update(snapshot({ accounts: [account({ meters: [{ ...m, value: 410 }] })] }));
    const toast = o.shadow.querySelector('.rg-toast');
    expect(toast?.textContent).toContain('Daily realized loss at 82% of limit ($410.00 / $500.00)');
    o.update(snapshot({ accounts: [account({ meters: [{ ...m, value: 420 }] })] }));
    expect(o.shadow.querySelectorAll('.rg-toast')).toHaveLength(1);
    mc().advance(8000);
    expect(o.shadow.querySelectorAll('.rg-toast')).toHaveLength(0);
  });
});
