// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../../src/ui/popup/PopupApp';
import { WHATS_NEW } from '../../../../src/ui/whats-new';
import { NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

afterEach(cleanup);

function renderPopup(note: { from: string; to: string; at: number } | null) {
  const f = fakeClient({ getSnapshot: () => snapshot() });
  const dismiss = vi.fn();
  render(
    <PopupApp
      client={f.client}
      clock={fixedClock(NOW)}
      openOptions={() => {}}
      updateNote={{ note: Promise.resolve(note), dismiss }}
    />,
  );
  return { dismiss };
}

describe('the popup after an update', () => {
  it('says once what changed, until dismissed', async () => {
    const { dismiss } = renderPopup({ from: '0.1.0', to: '0.2.0', at: NOW });
    const line = await screen.findByTestId('update-note');
    expect(line.textContent).toContain(`Updated to 0.2.0 (from 0.1.0): ${WHATS_NEW['0.2.0']}`);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the update note' }));
    expect(screen.queryByTestId('update-note')).toBeNull();
    expect(dismiss).toHaveBeenCalledTimes(1);
  });

  it('says nothing without a note', async () => {
    renderPopup(null);
    await screen.findByText('TOPX-50K-1');
    expect(screen.queryByTestId('update-note')).toBeNull();
  });
});
