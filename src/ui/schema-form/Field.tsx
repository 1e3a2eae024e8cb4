import { useState } from 'preact/hooks';
import { type FieldProps, fieldId, pendingUnder, problemsUnder } from './form-context';
import { helpOf, initialValue, type JsonNode, labelOf, nodeKind } from './json-node';
import { pathKey } from './paths';
import { BooleanField, EnumField, JsonField, NumberField, ScalarListField, StringField } from './ScalarFields';

/** Picks the control for a node and renders containers (objects, lists, records, unions). */
export function Field(p: FieldProps) {
  const kind = nodeKind(p.node, p.ctx.schema.resolve);
  switch (kind.kind) {
    case 'boolean':
      return <BooleanField {...p} />;
    case 'number':
      return <NumberField {...p} kind={kind} />;
    case 'string':
      return <StringField {...p} kind={kind} />;
    case 'enum':
      return <EnumField {...p} kind={kind} />;
    case 'scalar-list':
      return <ScalarListField {...p} kind={kind} />;
    case 'object':
      return <ObjectField {...p} properties={kind.properties} requiredKeys={kind.required} />;
    case 'object-list':
      return <ObjectListField {...p} item={kind.item} />;
    case 'record':
      return <RecordField {...p} valueNode={kind.value} />;
    case 'union':
      return <UnionField {...p} variants={kind.variants} />;
    default:
      return <JsonField {...p} />;
  }
}

function Group(props: FieldProps & { children: preact.ComponentChildren; legend?: boolean }) {
  const id = fieldId(props.ctx, props.path);
  const errors = problemsUnder(props.ctx, props.path, false);
  const pending = pendingUnder(props.ctx, props.path, false);
  const help = helpOf(props.node);
  if (props.path.length === 0) return <>{props.children}</>;
  return (
    <fieldset class="rg-panel" id={id} aria-describedby={help ? `${id}-help` : undefined}>
      <legend>
        {labelOf(props.node, props.name)}
        {props.node.unit ? <span class="rg-dim"> ({props.node.unit})</span> : null}
      </legend>
      {help && (
        <small id={`${id}-help`} class="rg-dim">
          {help}
        </small>
      )}
      {pending.map((t) => (
        <p key={t} class="rg-pending" data-testid="pending-field">
          {t}
        </p>
      ))}
      {errors.length > 0 && (
        <ul class="rg-error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {props.children}
    </fieldset>
  );
}

function ObjectField(p: FieldProps & { properties: Record<string, JsonNode>; requiredKeys: readonly string[] }) {
  const obj = (p.value ?? p.node.default ?? {}) as Record<string, unknown>;
  return (
    <Group {...p}>
      {Object.entries(p.properties)
        .filter(([key]) => !p.ctx.hidden.has(pathKey([...p.path, key])))
        .map(([key, child]) => (
          <Field
            key={key}
            ctx={p.ctx}
            node={p.ctx.schema.resolve(child)}
            path={[...p.path, key]}
            name={key}
            value={typeof obj === 'object' && obj !== null ? obj[key] : undefined}
            required={p.requiredKeys.includes(key)}
          />
        ))}
    </Group>
  );
}

function ObjectListField(p: FieldProps & { item: JsonNode }) {
  const list = (Array.isArray(p.value) ? p.value : Array.isArray(p.node.default) ? p.node.default : []) as unknown[];
  const label = labelOf(p.node, p.name);
  return (
    <Group {...p}>
      {list.map((entry, i) => (
        <div key={i} class="rg-panel">
          <Field ctx={p.ctx} node={p.item} path={[...p.path, i]} name={`${label} ${i + 1}`} value={entry} required />
          <button
            type="button"
            class="rg-btn"
            disabled={p.ctx.disabled}
            onClick={() =>
              p.ctx.set(
                p.path,
                list.filter((_, j) => j !== i),
              )
            }
          >
            Remove {label} {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="rg-btn"
        disabled={p.ctx.disabled}
        onClick={() => p.ctx.set(p.path, [...list, initialValue(p.item, p.ctx.schema.resolve)])}
      >
        Add to {label}
      </button>
    </Group>
  );
}

function RecordField(p: FieldProps & { valueNode: JsonNode }) {
  const rec = (p.value ?? p.node.default ?? {}) as Record<string, unknown>;
  const [newKey, setNewKey] = useState('');
  const addId = `${fieldId(p.ctx, p.path)}-new`;
  const label = labelOf(p.node, p.name);
  return (
    <Group {...p}>
      {Object.entries(rec).map(([key, v]) => (
        <div key={key} class="rg-row">
          <Field
            ctx={p.ctx}
            node={{ ...p.ctx.schema.resolve(p.valueNode), label: key }}
            path={[...p.path, key]}
            name={key}
            value={v}
            required
          />
          <button
            type="button"
            class="rg-btn"
            disabled={p.ctx.disabled}
            onClick={() => {
              const { [key]: _gone, ...rest } = rec;
              p.ctx.set(p.path, rest);
            }}
          >
            Remove {key}
          </button>
        </div>
      ))}
      <div class="rg-row">
        <label for={addId}>New key for {label}</label>
        <input
          id={addId}
          type="text"
          value={newKey}
          disabled={p.ctx.disabled}
          onInput={(e) => setNewKey((e.currentTarget as HTMLInputElement).value)}
        />
        <button
          type="button"
          class="rg-btn"
          disabled={p.ctx.disabled || newKey.trim() === '' || newKey.trim() in rec}
          onClick={() => {
            p.ctx.set(p.path, { ...rec, [newKey.trim()]: initialValue(p.valueNode, p.ctx.schema.resolve) });
            setNewKey('');
          }}
        >
          Add
        </button>
      </div>
    </Group>
  );
}

/** Which variant a value belongs to: consts and discriminator consts first, then JSON type. */
function variantIndex(variants: JsonNode[], value: unknown, resolve: FieldProps['ctx']['schema']['resolve']): number {
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  for (const [i, raw] of variants.entries()) {
    const v = resolve(raw);
    if (v.const !== undefined) {
      if (v.const === value) return i;
      continue;
    }
    if (v.properties && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const discriminators = Object.entries(v.properties).filter(([, n]) => resolve(n).const !== undefined);
      if (discriminators.every(([k, n]) => (value as Record<string, unknown>)[k] === resolve(n).const)) return i;
      continue;
    }
    const t = Array.isArray(v.type) ? v.type : [v.type];
    const vt = typeOf(value);
    if (t.includes(vt) || (vt === 'number' && t.includes('integer'))) return i;
  }
  return 0;
}

function variantLabel(v: JsonNode, i: number): string {
  if (v.label) return v.label;
  if (v.const !== undefined) return String(v.const);
  const disc = Object.values(v.properties ?? {}).find((n) => n.const !== undefined);
  if (disc) return String(disc.const);
  if (v.type === 'array') return 'list';
  return `option ${i + 1}`;
}

function UnionField(p: FieldProps & { variants: JsonNode[] }) {
  const { resolve } = p.ctx.schema;
  const value = p.value === undefined ? p.node.default : p.value;
  const index = variantIndex(p.variants, value, resolve);
  const chosen = p.variants[index];
  const id = `${fieldId(p.ctx, p.path)}-variant`;
  return (
    <Group {...p}>
      <div class="rg-field">
        <label for={id}>{labelOf(p.node, p.name)}: kind</label>
        <select
          id={id}
          value={String(index)}
          disabled={p.ctx.disabled}
          onChange={(e) => {
            const next = p.variants[Number((e.currentTarget as HTMLSelectElement).value)];
            if (next) p.ctx.set(p.path, initialValue(next, resolve));
          }}
        >
          {p.variants.map((v, i) => (
            <option key={variantLabel(resolve(v), i)} value={String(i)}>
              {variantLabel(resolve(v), i)}
            </option>
          ))}
        </select>
      </div>
      {chosen && resolve(chosen).const === undefined && (
        <Field
          key={index}
          ctx={p.ctx}
          node={{
            ...resolve(chosen),
            label: resolve(chosen).label ?? `${labelOf(p.node, p.name)} (${variantLabel(resolve(chosen), index)})`,
          }}
          path={p.path}
          name={p.name}
          value={value}
          required
        />
      )}
    </Group>
  );
}
