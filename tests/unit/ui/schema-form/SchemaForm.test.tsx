// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueInWords } from '../../../../src/core/rules/config/issue-words';
import type { Problem } from '../../../../src/messaging/protocol';
import { SchemaForm } from '../../../../src/ui/schema-form/SchemaForm';
import { SampleSchema } from './sample-schema';

afterEach(cleanup);

function Harness(props: {
  initial: unknown;
  schema?: z.ZodType;
  pending?: Map<string, string>;
  out: { value: unknown; problems: Problem[] };
}) {
  const [value, setValue] = useState<unknown>(props.initial);
  return (
    <SchemaForm
      schema={props.schema ?? SampleSchema}
      value={value}
      pending={props.pending}
      issueWords={issueInWords}
      onChange={(next, problems) => {
        props.out.value = next;
        props.out.problems = problems;
        setValue(next);
      }}
    />
  );
}

function setup(initial: unknown = {}, extra: { pending?: Map<string, string>; schema?: z.ZodType } = {}) {
  const out = { value: initial, problems: [] as Problem[] };
  render(<Harness initial={initial} out={out} {...extra} />);
  return out;
}

const type = (label: string | RegExp, text: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value: text } });

describe('schema form', () => {
  it('renders labels, units, option words and defaults from the schema meta', () => {
    setup();
    expect((screen.getByLabelText(/Blind grace/) as HTMLInputElement).value).toBe('30');
    expect(screen.getByText('(seconds)')).toBeTruthy();
    expect((screen.getByLabelText('Fail closed') as HTMLInputElement).checked).toBe(true);
    const sound = screen.getByLabelText('Sound') as HTMLSelectElement;
    expect(sound.value).toBe('loud');
    expect([...sound.options].map((o) => o.textContent)).toEqual(['Silent', 'Soft', 'Loud']);
    expect((screen.getByLabelText(/Loss limit/) as HTMLInputElement).value).toBe('500');
    expect(screen.getByText(/Block order entry while blind/)).toBeTruthy();
    expect(screen.getByLabelText('Note')).toBeTruthy();
    expect(screen.getByText(/A note for yourself/)).toBeTruthy();
  });

  it('renders nested objects as labelled groups with humanized keys', () => {
    setup();
    expect(screen.getByRole('group', { name: 'Rules' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Daily loss' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Per root' })).toBeTruthy();
  });

  it('never shows a pattern, a bound in symbols or a type name', () => {
    setup();
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/Allowed|pattern \^|\\d|≥|≤|JSON|kind\b/);
  });

  it('writes a typed number and validates inline by field, in words', () => {
    const out = setup();
    type(/Blind grace/, '2');
    expect(out.value).toMatchObject({ blindGraceSec: 2 });
    const field = screen.getByLabelText(/Blind grace/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errorId = field
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((x) => x.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toBe('must be at least 5');
    expect(out.problems).toEqual([{ path: 'blindGraceSec', message: 'must be at least 5' }]);
    type(/Blind grace/, '60');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(out.problems).toEqual([]);
  });

  it('rejects text in a number field with an inline error, keeping what was typed', () => {
    const out = setup();
    type(/Blind grace/, '3O');
    expect((screen.getByLabelText(/Blind grace/) as HTMLInputElement).value).toBe('3O');
    expect(out.problems).toEqual([{ path: 'blindGraceSec', message: 'enter a number' }]);
  });

  it('takes money as a trader types it and says what empty means', () => {
    const out = setup();
    type(/Loss limit/, '$1,250.50');
    expect(out.value).toMatchObject({ rules: { dailyLoss: { limit: 1250.5 } } });
    expect(screen.getByText(/Leave empty: no limit/)).toBeTruthy();
    type(/Loss limit/, '');
    expect(out.value).toMatchObject({ rules: { dailyLoss: { limit: null } } });
    expect(out.problems).toEqual([]);
  });

  it('edits booleans, enums and a time of day with a time input', () => {
    const out = setup();
    fireEvent.click(screen.getByLabelText('Fail closed'));
    fireEvent.change(screen.getByLabelText('Sound'), { target: { value: 'soft' } });
    const time = screen.getByLabelText('Daily reset') as HTMLInputElement;
    expect(time.type).toBe('time');
    type('Daily reset', '18:30');
    expect(out.value).toMatchObject({ failClosed: false, sound: 'soft', resetTime: '18:30' });
    type('Daily reset', '');
    expect(out.problems).toEqual([{ path: 'resetTime', message: 'enter a time like 17:00' }]);
    expect(screen.getAllByText('enter a time like 17:00').length).toBeGreaterThanOrEqual(1);
  });

  it('shows warnings as percentages and stores fractions of the limit', () => {
    const out = setup();
    const warn = screen.getByLabelText(/Warn at/) as HTMLInputElement;
    expect(warn.value).toBe('50, 80, 95');
    type(/Warn at/, '60, 90 %');
    expect(out.value).toMatchObject({ rules: { dailyLoss: { warnAt: [0.6, 0.9] } } });
    type(/Warn at/, '60, 120');
    expect(out.problems).toEqual([{ path: 'rules.dailyLoss.warnAt.1', message: 'each warning must be below 100 %' }]);
    expect(screen.getByText('entry 2: each warning must be below 100 %')).toBeTruthy();
  });

  it('toggles weekdays by name, Monday first', () => {
    const out = setup();
    const days = screen.getByRole('group', { name: 'Trading days' });
    const boxes = within(days).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    fireEvent.click(within(days).getByLabelText('Sunday'));
    fireEvent.click(within(days).getByLabelText('Friday'));
    expect(out.value).toMatchObject({ rules: { hours: { weekdays: [0, 1, 2, 3, 4] } } });
  });

  it('adds and removes symbols as chips, typed or picked, upper-cased', () => {
    const out = setup();
    const group = screen.getByRole('group', { name: 'Blocked symbols' });
    type('Add a symbol to blocked symbols', 'cl');
    fireEvent.click(within(group).getByRole('button', { name: 'Add symbol' }));
    type('Add a symbol to blocked symbols', 'NQ');
    fireEvent.keyDown(screen.getByLabelText('Add a symbol to blocked symbols'), { key: 'Enter' });
    expect(out.value).toMatchObject({ blocked: ['CL', 'NQ'] });
    fireEvent.click(within(group).getByRole('button', { name: 'Remove CL' }));
    expect(out.value).toMatchObject({ blocked: ['NQ'] });
  });

  it('adds holidays with a date input', () => {
    const out = setup();
    const input = screen.getByLabelText('Add a date to holidays') as HTMLInputElement;
    expect(input.type).toBe('date');
    type('Add a date to holidays', '2026-12-25');
    fireEvent.click(screen.getByRole('button', { name: 'Add date' }));
    expect(out.value).toMatchObject({ rules: { hours: { holidays: ['2026-12-25'] } } });
  });

  it('edits a list of numbers as comma-separated text, naming the bad entry', () => {
    const out = setup();
    type('Levels', '2, x');
    expect(out.value).toMatchObject({ levels: [2, 'x'] });
    expect(out.problems).toEqual([{ path: 'levels.1', message: 'enter a number' }]);
    expect(screen.getByLabelText('Levels').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits a list of strings one per line, keeping commas inside an item', () => {
    const out = setup();
    expect(screen.getByLabelText('Address patterns').tagName).toBe('TEXTAREA');
    type('Address patterns', 'CL\n\na{1,3}\n');
    expect(out.value).toMatchObject({ patterns: ['CL', 'a{1,3}'] });
  });

  it('edits per-symbol limits as a table: add a symbol, type its limit, remove it', () => {
    const out = setup();
    const table = screen.getByRole('group', { name: /Limit per symbol/ });
    fireEvent.input(within(table).getByLabelText('Add a symbol'), { target: { value: 'mnq' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Add' }));
    // A new row starts empty (not 0, which would block the symbol): the trader must type it.
    expect(out.problems).toEqual([{ path: 'rules.perRoot.limits.MNQ', message: 'enter a number' }]);
    fireEvent.input(within(table).getByLabelText(/^MNQ/), { target: { value: '4' } });
    expect(out.value).toMatchObject({ rules: { perRoot: { limits: { MNQ: 4 } } } });
    expect(out.problems).toEqual([]);
    fireEvent.click(within(table).getByRole('button', { name: 'Remove MNQ' }));
    expect(out.value).toMatchObject({ rules: { perRoot: { limits: {} } } });
  });

  it('gives a symbol its own hours as a row of two time inputs', () => {
    const out = setup();
    const table = screen.getByRole('group', { name: 'Own hours' });
    fireEvent.input(within(table).getByLabelText('Add a symbol'), { target: { value: 'CL' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Add' }));
    type('CL from', '08:00');
    type('CL until', '13:30');
    expect(out.value).toMatchObject({ rules: { hours: { perSymbol: { CL: { start: '08:00', end: '13:30' } } } } });
  });

  it('edits a discriminated union: choose the variant, then its fields', () => {
    const out = setup();
    const select = screen.getByLabelText('Roots not listed: choose') as HTMLSelectElement;
    expect(select.value).toBe('0');
    fireEvent.change(select, { target: { value: '1' } });
    expect(out.value).toMatchObject({ rules: { perRoot: { unknown: { type: 'limit', n: 0 } } } });
    type('Limit', '3');
    expect(out.value).toMatchObject({ rules: { perRoot: { unknown: { type: 'limit', n: 3 } } } });
  });

  it('edits a union of a literal and a list ("all" or some accounts)', () => {
    const out = setup();
    const select = screen.getByLabelText('Monitored accounts: choose') as HTMLSelectElement;
    expect(select.options[select.selectedIndex]?.textContent).toBe('all');
    fireEvent.change(select, { target: { value: '1' } });
    expect(out.value).toMatchObject({ monitored: [] });
    type(/Monitored accounts \(a list\)/, '101, 102');
    expect(out.value).toMatchObject({ monitored: [101, 102] });
  });

  it('adds and removes rows of a list of objects, validating each', () => {
    const out = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add a row to account groups' }));
    expect(out.value).toMatchObject({ groups: [{ name: '', accountIds: [] }] });
    const paths = out.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['groups.0.accountIds', 'groups.0.name']);
    type('Name, row 1', 'Copy A');
    type('Account ids, row 1', '101, 102');
    expect(out.problems).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(out.value).toMatchObject({ groups: [] });
  });

  it('lists every problem in a summary named by the labels, including unknown keys with no field', () => {
    setup({ blindGraceSec: 1, bogus: true, rules: { dailyLoss: { limit: -5, typo: 1 } } });
    const summary = screen.getByTestId('form-problems');
    expect(summary.textContent).toContain('4 problems');
    const items = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        'Blind grace: must be at least 5',
        'Bogus: unknown setting',
        'Daily loss › Loss limit: must be more than 0',
        'Daily loss › Typo: unknown setting',
      ]),
    );
    expect(summary.textContent).not.toContain('rules.dailyLoss');
  });

  it('marks fields with changes pending until the next reset', () => {
    setup({}, { pending: new Map([['rules.dailyLoss.limit', 'Pending until 17:00 CT: $500 \u2192 $900']]) });
    const notes = screen.getAllByTestId('pending-field');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toBe('Pending until 17:00 CT: $500 \u2192 $900');
    expect(notes[0]?.closest('[data-field]')?.querySelector('label')?.textContent).toContain('Loss limit');
  });

  it('works for any zod object, falling back to text for shapes it has no control for', () => {
    const schema = z.object({ tuple: z.tuple([z.number(), z.string()]).default([1, 'a']) });
    const out = setup({}, { schema });
    const area = screen.getByLabelText('Tuple') as HTMLTextAreaElement;
    expect(JSON.parse(area.value)).toEqual([1, 'a']);
    fireEvent.input(area, { target: { value: '[2, "b"]' } });
    expect(out.value).toEqual({ tuple: [2, 'b'] });
    fireEvent.input(area, { target: { value: '[2, ' } });
    expect(screen.getByText('not complete yet')).toBeTruthy();
  });

  it('names every control (keyboard and screen-reader use)', () => {
    setup({
      groups: [{ name: 'A', accountIds: [1, 2] }],
      blocked: ['CL'],
      rules: { perRoot: { limits: { ES: 1 } }, hours: { perSymbol: { CL: { start: '08:00', end: '13:00' } } } },
    });
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const id = el.getAttribute('id');
      const named = el.getAttribute('aria-label') ?? (id ? document.querySelector(`label[for="${id}"]`) : null);
      expect(named, el.outerHTML).toBeTruthy();
    }
    for (const b of document.querySelectorAll('button')) {
      expect((b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), b.outerHTML).not.toBe('');
    }
  });
});
