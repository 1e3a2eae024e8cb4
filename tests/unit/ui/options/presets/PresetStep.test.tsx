// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { savedConfig, setupOptions } from '../options-fixture';

afterEach(cleanup);

describe('options page: start from a preset', () => {
  it('opens on the first run, each account’s type guessed from its name and balance', async () => {
    setupOptions();
    const first = (await screen.findByLabelText('Account type of 50KTC-V2-1 ($50,250)')) as HTMLSelectElement;
    const step = screen.getByTestId('preset-step');
    expect(first.value).toBe('combine-50k');
    expect((within(step).getByLabelText('Account type of EXPRESS-V2-2 ($151,000)') as HTMLSelectElement).value).toBe(
      'express-150k',
    );
    expect(within(step).getByTestId('preset-preview').textContent).toContain(
      'Daily realized loss: Flatten and lock until 17:00 CT when today’s loss reaches $500',
    );
    expect(within(step).getByTestId('preset-preview').textContent).toContain(
      'EXPRESS-V2-2: its own rules, from the TopstepX 150K Express Funded figures',
    );
  });

  it('sets every rule of every account from the preset, nothing saved until Save', async () => {
    const f = setupOptions();
    await screen.findByLabelText(/Account type of 50KTC/);
    const step = screen.getByTestId('preset-step');
    fireEvent.click(within(step).getByRole('button', { name: 'Use this preset' }));
    expect(screen.queryByTestId('preset-step')).toBeNull();
    expect(f.requests.some((r) => r.type === 'saveConfig')).toBe(false);
    expect(screen.getByText(/Preset set below/)).toBeTruthy();
    const daily = document.querySelector('[data-rule="dailyRealizedLoss"]') as HTMLElement;
    expect((within(daily).getByLabelText('Enforce') as HTMLInputElement).checked).toBe(true);
    expect(within(daily).getByTestId('rule-summary').textContent).toContain('$500');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    const saved = savedConfig(f);
    expect(saved.defaultProfile.rules.maxContracts).toMatchObject({ mode: 'enforce', limit: 5 });
    expect(saved.defaultProfile.rules.trailingDrawdown).toMatchObject({ mode: 'enforce', maxLoss: 2000, buffer: 200 });
    expect(saved.accountOverrides['102']?.rules.maxContracts).toMatchObject({ mode: 'enforce', limit: 15 });
    expect(saved.accountOverrides['102']?.rules.dailyRealizedLoss).toMatchObject({ limit: 1125 });
  });

  it('takes one type for every account before any is known, and a strict style', async () => {
    const f = setupOptions({ configured: false });
    const step = await screen.findByTestId('preset-step');
    fireEvent.change(within(step).getByLabelText('Account type (every account)'), {
      target: { value: 'combine-100k' },
    });
    fireEvent.click(within(step).getByLabelText('Strict'));
    expect(within(step).getByText(/30-minute pause after a trade that loses half the daily limit/)).toBeTruthy();
    fireEvent.click(within(step).getByRole('button', { name: 'Use this preset' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    const saved = savedConfig(f);
    expect(saved.defaultProfile.rules.maxContracts.limit).toBe(10);
    expect(saved.defaultProfile.rules.dailyRealizedLoss.limit).toBe(375);
    expect(saved.defaultProfile.rules.stopLossRequired.mode).toBe('enforce');
    expect(saved.accountOverrides).toEqual({});
  });

  it('folds away on "Not now" and opens again on demand', async () => {
    setupOptions();
    const step = await screen.findByTestId('preset-step');
    fireEvent.click(within(step).getByRole('button', { name: 'Not now' }));
    expect(screen.queryByTestId('preset-step')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start from a preset…' }));
    expect(screen.getByTestId('preset-step')).toBeTruthy();
  });
});
