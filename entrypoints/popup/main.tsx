// First: the questions leave before the rest of the popup evaluates (ask-first.ts).
import './ask-first';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createGuardClient, validatedAnswer } from '../../src/messaging/client';
import { UPDATE_NOTE_KEY, visibleUpdateNote } from '../../src/messaging/install-policy';
import { readCachedSnapshot } from '../../src/messaging/snapshot-cache';
import { POPUP_ANSWERS } from '../../src/messaging/view-answers';
import { PopupApp } from '../../src/ui/popup/PopupApp';
import { cachedRecord, snapshotReply } from './ask-first';

// Thin adapter. The snapshot was asked for, and the cached one read, before this bundle's
// other modules evaluated (ask-first.ts); both answers are validated here before the first
// render can show them. The mark times the script's load and evaluation for the popup
// benchmark (tests/bench/popup.ts).
performance.mark('rg:popup-script');
const client = createGuardClient(browser.runtime, POPUP_ANSWERS);
const first = validatedAnswer(POPUP_ANSWERS, 'getSnapshot', snapshotReply);
const cached = readCachedSnapshot({ get: () => cachedRecord });

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
