import { describe, expect, it } from 'vitest';
import { selectorProblem } from '../../../../src/core/page/css-selector';

describe('CSS selector check (no DOM needed)', () => {
  it('accepts the selectors the real page needs', () => {
    for (const s of [
      '[data-testid="order-card-container"]',
      '[data-testid^="common-order-"]',
      '[data-testid*="-click-button-close"]',
      '[data-testid="account-selector-input-select-account"] [role="combobox"]',
      'iframe[id^="tradingview_"]',
      'button:not([disabled])',
    ])
      expect([s, selectorProblem(s)]).toEqual([s, null]);
  });

  it('rejects what querySelectorAll would throw on, with the reason', () => {
    expect(selectorProblem('[[[')).toMatch(/not a valid CSS selector/);
    expect(selectorProblem('div:hovr')).toMatch(/Unknown pseudo-class/);
    expect(selectorProblem('a,')).toMatch(/not a valid CSS selector/);
    expect(selectorProblem('  ')).toBe('empty selector');
    expect(selectorProblem(`#${'a'.repeat(600)}`)).toMatch(/longer than 500/);
  });
});
