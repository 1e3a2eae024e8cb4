import type { FormContext } from '../../schema-form/form-context';
import { fieldId } from '../../schema-form/form-context';
import { type JsonNode, optionLabel } from '../../schema-form/json-node';
import type { Path } from '../../schema-form/paths';

const MODES = ['off', 'monitor', 'enforce'] as const;

/**
 * Off / Monitor / Enforce for one rule: three radio buttons in a named group (arrow keys move
 * between them), styled as one segmented switch.
 */
export function ModeSwitch(props: { ctx: FormContext; path: Path; node: JsonNode; value: unknown; ruleName: string }) {
  const id = fieldId(props.ctx, props.path);
  const current = typeof props.value === 'string' ? props.value : String(props.node.default ?? 'off');
  const options = (props.node.enum as string[] | undefined) ?? [...MODES];
  return (
    <fieldset class="rg-mode" id={id} data-field={id}>
      <legend class="rg-sr">Mode of {props.ruleName}</legend>
      {options.map((m) => (
        <label key={m} for={`${id}-${m}`}>
          <input
            type="radio"
            id={`${id}-${m}`}
            name={id}
            value={m}
            checked={current === m}
            disabled={props.ctx.disabled}
            onChange={() => props.ctx.set(props.path, m)}
          />
          {optionLabel(props.node, m)}
        </label>
      ))}
    </fieldset>
  );
}
