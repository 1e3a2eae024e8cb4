import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createGuardClient, parseAnswer } from '../../src/messaging/client';
import type { EarlyRequests } from '../../src/messaging/early-requests';
import type { GuardSnapshot } from '../../src/messaging/snapshot';
import { parseCachedSnapshot } from '../../src/messaging/snapshot-cache';
import { PopupApp } from '../../src/ui/popup/PopupApp';

function openOptions(section?: 'journal'): void {
  if (section) void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
  else void browser.runtime.openOptionsPage();
  window.close();
}

function validSnapshot(raw: unknown): GuardSnapshot | null {
  try {
    return parseAnswer('getSnapshot', raw);
  } catch {
    return null;
  }
}

/** Renders the popup with whatever the early requests brought; what arrived already is in the first frame. */
export function mountPopup(early: EarlyRequests): void {
  const client = createGuardClient(browser.runtime);
  const now =
    ('snapshot' in early.arrived ? validSnapshot(early.arrived.snapshot) : null) ??
    ('cached' in early.arrived ? parseCachedSnapshot(early.arrived.cached) : null);
  render(
    <PopupApp
      client={client}
      cached={now ?? early.cached.then(parseCachedSnapshot)}
      first={early.snapshot.then((raw) => parseAnswer('getSnapshot', raw))}
      openOptions={openOptions}
    />,
    document.getElementById('app') as HTMLElement,
  );
}
