import { useMemo } from 'preact/hooks';
import type { z } from 'zod';
import type { Problem } from '../../messaging/protocol';
import { Field } from './Field';
import type { FormContext } from './form-context';
import { formSchemaOf } from './json-node';
import { ProblemList } from './ProblemList';
import { type Path, setAt } from './paths';
import { type IssueWords, problemsByPath, validateValue } from './problems';

export interface SchemaFormProps {
  /** Any zod 4 object schema; labels, units, widgets and help come from its `.meta()` / `.describe()`. */
  schema: z.ZodType;
  value: unknown;
  onChange(next: unknown, problems: Problem[]): void;
  /** Problems the worker reported for the last save, shown inline with the local ones. */
  extraProblems?: readonly Problem[];
  /** path → note, e.g. "Pending until 17:00 CT: $500 → $900". */
  pending?: ReadonlyMap<string, string>;
  idPrefix?: string;
  disabled?: boolean;
  /** Dotted paths not rendered here (still validated). */
  hidden?: readonly string[];
  /** Validation messages in the trader's words (the config's error map). */
  issueWords?: IssueWords;
}

/**
 * A form for any zod object schema. It validates the whole value with the schema on every
 * change and shows every problem next to its field, plus a summary naming each by its labels
 * (some problems, like an unknown key in an imported file, have no field of their own).
 * Re-key it (`key=`) when the value is replaced from outside (load, import): fields keep
 * their typed drafts otherwise.
 */
export function SchemaForm(props: SchemaFormProps) {
  const formSchema = useMemo(() => formSchemaOf(props.schema), [props.schema]);
  const local = useMemo(
    () => validateValue(props.schema, props.value, props.issueWords),
    [props.schema, props.value, props.issueWords],
  );
  const all = useMemo(() => [...local, ...(props.extraProblems ?? [])], [local, props.extraProblems]);
  const ctx: FormContext = {
    schema: formSchema,
    problems: problemsByPath(all),
    pending: props.pending ?? new Map(),
    set: (path: Path, next: unknown) => {
      const value = setAt(props.value, path, next);
      props.onChange(value, validateValue(props.schema, value, props.issueWords));
    },
    idPrefix: props.idPrefix ?? 'rg-form',
    disabled: props.disabled ?? false,
    hidden: new Set(props.hidden ?? []),
  };
  return (
    <div class="rg-schema-form">
      <ProblemList schema={formSchema} problems={all} />
      <Field ctx={ctx} node={formSchema.root} path={[]} name="" value={props.value} required />
    </div>
  );
}
