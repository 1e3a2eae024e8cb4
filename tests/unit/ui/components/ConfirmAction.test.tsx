// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmAction } from '../../../../src/ui/components/ConfirmAction';

afterEach(cleanup);

function setup() {
  const onConfirm = vi.fn(async () => 'done');
  render(<ConfirmAction label="Flatten A" question="Flatten A?" confirmLabel="Yes, flatten" onConfirm={onConfirm} />);
  return onConfirm;
}

describe('confirm step (keyboard)', () => {
  it('moves focus to the confirm button so Enter/Space confirms without a mouse', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Flatten A' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, flatten' }));
    expect(screen.getByRole('alertdialog', { name: 'Flatten A?' })).toBeTruthy();
  });

  it('backs out with Escape and does nothing', () => {
    const onConfirm = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Flatten A' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Yes, flatten' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('reports the result in a status line', async () => {
    const onConfirm = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Flatten A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten' }));
    expect((await screen.findByRole('status')).textContent).toBe('done');
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('acts once for two quick presses of the confirm button (before the view disabled it)', async () => {
    let answer: (text: string) => void = () => undefined;
    const onConfirm = vi.fn(
      () =>
        new Promise<string>((resolve) => {
          answer = resolve;
        }),
    );
    render(<ConfirmAction label="Flatten A" question="Flatten A?" confirmLabel="Yes, flatten" onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Flatten A' }));
    const yes = screen.getByRole('button', { name: 'Yes, flatten' });
    yes.click();
    yes.click();
    answer('done');
    await screen.findByRole('status');
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
