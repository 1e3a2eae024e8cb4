// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredConfig, savedConfig, setupOptions } from '../options-fixture';

afterEach(cleanup);

const rowOf = (id: string) => document.querySelector(`[data-rule="${id}"]`) as HTMLElement;

describe('options page: rules for one account', () => {
  it('gives an account its own rule on the first edit, and takes it back to the rule for every account', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    fireEvent.change(screen.getByLabelText('Rules for'), { target: { value: '102' } });
    let daily = rowOf('dailyRealizedLoss');
    expect(within(daily).getByText('Same as for all accounts')).toBeTruthy();
    fireEvent.click(within(daily).getByRole('button', { name: 'Daily realized loss' }));
    fireEvent.input(within(daily).getByLabelText(/Loss limit/), { target: { value: '1000' } });
    daily = rowOf('dailyRealizedLoss');
    expect(within(daily).getByTestId('rule-own').textContent).toContain('Own setting for this account');
    expect(within(daily).getByTestId('rule-summary').textContent).toContain('$1,000');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    // The whole block, copied from the one every account follows, with the edit.
    expect(savedConfig(f).accountOverrides['102']?.rules.dailyRealizedLoss).toEqual({
      ...configuredConfig().defaultProfile.rules.dailyRealizedLoss,
      limit: 1000,
    });
    expect(savedConfig(f).defaultProfile.rules.dailyRealizedLoss.limit).toBe(500);

    fireEvent.click(within(rowOf('dailyRealizedLoss')).getByRole('button', { name: 'Use the one for all accounts' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(savedConfig(f).accountOverrides).toEqual({});
  });

  it('names an account’s problems by the account', async () => {
    setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    fireEvent.change(screen.getByLabelText('Rules for'), { target: { value: '101' } });
    const daily = rowOf('dailyRealizedLoss');
    fireEvent.click(within(daily).getByRole('button', { name: 'Daily realized loss' }));
    fireEvent.input(within(daily).getByLabelText(/Loss limit/), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByTestId('form-problems')).textContent).toContain(
      '50KTC-V2-1 › Daily realized loss › Loss limit: must be more than 0',
    );
  });

  it('asks for warning levels only where a rule has a limit to warn about', async () => {
    setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    for (const [id, name, warns] of [
      ['dailyRealizedLoss', 'Daily realized loss', true],
      ['tradingHours', 'Trading hours', false],
      ['symbolBlocks', 'Symbol blocks', false],
    ] as const) {
      const r = rowOf(id);
      fireEvent.click(within(r).getByRole('button', { name }));
      expect(within(r).queryByLabelText(/Warn at/) !== null, id).toBe(warns);
    }
  });

  it('keeps the settings that are not rules in a General list', async () => {
    setupOptions({ config: configuredConfig() });
    const day = await screen.findByRole('button', { name: 'Trading day' });
    fireEvent.click(day);
    const time = screen.getByLabelText('New trading day starts at') as HTMLInputElement;
    expect(time.type).toBe('time');
    expect(time.value).toBe('17:00');
    fireEvent.click(screen.getByRole('button', { name: 'The guard itself' }));
    expect(screen.getByLabelText('Fail closed')).toBeTruthy();
  });
});
