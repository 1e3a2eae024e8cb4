import { describe, expect, it, vi } from 'vitest';
import { UPDATE_NOTE_KEY } from '../../../src/messaging/install-policy';
import { handleInstalled } from '../../../src/worker/installed';

const NOW = Date.UTC(2026, 11, 4, 15, 0, 0);

function deps() {
  return {
    tabs: { create: vi.fn(async () => ({})) },
    runtime: { getURL: (path: string) => `chrome-extension://abc${path}` },
    storage: { set: vi.fn(async () => undefined) },
    version: '0.2.0',
    now: () => NOW,
  };
}

describe('onInstalled', () => {
  it('opens the options page at the start of the setup on a fresh install', async () => {
    const d = deps();
    await handleInstalled({ reason: 'install' }, d);
    expect(d.tabs.create).toHaveBeenCalledWith({ url: 'chrome-extension://abc/options.html#setup' });
    expect(d.storage.set).not.toHaveBeenCalled();
  });

  it('opens nothing on an update, and notes what changed for the popup', async () => {
    const d = deps();
    await handleInstalled({ reason: 'update', previousVersion: '0.1.0' }, d);
    expect(d.tabs.create).not.toHaveBeenCalled();
    expect(d.storage.set).toHaveBeenCalledWith({ [UPDATE_NOTE_KEY]: { from: '0.1.0', to: '0.2.0', at: NOW } });
  });
});
