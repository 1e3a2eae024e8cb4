import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Problem, ResponseOf } from '../../../messaging/protocol';
import type { PendingConfigView } from '../../../messaging/snapshot';
import { formatChicagoTime } from '../../format';
import type { FormContext } from '../../schema-form/form-context';
import type { FormSchema } from '../../schema-form/json-node';
import { getAt, type Path, pathKey, setAt } from '../../schema-form/paths';
import { problemsByPath } from '../../schema-form/problems';
import { pendingLines, pendingNotes } from '../pending-map';
import type { SettingsGuide } from '../settings-guide';
import { RuleRow } from './RuleRow';
import { type RowModel, RULES_PATH, ruleRowModels, settingsRowModels } from './rule-rows';

type Account = ResponseOf<'listAccounts'>['accounts'][number];
type Update = (fn: (config: unknown) => unknown) => void;

export interface RulesSectionProps {
  schema: FormSchema;
  config: unknown;
  update: Update;
  problems: readonly Problem[];
  pending: PendingConfigView | null;
  now: number;
  accounts: readonly Account[] | null;
  guide?: SettingsGuide | undefined;
  symbolListId?: string | undefined;
  /** Bumped on a save with problems: every row with one opens. */
  reveal: number;
  /** Bumped when the config is replaced from outside (load, preset): typed drafts start over. */
  formKey: number;
  onReplay(accountId: number | null): void;
  /** The preset step (or the button that opens it), shown above the list. */
  presets?: ComponentChildren;
}

/** The account's own rules go; it follows every account's rules again. */
function dropOverride(config: unknown, account: string, ruleId: string): unknown {
  const next = setAt(config, ['accountOverrides', account, 'rules', ruleId], undefined);
  const rest = getAt(next, ['accountOverrides', account, 'rules']) as Record<string, unknown> | undefined;
  return rest && Object.keys(rest).length === 0 ? setAt(next, ['accountOverrides', account], undefined) : next;
}

/**
 * The rules as a list, one row each, then the settings that are not rules; scoped to every
 * account or to one (its own rules, "per-account overrides"). Opening a row shows its fields.
 */
export function RulesSection(p: RulesSectionProps) {
  const [scope, setScope] = useState('all');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const problemMap = useMemo(() => problemsByPath(p.problems), [p.problems]);
  const notes = useMemo(() => pendingNotes(p.pending, p.now, p.schema), [p.pending, p.now, p.schema]);
  const rules = ruleRowModels(p.schema, p.config, scope, p.guide);
  const settings = scope === 'all' ? settingsRowModels(p.schema, p.config) : [];
  const rowKey = (r: RowModel) => `${scope}:${r.key}`;
  const problemsOf = (r: RowModel) => p.problems.filter((x) => r.owns(x.path)).length;

  // A save with problems opens every row that has one, in every scope's view.
  useEffect(() => {
    if (p.reveal === 0) return;
    const next = new Set(open);
    for (const r of [...rules, ...settings]) if (problemsOf(r) > 0) next.add(rowKey(r));
    setOpen(next);
  }, [p.reveal]);

  const ctxFor = (r: RowModel): FormContext => ({
    schema: p.schema,
    problems: problemMap,
    pending: notes,
    idPrefix: 'rg-cfg',
    disabled: false,
    hidden: new Set(),
    symbolListId: p.symbolListId,
    set: (path: Path, value: unknown) =>
      p.update((c) => {
        // The first edit of a rule in an account's scope starts that account's own block from
        // the block it followed until then.
        const needsOwn = scope !== 'all' && getAt(c, r.path) === undefined && r.path[0] === 'accountOverrides';
        const base = needsOwn ? setAt(c, r.path, structuredClone(getAt(c, [...RULES_PATH, r.key]))) : c;
        return setAt(base, path, value);
      }),
  });

  const pendingOf = (r: RowModel) => {
    const own = pendingLines(p.pending, pathKey(r.path), p.schema);
    const followed =
      scope !== 'all' && !r.own ? pendingLines(p.pending, pathKey([...RULES_PATH, r.key]), p.schema) : null;
    const found = own ?? followed;
    return found ? { title: `Pending until ${formatChicagoTime(found.when, p.now)}`, lines: found.lines } : null;
  };

  const row = (r: RowModel, isRule: boolean) => {
    const key = rowKey(r);
    const accountId = scope === 'all' ? null : Number(scope);
    return (
      <RuleRow
        key={`${p.formKey}:${key}`}
        rowKey={isRule ? r.key : `section-${r.key}`}
        label={r.label}
        help={r.help}
        node={r.node}
        ctx={ctxFor(r)}
        path={r.path}
        value={r.value}
        summary={r.summary}
        pending={pendingOf(r)}
        problems={problemsOf(r)}
        open={open.has(key)}
        hasMode={isRule && r.hasMode}
        onToggle={() => {
          const next = new Set(open);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          setOpen(next);
        }}
        onReplay={isRule ? () => p.onReplay(accountId) : undefined}
        scope={
          scope === 'all' || !isRule ? undefined : r.own ? (
            <span data-testid="rule-own">
              Own setting for this account{' '}
              <button type="button" class="rg-link" onClick={() => p.update((c) => dropOverride(c, scope, r.key))}>
                Use the one for all accounts
              </button>
            </span>
          ) : (
            <span class="rg-dim">Same as for all accounts</span>
          )
        }
      />
    );
  };

  const overrides = Object.keys((getAt(p.config, ['accountOverrides']) ?? {}) as Record<string, unknown>);
  const accounts = p.accounts ?? [];
  const scopes = [
    ...accounts.map((a) => ({ id: String(a.id), name: a.name })),
    ...overrides
      .filter((id) => !accounts.some((a) => String(a.id) === id))
      .map((id) => ({ id, name: `Account ${id}` })),
  ];

  return (
    <section class="rg-panel" aria-labelledby="rg-rules-h" id="rules">
      <div class="rg-step-h">
        <span class="rg-step-n" aria-hidden="true">
          3
        </span>
        <h2 id="rg-rules-h" tabIndex={-1}>
          Rules
        </h2>
      </div>
      <p class="rg-dim">
        Each rule is <strong>off</strong>, <strong>monitor</strong> (records what it would do) or{' '}
        <strong>enforce</strong>. Tighter limits apply at once; looser ones wait for the next reset.
      </p>
      {p.presets}
      {scopes.length > 0 && (
        <div class="rg-field rg-inline">
          <label for="rg-scope">Rules for</label>
          <select id="rg-scope" value={scope} onChange={(e) => setScope((e.currentTarget as HTMLSelectElement).value)}>
            <option value="all">Every account</option>
            {scopes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {overrides.includes(s.id) ? ' (own rules)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul class="rg-rules" aria-label={scope === 'all' ? 'Rules for every account' : 'Rules for this account'}>
        {rules.map((r) => row(r, true))}
      </ul>
      {settings.length > 0 ? (
        <>
          <h3 id="rg-general-h">General</h3>
          <ul class="rg-rules" aria-labelledby="rg-general-h">
            {settings.map((r) => row(r, false))}
          </ul>
        </>
      ) : (
        <p class="rg-dim">The trading day, alerts and the guard’s own settings apply to every account.</p>
      )}
    </section>
  );
}
