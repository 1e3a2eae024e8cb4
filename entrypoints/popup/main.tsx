import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createGuardClient } from '../../src/messaging/client';
import { UPDATE_NOTE_KEY, visibleUpdateNote } from '../../src/messaging/install-policy';
import { readCachedSnapshot } from '../../src/messaging/snapshot-cache';
import { POPUP_ANSWERS } from '../../src/messaging/view-answers';
import { PopupApp } from '../../src/ui/popup/PopupApp';

// Thin adapter. The snapshot is asked for, and the cached one read, before the first render:
// the answers are on their way while the skeleton paints (an effect would ask only after that
// paint). The mark times the script's load and evaluation for the popup benchmark
// (tests/bench/popup.ts).
performance.mark('rg:popup-script');
const client = createGuardClient(browser.runtime, POPUP_ANSWERS);
const first = client.request('getSnapshot', {});
const cached = readCachedSnapshot(browser.storage.session);

function openOptions(section?: 'journal'): void {
  if (section) void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
  else void browser.runtime.openOptionsPage();
  window.close();
}

// After an update the popup says once what changed (the worker noted it at onInstalled).
const updateNote = {
  note: browser.storage.local
    .get(UPDATE_NOTE_KEY)
    .then((r) => visibleUpdateNote(r[UPDATE_NOTE_KEY], browser.runtime.getManifest().version, Date.now()))
    .catch(() => null),
  dismiss: () => void browser.storage.local.remove(UPDATE_NOTE_KEY).catch(() => undefined),
};

render(
  <PopupApp client={client} cached={cached} first={first} openOptions={openOptions} updateNote={updateNote} />,
  document.getElementById('app') as HTMLElement,
);
