import type { ComponentChildren } from 'preact';
import { ObjectFields } from '../../schema-form/Field';
import type { FormContext } from '../../schema-form/form-context';
import type { JsonNode } from '../../schema-form/json-node';
import type { Path } from '../../schema-form/paths';
import { ModeSwitch } from './ModeSwitch';

export interface RuleRowProps {
  /** DOM id stem: `rg-rule-<key>`. */
  rowKey: string;
  label: string;
  help?: string | undefined;
  node: JsonNode;
  ctx: FormContext;
  path: Path;
  value: unknown;
  summary: string;
  /** "Pending until 17:00 CT" and one line per waiting change. */
  pending: { title: string; lines: string[] } | null;
  problems: number;
  open: boolean;
  onToggle(): void;
  /** Rules have a mode; settings sections do not. */
  hasMode: boolean;
  /** Account scope: whose setting this is, and the way back to the one for all accounts. */
  scope?: ComponentChildren;
  /** "What would this have done?": the replay with these settings. */
  onReplay?: (() => void) | undefined;
}

/**
 * One rule as one row: its name (opens its fields), a sentence of what it does with the
 * current values, the off / monitor / enforce switch, what waits for the reset, and how many
 * problems its fields have. Its fields render only when opened.
 */
export function RuleRow(p: RuleRowProps) {
  const value = (p.value ?? {}) as Record<string, unknown>;
  const modeNode = p.node.properties?.mode;
  const withMode = p.hasMode && modeNode !== undefined;
  const mode = withMode ? String(value.mode ?? modeNode.default ?? 'off') : null;
  const bodyId = `rg-rule-${p.rowKey}-body`;
  const summaryId = `rg-rule-${p.rowKey}-summary`;
  // The rule's own figures first; its warning levels, shared by every rule, last.
  const entries = Object.entries(p.node.properties ?? {}).filter(([k]) => !(withMode && k === 'mode'));
  const fields = Object.fromEntries([
    ...entries.filter(([k]) => k !== 'warnAt'),
    ...entries.filter(([k]) => k === 'warnAt'),
  ]);
  return (
    <li
      class={`rg-rule${mode === 'off' ? ' rg-rule-off' : ''}`}
      data-rule={p.rowKey}
      data-mode={mode ?? undefined}
      data-testid="rule-row"
    >
      <div class="rg-rule-head">
        <div class="rg-rule-text">
          <button
            type="button"
            class="rg-rule-name"
            id={`rg-rule-${p.rowKey}`}
            aria-expanded={p.open}
            aria-controls={p.open ? bodyId : undefined}
            aria-describedby={summaryId}
            onClick={p.onToggle}
          >
            {p.label}
          </button>
          <p class="rg-rule-summary" id={summaryId} data-testid="rule-summary">
            {p.summary}
          </p>
          {(p.pending || p.problems > 0 || p.scope) && (
            <div class="rg-rule-flags">
              {p.scope}
              {p.pending && (
                <span class="rg-pending" data-testid="rule-pending">
                  {p.pending.title}: {p.pending.lines.join('; ')}
                </span>
              )}
              {p.problems > 0 && (
                <span class="rg-error" data-testid="rule-problems">
                  {'\u26a0'} {p.problems} {p.problems === 1 ? 'problem' : 'problems'} to fix
                </span>
              )}
            </div>
          )}
        </div>
        {withMode && modeNode && (
          <ModeSwitch ctx={p.ctx} path={[...p.path, 'mode']} node={modeNode} value={value.mode} ruleName={p.label} />
        )}
      </div>
      {p.open && (
        <div class="rg-rule-body" id={bodyId}>
          {p.help && <p class="rg-dim">{p.help}</p>}
          <ObjectFields ctx={p.ctx} node={p.node} path={p.path} value={value} properties={fields} />
          {p.onReplay && (
            <p>
              <button type="button" class="rg-link" onClick={p.onReplay}>
                What would this have done? Replay your trades with these settings
              </button>
            </p>
          )}
        </div>
      )}
    </li>
  );
}
