// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { RECOGNISE_GRACE_MS } from '../../../../src/ui/overlay/overlay';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { buy, covers, lockedSnap, overlayPerTest, SELECTORS, text } from './overlay-fixture';
import { byTestId, isInert, tradingPageHtml } from './page-fixture';

/** How the overlay finds what to cover: the selectors (config's over the built-in), the contract in view, a page it does not recognise. */
const { make, mc } = overlayPerTest();

describe('page overlay', () => {
  it('never covers the whole page: order entry not found means a banner, reported once, and nothing covered', () => {
    document.body.innerHTML = tradingPageHtml({ testIds: false });
    const seen: string[] = [];
    const o = make({ onOrderEntry: (s) => seen.push(s) });
    o.update(lockedSnap());
    expect(o.orderEntry()).toBe('waiting'); // the page may still be loading
    expect(text(o)).not.toContain('not recognised');
    mc().advance(RECOGNISE_GRACE_MS);
    expect(o.orderEntry()).toBe('missing');
    expect(seen).toEqual(['missing']);
    expect(covers(o)).toHaveLength(0);
    expect(document.querySelector('[inert]')).toBeNull();
    expect(text(o)).toContain('Order entry not recognised: the network block still holds.');
    mc().advance(5000);
    expect(seen).toEqual(['missing']);
    // The page comes back (a later render): recognised, reported once.
    document.body.innerHTML = tradingPageHtml();
    mc().advance(1000);
    expect(seen).toEqual(['missing', 'recognised']);
    expect(isInert(buy())).toBe(true);
  });

  it('survives an invalid selector from config', () => {
    const o = make({ selectors: { ...SELECTORS, cover: ['[[[', ...SELECTORS.cover] } });
    o.update(lockedSnap());
    expect(isInert(buy())).toBe(true);
  });

  it('uses the selectors the snapshot carries (config) over the built-in ones', () => {
    document.body.innerHTML = `<section class="ticket"><button>Buy</button></section>${tradingPageHtml()}`;
    const o = make();
    o.update({
      ...lockedSnap(),
      pageSelectors: { cover: ['.ticket'], keepUsable: [], accountPicker: [], contractPicker: [] },
    });
    expect(document.querySelector('.ticket')?.hasAttribute('inert')).toBe(true);
    expect(isInert(buy())).toBe(false);
  });

  it('covers order entry while a blocked symbol is the contract in view, not for another contract', () => {
    const symbolLocked = snapshot({
      accounts: [
        account({
          lockouts: [
            { kind: 'lockout', reason: 'MNQ is blocked', ruleId: 'symbolBlocks', endsAt: null, symbol: 'MNQ' },
          ],
        }),
      ],
    });
    const o = make();
    o.update(symbolLocked);
    expect(o.currentBlock()?.title).toBe('MNQ blocked \u2014 order entry blocked for this symbol');
    expect(isInert(buy())).toBe(true);
    expect(isInert(byTestId('order-card-click-button-close-position'))).toBe(false);
    (document.querySelector('input[role="combobox"]') as HTMLInputElement).value = 'ESZ26';
    mc().advance(1000);
    expect(o.currentBlock()).toBeNull();
    expect(isInert(buy())).toBe(false);
  });

  it('says so when the network block stops this page’s orders for another account', () => {
    document.body.innerHTML = tradingPageHtml({ account: '$50K | TOPX-50K-2' });
    const o = make();
    o.update({
      ...snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] }),
      page: { orderEntry: 'recognised', since: NOW, networkBlock: { active: true, failure: null } },
    });
    expect(o.currentBlock()).toBeNull();
    expect(covers(o)).toHaveLength(0);
    expect(text(o)).toContain('Orders from this page are blocked while TOPX-50K-1 is locked');
  });
});
