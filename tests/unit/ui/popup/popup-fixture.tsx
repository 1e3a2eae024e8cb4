import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { PopupApp } from '../../../../src/ui/popup/PopupApp';
import { NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

/** The popup against a fake worker that answers with `snap` and accepts every flatten. */

export const clock = fixedClock(NOW);

export function setupPopup(snap = snapshot(), extra = {}) {
  const f = fakeClient({
    getSnapshot: () => snap,
    flattenAccount: () => ({ accepted: true, message: 'Flattening TOPX-50K-1' }),
    flattenAll: () => ({ accepted: true, message: 'Flattening all accounts' }),
    ...extra,
  });
  const openOptions = vi.fn();
  render(<PopupApp client={f.client} clock={clock} openOptions={openOptions} />);
  return { ...f, openOptions };
}
