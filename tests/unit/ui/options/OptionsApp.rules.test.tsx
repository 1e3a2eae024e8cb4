// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULE_IDS } from '../../../../src/core/rules/catalog/rule-catalog';
import { STORAGE_PROBLEM_PATH } from '../../../../src/messaging/protocol';
import { configuredConfig, openRuleRow, RESET, ruleRow, savedConfig, setupOptions } from './options-fixture';

/** The rules as a list of rows: each a sentence with its values, opened to edit, saved whole or not at all. */
afterEach(cleanup);

/** The page over a worker that refuses every save with `problems`; Save pressed once the rules are in. */
async function saveRefused(problems: Array<{ path: string; message: string }>) {
  setupOptions({ config: configuredConfig(), answers: { saveConfig: () => ({ ok: false, problems, pending: null }) } });
  await ruleRow('dailyRealizedLoss');
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
}

describe('options page: the rules as a list', () => {
  it('shows every rule as one row: name, a sentence with its values, a mode switch; no fields until opened', async () => {
    setupOptions({ config: configuredConfig() });
    const daily = await ruleRow('dailyRealizedLoss');
    expect(document.querySelectorAll('[data-testid="rule-row"]').length).toBeGreaterThanOrEqual(RULE_IDS.length);
    for (const id of RULE_IDS) expect(document.querySelector(`[data-rule="${id}"]`), id).not.toBeNull();
    expect(within(daily).getByTestId('rule-summary').textContent).toBe(
      'Flatten and lock until 17:00 CT when today’s loss reaches $500',
    );
    const group = within(daily).getByRole('group', { name: 'Mode of Daily realized loss' });
    expect((within(group).getByLabelText('Enforce') as HTMLInputElement).checked).toBe(true);
    expect(within(daily).queryByLabelText(/Loss limit/)).toBeNull();
    await openRuleRow('dailyRealizedLoss');
    expect(within(daily).getByRole('button', { name: 'Daily realized loss' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect((within(daily).getByLabelText(/Loss limit/) as HTMLInputElement).value).toBe('500');
  });

  it('switches a rule to enforce, edits its limit (the sentence follows) and saves it', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const max = await openRuleRow('maxContracts');
    fireEvent.click(within(max).getByLabelText('Enforce'));
    fireEvent.input(within(max).getByLabelText(/Most contracts open/), { target: { value: '3' } });
    expect(within(max).getByTestId('rule-summary').textContent).toBe(
      'Reduce to 3 contracts when more are open, newest first (in minis: a micro counts 0.1)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved. In force now.');
    expect(savedConfig(f).defaultProfile.rules.maxContracts).toMatchObject({ mode: 'enforce', limit: 3 });
  });

  it('shows a loosening held by the commitment lock on its row, with when it takes effect', async () => {
    setupOptions({
      config: configuredConfig(),
      pending: {
        effectiveAt: RESET,
        changes: [{ path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 900 }],
      },
    });
    const daily = await ruleRow('dailyRealizedLoss');
    expect(within(daily).getByTestId('rule-pending').textContent).toBe(
      'Pending until 17:00 CT: Loss limit: $500 → $900',
    );
    await openRuleRow('dailyRealizedLoss');
    expect(within(daily).getByTestId('pending-field').textContent).toBe('Pending until 17:00 CT: $500 → $900');
  });

  it('on save lists every problem at once by its name, opens the rows that have one, and sends nothing', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const daily = await openRuleRow('dailyRealizedLoss');
    fireEvent.input(within(daily).getByLabelText(/Loss limit/), { target: { value: '-1' } });
    const hours = await openRuleRow('tradingHours');
    fireEvent.input(within(hours).getByLabelText('From'), { target: { value: '' } });
    // Close both: the save opens them again.
    fireEvent.click(within(daily).getByRole('button', { name: 'Daily realized loss' }));
    fireEvent.click(within(hours).getByRole('button', { name: 'Trading hours' }));
    expect(within(daily).getByTestId('rule-problems').textContent).toContain('1 problem to fix');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByText(/Not saved: 2 problems to fix/)).getAttribute('role')).toBe('status');
    const summary = screen.getByTestId('form-problems');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Daily realized loss › Loss limit: must be more than 0',
      'Trading hours › From: enter a time like 17:00',
    ]);
    expect(
      within(daily)
        .getByLabelText(/Loss limit/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(hours).getByText('enter a time like 17:00')).toBeTruthy();
    expect(f.requests.some((r) => r.type === 'saveConfig')).toBe(false);
  });

  it('shows problems the worker reports next to the field', async () => {
    await saveRefused([
      { path: 'defaultProfile.rules.dailyRealizedLoss.limit', message: 'cannot loosen below today’s loss' },
    ]);
    await screen.findByText(/the guard found problems/);
    const daily = await ruleRow('dailyRealizedLoss');
    expect(await within(daily).findByText('cannot loosen below today’s loss')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain(
      'Daily realized loss › Loss limit: cannot loosen below today’s loss',
    );
  });

  it('says a save that could not be stored changed nothing', async () => {
    await saveRefused([
      {
        path: STORAGE_PROBLEM_PATH,
        message:
          'the settings could not be stored (QuotaExceededError); nothing changed, the previous settings stay in force',
      },
    ]);
    const alert = await screen.findByText(/could not be stored/);
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('the previous settings stay in force');
  });

  it('offers the gateway’s symbols to the symbol pickers, and takes one it does not list', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const blocks = await openRuleRow('symbolBlocks');
    await vi.waitFor(() => expect(document.querySelectorAll('#rg-symbols option').length).toBe(2));
    const add = within(blocks).getByLabelText('Add a symbol to blocked symbols');
    expect(add.getAttribute('list')).toBe('rg-symbols');
    fireEvent.input(add, { target: { value: 'nq' } });
    fireEvent.click(within(blocks).getByRole('button', { name: 'Add symbol' }));
    fireEvent.input(add, { target: { value: 'ZQ' } });
    fireEvent.click(within(blocks).getByRole('button', { name: 'Add symbol' }));
    expect(within(blocks).getByTestId('rule-summary').textContent).toBe(
      'Cancel and close anything in NQ and ZQ, and block it',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(savedConfig(f).defaultProfile.rules.symbolBlocks.roots).toEqual(['NQ', 'ZQ']);
    expect(f.requests.some((r) => r.type === 'listContracts')).toBe(true);
  });

  it('takes a rule row to the replay with the settings as edited', async () => {
    setupOptions({
      config: configuredConfig(),
      answers: { startReplay: () => ({ ok: true, jobId: 'j', problems: [] }) },
    });
    const daily = await openRuleRow('dailyRealizedLoss');
    fireEvent.click(within(daily).getByRole('button', { name: /What would this have done/ }));
    const replay = screen.getByTestId('replay-section');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Replay'));
    expect((within(replay).getByLabelText('Settings') as HTMLSelectElement).value).toBe('draft');
  });
});
