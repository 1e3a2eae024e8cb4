import { describe, expect, it, vi } from 'vitest';
import { createStartupAlert } from '../../../src/worker/startup-alert';

function sessionStorage() {
  const items = new Map<string, unknown>();
  return {
    get: async (key: string) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
    remove: async (key: string) => {
      items.delete(key);
    },
  };
}

const failed = { state: 'failed' as const, attempts: 1, error: 'UnknownError: disk', retryAt: 1 };

describe('start-up alert', () => {
  it('tells the trader once that the guard cannot start, across worker wakes, and again after it started', async () => {
    const create = vi.fn(async () => 'id');
    const session = sessionStorage();
    for (let wake = 0; wake < 5; wake++) {
      await createStartupAlert({ notifications: { create }, session }).onStatus({ ...failed, attempts: wake + 1 });
    }
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]).toEqual([
      'risk-guard:startup-failed',
      expect.objectContaining({ title: 'Risk guard could not start', requireInteraction: true }),
    ]);
    const alert = createStartupAlert({ notifications: { create }, session });
    await alert.onStatus({ state: 'ready', attempts: 0, error: null, retryAt: null });
    await alert.onStatus(failed);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('says nothing while starting', async () => {
    const create = vi.fn(async () => 'id');
    await createStartupAlert({ notifications: { create }, session: sessionStorage() }).onStatus({
      state: 'starting',
      attempts: 0,
      error: null,
      retryAt: null,
    });
    expect(create).not.toHaveBeenCalled();
  });
});
