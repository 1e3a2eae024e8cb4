import { type FieldProps, fieldId } from './form-context';
import { Group } from './Group';
import { initialValue, type JsonNode, labelOf, nodeKind } from './json-node';
import { pathKey } from './paths';
import { BooleanField, EnumField, JsonField, NumberField, ScalarListField, StringField } from './ScalarFields';
import { ChipListField } from './widgets/ChipListField';
import { KeyedTableField } from './widgets/KeyedTableField';
import { PercentListField } from './widgets/PercentListField';
import { TimeField } from './widgets/TimeField';
import { TimezoneField } from './widgets/TimezoneField';
import { WeekdaysField } from './widgets/WeekdaysField';

/** A widget the schema asks for, when the value's shape fits it; null: the plain control. */
function widgetFor(p: FieldProps, kind: ReturnType<typeof nodeKind>['kind']) {
  switch (p.node.widget) {
    case 'time':
      return kind === 'string' ? <TimeField {...p} /> : null;
    case 'timezone':
      return kind === 'string' ? <TimezoneField {...p} /> : null;
    case 'weekdays':
      return kind === 'scalar-list' ? <WeekdaysField {...p} /> : null;
    case 'percent-list':
      return kind === 'scalar-list' ? <PercentListField {...p} /> : null;
    case 'symbols':
      return kind === 'scalar-list' ? <ChipListField {...p} variant="symbols" /> : null;
    case 'dates':
      return kind === 'scalar-list' ? <ChipListField {...p} variant="dates" /> : null;
    default:
      return null;
  }
}

/** Picks the control for a node and renders containers (objects, lists, records, unions). */
export function Field(p: FieldProps) {
  const kind = nodeKind(p.node, p.ctx.schema.resolve);
  const widget = widgetFor(p, kind.kind);
  if (widget) return widget;
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
      return <ObjectField {...p} properties={kind.properties} />;
    case 'object-list':
      return <ObjectListField {...p} item={kind.item} />;
    case 'record':
      return <KeyedTableField {...p} valueNode={kind.value} symbols={p.node.widget === 'symbol-table'} Field={Field} />;
    case 'union':
      return <UnionField {...p} variants={kind.variants} />;
    default:
      return <JsonField {...p} />;
  }
}

/** The fields of an object, minus those another part of the page edits. */
export function ObjectFields(p: Omit<FieldProps, 'name' | 'required'> & { properties: Record<string, JsonNode> }) {
  const obj = (p.value ?? p.node.default ?? {}) as Record<string, unknown>;
  return (
    <>
      {Object.entries(p.properties)
        .filter(([key, child]) => !p.ctx.hidden.has(pathKey([...p.path, key])) && !p.ctx.schema.resolve(child).hidden)
        .map(([key, child]) => (
          <Field
            key={key}
            ctx={p.ctx}
            node={p.ctx.schema.resolve(child)}
            path={[...p.path, key]}
            name={key}
            value={typeof obj === 'object' && obj !== null ? obj[key] : undefined}
            required
          />
        ))}
    </>
  );
}

function ObjectField(p: FieldProps & { properties: Record<string, JsonNode> }) {
  return (
    <Group {...p}>
      <ObjectFields {...p} />
    </Group>
  );
}

/** A list of small objects (loss tiers) as rows: each row's fields inline, remove per row, add at the end. */
function ObjectListField(p: FieldProps & { item: JsonNode }) {
  const list = (Array.isArray(p.value) ? p.value : Array.isArray(p.node.default) ? p.node.default : []) as unknown[];
  const item = p.ctx.schema.resolve(p.item);
  const props = item.properties ?? {};
  return (
    <Group {...p}>
      {list.length === 0 && <p class="rg-dim">None yet.</p>}
      {list.map((entry, i) => (
        <div key={i} class="rg-table-row">
          {Object.entries(props).map(([key, child]) => {
            const node = p.ctx.schema.resolve(child);
            return (
              <Field
                key={key}
                ctx={p.ctx}
                node={{ ...node, label: `${labelOf(node, key)}, row ${i + 1}` }}
                path={[...p.path, i, key]}
                name={key}
                value={(entry as Record<string, unknown> | null)?.[key]}
                required
              />
            );
          })}
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
            Remove row {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="rg-btn"
        disabled={p.ctx.disabled}
        onClick={() => p.ctx.set(p.path, [...list, initialValue(p.item, p.ctx.schema.resolve)])}
      >
        Add a row to {labelOf(p.node, p.name).toLowerCase()}
      </button>
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
  if (v.type === 'array') return 'a list';
  return `choice ${i + 1}`;
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
        <label for={id}>{labelOf(p.node, p.name)}: choose</label>
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
