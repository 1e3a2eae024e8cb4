import type { ComponentChildren } from 'preact';

/** "USD" reads "$"; other units are words already ("contracts", "minutes"). */
export const unitWords = (unit: string | undefined): string | undefined => (unit === 'USD' ? '$' : unit);

interface Notes {
  id: string;
  help?: string | undefined;
  errors: string[];
  pending: string[];
}

/** Help, pending note and inline errors under a control, with the ids its aria-describedby names. */
export function FieldNotes(props: Notes) {
  const { id, errors, pending } = props;
  return (
    <>
      {props.help && (
        <small id={`${id}-help`} class="rg-dim">
          {props.help}
        </small>
      )}
      {pending.map((p) => (
        <small key={p} class="rg-pending" data-testid="pending-field">
          {p}
        </small>
      ))}
      {errors.length > 0 && (
        <ul id={`${id}-error`} class="rg-error rg-field-errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Label, control, unit and notes, wired with ids for screen readers. */
export function FieldFrame(
  props: Notes & { label: string; unit?: string | undefined; children: ComponentChildren; inline?: boolean },
) {
  const unit = unitWords(props.unit);
  return (
    <div class="rg-field" data-field={props.id}>
      {!props.inline && (
        <label for={props.id}>
          {props.label}
          {unit ? <span class="rg-dim"> ({unit})</span> : null}
        </label>
      )}
      {props.children}
      <FieldNotes {...props} />
    </div>
  );
}

/** A field made of several controls (weekday toggles, chips): a fieldset named by its legend. */
export function GroupFrame(props: Notes & { label: string; children: ComponentChildren }) {
  return (
    <fieldset
      class="rg-field rg-inline-group"
      id={props.id}
      data-field={props.id}
      aria-describedby={describedBy(props.id, !!props.help, props.errors.length > 0)}
    >
      <legend>{props.label}</legend>
      {props.children}
      <FieldNotes {...props} />
    </fieldset>
  );
}

export function describedBy(id: string, hasHelp: boolean, hasErrors: boolean): string | undefined {
  const ids = [hasHelp ? `${id}-help` : null, hasErrors ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
