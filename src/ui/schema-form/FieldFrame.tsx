import type { ComponentChildren } from 'preact';

/** Label, control, unit, help, pending note and inline errors, wired with ids for screen readers. */
export function FieldFrame(props: {
  id: string;
  label: string;
  unit?: string | undefined;
  help?: string | undefined;
  hint?: string | null;
  errors: string[];
  pending: string[];
  children: ComponentChildren;
  /** Checkboxes put the label after the control. */
  inline?: boolean;
}) {
  const { id, errors, pending } = props;
  return (
    <div class="rg-field" data-field={id}>
      {!props.inline && (
        <label for={id}>
          {props.label}
          {props.unit ? <span class="rg-dim"> ({props.unit})</span> : null}
        </label>
      )}
      {props.children}
      {(props.help || props.hint) && (
        <small id={`${id}-help`} class="rg-dim">
          {[props.help, props.hint ? `Allowed: ${props.hint}` : null].filter(Boolean).join(' \u2014 ')}
        </small>
      )}
      {pending.map((p) => (
        <small key={p} class="rg-pending" data-testid="pending-field">
          {p}
        </small>
      ))}
      {errors.length > 0 && (
        <ul id={`${id}-error`} class="rg-error" role="alert" style={{ margin: 0, paddingLeft: '16px' }}>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function describedBy(id: string, hasHelp: boolean, hasErrors: boolean): string | undefined {
  const ids = [hasHelp ? `${id}-help` : null, hasErrors ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
