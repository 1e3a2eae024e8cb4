import type { ComponentChildren } from 'preact';
import { FieldNotes } from './FieldFrame';
import { type FieldProps, fieldId, pendingUnder, problemsUnder } from './form-context';
import { helpOf, labelOf } from './json-node';

/** A labelled fieldset for a container; the root renders its children bare. */
export function Group(props: FieldProps & { children: ComponentChildren }) {
  const id = fieldId(props.ctx, props.path);
  const help = helpOf(props.node);
  if (props.path.length === 0) return <>{props.children}</>;
  return (
    <fieldset class="rg-group" id={id} aria-describedby={help ? `${id}-help` : undefined}>
      <legend>{labelOf(props.node, props.name)}</legend>
      <FieldNotes
        id={id}
        help={help}
        errors={problemsUnder(props.ctx, props.path, false)}
        pending={pendingUnder(props.ctx, props.path, false)}
      />
      {props.children}
    </fieldset>
  );
}
