// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { issueInWords } from '../../../../src/core/rules/config/issue-words';
import { validateJsonText } from '../../../../src/ui/schema-form/problems';
import { SchemaForm } from '../../../../src/ui/schema-form/SchemaForm';

afterEach(cleanup);

function Harness(props: { out: { value: unknown } }) {
  const [value, setValue] = useState<unknown>(defaultConfig());
  return (
    <SchemaForm
      schema={ConfigSchema}
      issueWords={issueInWords}
      value={value}
      onChange={(next) => {
        props.out.value = next;
        setValue(next);
      }}
    />
  );
}

describe('schema form bound to the real config schema', () => {
  it('renders the default config with no problems and every control labelled', () => {
    render(<Harness out={{ value: null }} />);
    expect(screen.queryByTestId('form-problems')).toBeNull();
    const controls = document.querySelectorAll('input, select, textarea');
    expect(controls.length).toBeGreaterThan(40);
    for (const el of controls) {
      const named = el.getAttribute('aria-label') ?? document.querySelector(`label[for="${el.id}"]`);
      expect(named, el.outerHTML).toBeTruthy();
    }
    expect(screen.getAllByLabelText(/^Loss limit/).length).toBeGreaterThanOrEqual(1);
    expect(screen.getByRole('group', { name: 'Daily realized loss' })).toBeTruthy();
  });

  it('renders the TopstepX-parity rules with their labels, units and help', () => {
    render(<Harness out={{ value: null }} />);
    for (const name of ['Trailing daily loss', 'Weekly loss', 'Weekly trade limit']) {
      expect(screen.getByRole('group', { name }), name).toBeTruthy();
    }
    expect(screen.getAllByLabelText(/Loss from the day’s high/).length).toBeGreaterThanOrEqual(1);
    expect(screen.getAllByLabelText(/Loss limit for the week/).length).toBeGreaterThanOrEqual(1);
    expect(screen.getAllByLabelText(/Trades per week/).length).toBeGreaterThanOrEqual(1);
    expect(screen.getAllByLabelText(/Flatten on reaching it/).length).toBeGreaterThanOrEqual(2);
    expect(document.body.textContent).toContain('never moves down');
    expect(document.body.textContent).toContain('Every entry and every exit counts');
  });

  it('edits the daily loss limit and flags a negative one inline', () => {
    const out = { value: null as unknown };
    render(<Harness out={out} />);
    const [field] = screen.getAllByLabelText(/^Loss limit/);
    if (!field) throw new Error('no field');
    fireEvent.input(field, { target: { value: '-5' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-problems').textContent).toContain(
      'Daily realized loss › Loss limit: must be more than 0',
    );
    fireEvent.input(field, { target: { value: '750' } });
    expect(ConfigSchema.parse(out.value).defaultProfile.rules.dailyRealizedLoss.limit).toBe(750);
  });

  it('lists every problem of an invalid imported config', () => {
    const { problems } = validateJsonText(
      ConfigSchema,
      JSON.stringify({
        failClosed: 'no',
        blindGraceSec: 1,
        tradingDay: { resetTime: '25:00' },
        defaultProfile: { rules: { dailyRealizedLoss: { limit: -1, bogus: 1 } } },
        typo: 1,
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'blindGraceSec',
        'defaultProfile.rules.dailyRealizedLoss.bogus',
        'defaultProfile.rules.dailyRealizedLoss.limit',
        'failClosed',
        'tradingDay.resetTime',
        'typo',
      ].sort(),
    );
  });
});
