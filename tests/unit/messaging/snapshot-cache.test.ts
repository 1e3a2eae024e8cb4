import { describe, expect, it } from 'vitest';
import { readCachedSnapshot, SNAPSHOT_CACHE_KEY } from '../../../src/messaging/snapshot-cache';
import { snapshot } from './snapshot-fixtures';

describe('snapshot cache', () => {
  it('reads a valid cached snapshot', async () => {
    const s = snapshot();
    expect(await readCachedSnapshot({ get: async () => ({ [SNAPSHOT_CACHE_KEY]: s }) })).toEqual(s);
  });
  it('ignores a malformed cache, a missing one and a failing storage', async () => {
    expect(await readCachedSnapshot({ get: async () => ({ [SNAPSHOT_CACHE_KEY]: { accounts: 'x' } }) })).toBeNull();
    expect(await readCachedSnapshot({ get: async () => ({}) })).toBeNull();
    expect(
      await readCachedSnapshot({
        get: async () => {
          throw new Error('no session storage here');
        },
      }),
    ).toBeNull();
  });
});
