import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createGuardClient } from '../../src/messaging/client';
import { readCachedSnapshot } from '../../src/messaging/snapshot-cache';
import { PopupApp } from '../../src/ui/popup/PopupApp';

// Thin adapter: paints at once (skeleton or the cached snapshot), then live data.
// The mark times the script's load and evaluation for the popup benchmark (tests/bench/popup.ts).
performance.mark('rg:popup-script');
const client = createGuardClient(browser.runtime);

function openOptions(section?: 'journal'): void {
  if (section) void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
  else void browser.runtime.openOptionsPage();
  window.close();
}

render(
  <PopupApp client={client} cached={readCachedSnapshot(browser.storage.session)} openOptions={openOptions} />,
  document.getElementById('app') as HTMLElement,
);
