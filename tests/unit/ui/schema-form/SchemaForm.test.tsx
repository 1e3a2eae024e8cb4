// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
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
  it('renders labels, units and defaults from the schema meta', () => {
    setup();
    expect((screen.getByLabelText(/Blind grace/) as HTMLInputElement).value).toBe('30');
    expect(screen.getByText('(s)')).toBeTruthy();
    expect((screen.getByLabelText('Fail closed') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Sound') as HTMLSelectElement).value).toBe('loud');
    expect((screen.getByLabelText(/Loss limit/) as HTMLInputElement).value).toBe('500');
    expect((screen.getByLabelText('Warn at') as HTMLInputElement).value).toBe('0.5, 0.8, 0.95');
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

  it('shows the allowed range of a number', () => {
    setup();
    expect(screen.getByText(/Allowed: \u2265 5, \u2264 3600/)).toBeTruthy();
  });

  it('writes a typed number and validates inline by field', () => {
    const out = setup();
    type(/Blind grace/, '2');
    expect(out.value).toMatchObject({ blindGraceSec: 2 });
    const field = screen.getByLabelText(/Blind grace/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errorId = field
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((x) => x.endsWith('-error'));
    expect(errorId).toBeTruthy();
    expect(document.getElementById(errorId ?? '')?.textContent).toMatch(/>=5|5/);
    expect(out.problems).toEqual([{ path: 'blindGraceSec', message: expect.any(String) }]);
    type(/Blind grace/, '60');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(out.problems).toEqual([]);
  });

  it('rejects text in a number field with an inline error, keeping what was typed', () => {
    const out = setup();
    type(/Blind grace/, '3O');
    expect((screen.getByLabelText(/Blind grace/) as HTMLInputElement).value).toBe('3O');
    expect(out.problems.map((p) => p.path)).toEqual(['blindGraceSec']);
  });

  it('empties a nullable number to null ("not set")', () => {
    const out = setup();
    type(/Loss limit/, '');
    expect(out.value).toMatchObject({ rules: { dailyLoss: { limit: null } } });
    expect(out.problems).toEqual([]);
  });

  it('edits booleans, enums and strings', () => {
    const out = setup();
    fireEvent.click(screen.getByLabelText('Fail closed'));
    fireEvent.change(screen.getByLabelText('Sound'), { target: { value: 'soft' } });
    type('Daily reset', '25:00');
    expect(out.value).toMatchObject({ failClosed: false, sound: 'soft', resetTime: '25:00' });
    expect(out.problems).toEqual([{ path: 'resetTime', message: 'expected HH:MM (24 h)' }]);
    expect(screen.getAllByText('expected HH:MM (24 h)').length).toBeGreaterThanOrEqual(1);
  });

  it('edits a list of numbers as comma-separated text, naming the bad item', () => {
    const out = setup();
    type('Warn at', '0.5, 1.2');
    expect(out.value).toMatchObject({ rules: { dailyLoss: { warnAt: [0.5, 1.2] } } });
    expect(out.problems.map((p) => p.path)).toEqual(['rules.dailyLoss.warnAt.1']);
    const field = screen.getByLabelText('Warn at');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('edits a list of strings one per line, keeping commas inside an item', () => {
    const out = setup();
    expect(screen.getByLabelText('Blocked roots').tagName).toBe('TEXTAREA');
    type('Blocked roots', 'CL\n\na{1,3}\n');
    expect(out.value).toMatchObject({ blocked: ['CL', 'a{1,3}'] });
  });

  it('edits a record: add a key, set its value, remove it', () => {
    const out = setup();
    type('New key for Limit per root', 'MNQ');
    fireEvent.click(within(screen.getByRole('group', { name: /Limit per root/ })).getByRole('button', { name: 'Add' }));
    expect(out.value).toMatchObject({ rules: { perRoot: { limits: { MNQ: 0 } } } });
    type('MNQ', '4');
    expect(out.value).toMatchObject({ rules: { perRoot: { limits: { MNQ: 4 } } } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove MNQ' }));
    expect(out.value).toMatchObject({ rules: { perRoot: { limits: {} } } });
  });

  it('edits a discriminated union: choose the variant, then its fields', () => {
    const out = setup();
    const select = screen.getByLabelText('Roots not listed: kind') as HTMLSelectElement;
    expect(select.value).toBe('0');
    fireEvent.change(select, { target: { value: '1' } });
    expect(out.value).toMatchObject({ rules: { perRoot: { unknown: { type: 'limit', n: 0 } } } });
    type('Limit', '3');
    expect(out.value).toMatchObject({ rules: { perRoot: { unknown: { type: 'limit', n: 3 } } } });
  });

  it('edits a union of a literal and a list ("all" or some accounts)', () => {
    const out = setup();
    const select = screen.getByLabelText('Monitored accounts: kind') as HTMLSelectElement;
    expect(select.options[select.selectedIndex]?.textContent).toBe('all');
    fireEvent.change(select, { target: { value: '1' } });
    expect(out.value).toMatchObject({ monitored: [] });
    type(/Monitored accounts \(list\)/, '101, 102');
    expect(out.value).toMatchObject({ monitored: [101, 102] });
  });

  it('adds and removes entries of a list of objects, validating each', () => {
    const out = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add to Account groups' }));
    expect(out.value).toMatchObject({ groups: [{ name: '', accountIds: [] }] });
    const paths = out.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['groups.0.accountIds', 'groups.0.name']);
    type('Name', 'Copy A');
    type('Account ids', '101, 102');
    expect(out.problems).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Account groups 1' }));
    expect(out.value).toMatchObject({ groups: [] });
  });

  it('lists every problem in a summary, including unknown keys with no field', () => {
    setup({ blindGraceSec: 1, bogus: true, rules: { dailyLoss: { limit: -5, typo: 1 } } });
    const summary = screen.getByTestId('form-problems');
    expect(summary.textContent).toContain('4 problems');
    for (const path of ['blindGraceSec', 'bogus', 'rules.dailyLoss.limit', 'rules.dailyLoss.typo']) {
      expect(within(summary).getByText(path)).toBeTruthy();
    }
  });

  it('marks fields with changes pending until the next reset', () => {
    setup({}, { pending: new Map([['rules.dailyLoss.limit', 'Pending until 17:00 CT: 500 \u2192 900']]) });
    const notes = screen.getAllByTestId('pending-field');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toBe('Pending until 17:00 CT: 500 \u2192 900');
    expect(notes[0]?.closest('[data-field]')?.querySelector('label')?.textContent).toContain('Loss limit');
  });

  it('works for any zod object, falling back to JSON for shapes it has no control for', () => {
    const schema = z.object({ tuple: z.tuple([z.number(), z.string()]).default([1, 'a']) });
    const out = setup({}, { schema });
    const area = screen.getByLabelText('Tuple') as HTMLTextAreaElement;
    expect(JSON.parse(area.value)).toEqual([1, 'a']);
    fireEvent.input(area, { target: { value: '[2, "b"]' } });
    expect(out.value).toEqual({ tuple: [2, 'b'] });
    fireEvent.input(area, { target: { value: '[2, ' } });
    expect(screen.getByText('not valid JSON yet')).toBeTruthy();
  });

  it('labels every control (keyboard and screen-reader use)', () => {
    setup({ groups: [{ name: 'A', accountIds: [1, 2] }], rules: { perRoot: { limits: { ES: 1 } } } });
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const id = el.getAttribute('id');
      expect(id, el.outerHTML).toBeTruthy();
      expect(document.querySelector(`label[for="${id}"]`), el.outerHTML).not.toBeNull();
    }
  });
});
