import { describe, expect, it } from 'vitest';
import { customTagFor, isGuardTag, MAX_CUSTOM_TAG_LENGTH } from '../../../../src/core/gateway/custom-tag';

describe('custom tags', () => {
  it('prefixes the intent id so the guard recognises its own orders', () => {
    expect(customTagFor('0192f3a4-7c1e-7d3b-9a2f-1b2c3d4e5f60')).toBe('rg-0192f3a4-7c1e-7d3b-9a2f-1b2c3d4e5f60');
    expect(isGuardTag('rg-x')).toBe(true);
    expect(isGuardTag('manual')).toBe(false);
    expect(isGuardTag(null)).toBe(false);
  });

  it('hashes ids that are too long or carry odd characters into a stable tag within the limit', () => {
    const long = 'k-'.padEnd(120, 'z');
    expect(customTagFor(long).length).toBeLessThanOrEqual(MAX_CUSTOM_TAG_LENGTH);
    expect(customTagFor(long)).toBe(customTagFor(long));
    expect(customTagFor(`${long}1`)).not.toBe(customTagFor(long));
    expect(customTagFor('a b')).toMatch(/^rg-h[0-9a-f]{16}$/);
  });
});
