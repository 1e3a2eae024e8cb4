import { describe, expect, it } from 'vitest';
import { parseRequestPattern } from '../../../../src/core/page/request-pattern';
import { applyConfigChange } from '../../../../src/core/rules/config/commitment-lock';
import { defaultConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';

describe('the page section of the config', () => {
  it('starts with the real page’s test ids and paths, every one valid', () => {
    const { page } = defaultConfig();
    expect(page.cover).toContain('[data-testid="order-card-container"]');
    expect(page.cover).toContain('[data-testid="dom-container"]');
    expect(page.keepUsable).toContain('[data-testid*="-click-button-close"]');
    for (const p of [...page.blockRequests, ...page.allowRequests]) expect(parseRequestPattern(p).ok).toBe(true);
  });

  it('rejects a bad selector or pattern whole, naming each by path', () => {
    const r = parseConfig({
      page: { keepUsable: ['div:nope'], accountPicker: ['[x='], allowRequests: ['GET (a'], blockRequests: ['(?=x)'] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual([
      'page.accountPicker.0',
      'page.allowRequests.0',
      'page.blockRequests.0',
      'page.keepUsable.0',
    ]);
  });

  it('takes a config of the earlier shape (pageBlock): old built-ins replaced, the trader’s own patterns kept', () => {
    const r = parseConfig({
      countFees: false,
      pageBlock: {
        orderPatterns: [
          '^https://userapi\\.topstepx\\.com/Order/?(\\?.*)?$',
          '^https://userapi\\.topstepx\\.com/Basket',
        ],
        allowPatterns: ['^https://userapi\\.topstepx\\.com/Order/cancel'],
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.countFees).toBe(false);
    expect(r.config.page.blockRequests).toEqual([
      ...defaultConfig().page.blockRequests,
      'POST,PUT,PATCH,DELETE ^https://userapi\\.topstepx\\.com/Basket',
    ]);
    expect(r.config.page.allowRequests).toEqual(defaultConfig().page.allowRequests);
  });

  describe('under the commitment lock', () => {
    const change = (page: Partial<ReturnType<typeof defaultConfig>['page']>) => {
      const active = defaultConfig();
      const proposed = { ...active, page: { ...active.page, ...page } };
      return applyConfigChange({ active, proposed, now: 0, nextReset: 1000 });
    };

    it('applies at once: one more blocked request, one more area to cover, one fewer exception', () => {
      const more = change({
        blockRequests: [...defaultConfig().page.blockRequests, 'POST ^https://userapi\\.topstepx\\.com/Basket'],
        cover: [...defaultConfig().page.cover, 'iframe[id^="tradingview_"]'],
        allowRequests: defaultConfig().page.allowRequests.slice(1),
      });
      expect(more.pending).toBeNull();
      expect(more.active.page.blockRequests).toHaveLength(defaultConfig().page.blockRequests.length + 1);
      expect(more.active.page.allowRequests).toHaveLength(defaultConfig().page.allowRequests.length - 1);
    });

    it('waits for the reset: a block removed, an exception added, the account selector changed', () => {
      const looser = change({
        blockRequests: defaultConfig().page.blockRequests.slice(1),
        keepUsable: [...defaultConfig().page.keepUsable, '[data-testid^="order-card-"]'],
        accountPicker: ['.account'],
      });
      expect(looser.active.page).toEqual(defaultConfig().page);
      expect(
        looser.pending?.changes
          .filter((c) => c.kind === 'loosen')
          .map((c) => c.path)
          .sort(),
      ).toEqual(['page.accountPicker', 'page.blockRequests', 'page.keepUsable']);
    });
  });
});
