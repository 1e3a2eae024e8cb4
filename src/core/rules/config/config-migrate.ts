import { PAGE_DEFAULTS } from '../../page/page-defaults';

/**
 * Configs written by earlier versions, brought to the current shape before validation, so
 * a stored config (and an exported file) keeps the trader's limits instead of failing whole.
 *
 *   `pageBlock: { orderPatterns, allowPatterns }` (regexes; blocked for POST/PUT/PATCH/DELETE)
 *     → `page: { blockRequests, allowRequests }` ("METHODS REGEX"). The old built-in patterns
 *     were guesses of the page's paths and are replaced by the current defaults; patterns the
 *     trader added are kept, with the methods they applied to.
 */

const OLD_DEFAULT_BLOCK = new Set([
  '^https://userapi\\.topstepx\\.com/Order/?(\\?.*)?$',
  '^https://userapi\\.topstepx\\.com/Order/edit/',
]);
const OLD_DEFAULT_ALLOW = new Set([
  '^https://userapi\\.topstepx\\.com/Order/cancel',
  '^https://userapi\\.topstepx\\.com/Position/close',
  '^https://userapi\\.topstepx\\.com/Position/flatten',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function migrateConfigInput(input: unknown): unknown {
  if (!isRecord(input) || !('pageBlock' in input) || 'page' in input || !isRecord(input.pageBlock)) return input;
  const { pageBlock, ...rest } = input;
  const block = strings(pageBlock.orderPatterns)
    .filter((p) => !OLD_DEFAULT_BLOCK.has(p))
    .map((p) => `POST,PUT,PATCH,DELETE ${p}`);
  const allow = strings(pageBlock.allowPatterns)
    .filter((p) => !OLD_DEFAULT_ALLOW.has(p))
    .map((p) => `* ${p}`);
  return {
    ...rest,
    page: {
      blockRequests: [...PAGE_DEFAULTS.blockRequests, ...block],
      allowRequests: [...PAGE_DEFAULTS.allowRequests, ...allow],
    },
  };
}
