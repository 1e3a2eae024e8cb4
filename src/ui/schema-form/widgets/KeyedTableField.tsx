import type { ComponentType } from 'preact';
import type { FieldProps } from '../form-context';
import { Group } from '../Group';
import { initialValue, type JsonNode, labelOf, nodeKind } from '../json-node';
import { AddRow, symbolText } from './AddRow';

/**
 * A record keyed by name (per-symbol limits, per-symbol hours) as a small table: one row per
 * key with its value's fields, "Remove NQ", and one "add" input at the end (symbols picked
 * from the gateway's list or typed). A new row's number starts empty: the trader types it, so
 * no limit of 0 (= blocked) slips in unnoticed.
 *
 * A row's cells are fields of any kind, so the caller (Field.tsx) passes its own `Field` in:
 * the form is recursive, its files are not.
 */
export function KeyedTableField(
  p: FieldProps & { valueNode: JsonNode; symbols: boolean; Field: ComponentType<FieldProps> },
) {
  const { Field } = p;
  const { resolve } = p.ctx.schema;
  const rec = (p.value ?? p.node.default ?? {}) as Record<string, unknown>;
  const label = labelOf(p.node, p.name);
  const addId = `${p.ctx.idPrefix}-${p.path.join('_')}-add`.replace(/[^A-Za-z0-9_-]/g, '_');
  const value = resolve(p.valueNode);
  const kind = nodeKind(value, resolve);
  const clean = (text: string) => (p.symbols ? symbolText(text) : text.trim());
  const cells = (key: string, v: unknown) => {
    if (kind.kind === 'object') {
      return Object.entries(kind.properties).map(([child, node]) => {
        const n = resolve(node);
        return (
          <Field
            key={child}
            ctx={p.ctx}
            node={{ ...n, label: `${key} ${labelOf(n, child).toLowerCase()}` }}
            path={[...p.path, key, child]}
            name={child}
            value={(v as Record<string, unknown> | null)?.[child]}
            required
          />
        );
      });
    }
    return (
      <Field
        ctx={p.ctx}
        node={{ ...value, label: key, unit: value.unit ?? p.node.unit }}
        path={[...p.path, key]}
        name={key}
        value={v}
        required
      />
    );
  };
  return (
    <Group {...p}>
      {Object.keys(rec).length === 0 && <p class="rg-dim">None yet.</p>}
      {Object.entries(rec).map(([key, v]) => (
        <div key={key} class="rg-table-row" data-key={key}>
          {cells(key, v)}
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
      <AddRow
        id={addId}
        label={p.symbols ? 'Add a symbol' : `Add a name to ${label.toLowerCase()}`}
        button="Add"
        type="text"
        list={p.symbols ? p.ctx.symbolListId : undefined}
        disabled={p.ctx.disabled}
        clean={(text) => {
          const key = clean(text);
          return key === '' || key in rec ? null : key;
        }}
        onAdd={(key) =>
          p.ctx.set(p.path, { ...rec, [key]: kind.kind === 'number' ? null : initialValue(value, resolve) })
        }
      />
    </Group>
  );
}
