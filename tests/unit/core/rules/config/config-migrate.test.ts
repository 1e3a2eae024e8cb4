import { describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../../src/core/page/page-defaults';
import { migrateConfigInput } from '../../../../../src/core/rules/config/config-migrate';

const OLD_BLOCK = [
  '^https://userapi\\.topstepx\\.com/Order/?(\\?.*)?$',
  '^https://userapi\\.topstepx\\.com/Order/edit/',
];
const OLD_ALLOW = [
  '^https://userapi\\.topstepx\\.com/Order/cancel',
  '^https://userapi\\.topstepx\\.com/Position/close',
  '^https://userapi\\.topstepx\\.com/Position/flatten',
];

describe('migrateConfigInput (a config saved by an earlier version)', () => {
  it('moves pageBlock to page: the current built-in requests, then the trader’s own patterns with the methods they applied to', () => {
    expect(
      migrateConfigInput({
        countFees: false,
        pageBlock: {
          orderPatterns: [...OLD_BLOCK, '^https://userapi\\.topstepx\\.com/Basket'],
          allowPatterns: [...OLD_ALLOW, '^https://userapi\\.topstepx\\.com/Order/bracket'],
        },
      }),
    ).toEqual({
      countFees: false,
      page: {
        blockRequests: [
          ...PAGE_DEFAULTS.blockRequests,
          'POST,PUT,PATCH,DELETE ^https://userapi\\.topstepx\\.com/Basket',
        ],
        allowRequests: [...PAGE_DEFAULTS.allowRequests, '* ^https://userapi\\.topstepx\\.com/Order/bracket'],
      },
    });
  });

  it('drops every one of the old built-in guesses, blocked and allowed, so only the current defaults remain', () => {
    expect(migrateConfigInput({ pageBlock: { orderPatterns: OLD_BLOCK, allowPatterns: OLD_ALLOW } })).toEqual({
      page: { blockRequests: PAGE_DEFAULTS.blockRequests, allowRequests: PAGE_DEFAULTS.allowRequests },
    });
  });

  it('keeps only the text patterns of a damaged list, and reads a missing list as none', () => {
    expect(
      migrateConfigInput({
        pageBlock: { orderPatterns: ['^https://a\\.example/x', 7, null, { p: 1 }], allowPatterns: 'x' },
      }),
    ).toEqual({
      page: {
        blockRequests: [...PAGE_DEFAULTS.blockRequests, 'POST,PUT,PATCH,DELETE ^https://a\\.example/x'],
        allowRequests: PAGE_DEFAULTS.allowRequests,
      },
    });
  });

  it('leaves a config of the current shape as it is, even one that still carries a pageBlock beside its page', () => {
    const current = { countFees: true, page: { blockRequests: [], allowRequests: [] } };
    expect(migrateConfigInput(current)).toBe(current);
    const both = { ...current, pageBlock: { orderPatterns: ['x'] } };
    expect(migrateConfigInput(both)).toBe(both);
  });

  it('leaves what is not an old config for validation to refuse: not an object, a list, or a pageBlock that is not an object', () => {
    for (const input of [
      null,
      undefined,
      3,
      'config',
      [{ pageBlock: {} }],
      { pageBlock: null },
      { pageBlock: ['x'] },
    ]) {
      expect(migrateConfigInput(input)).toBe(input);
    }
  });
});
