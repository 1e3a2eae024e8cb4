import { useState } from 'preact/hooks';
import type { ResponseOf } from '../../../messaging/protocol';
import { money } from '../../schema-form/value-words';
import type { PresetCatalogue, PresetChoiceView } from '../settings-guide';

type Account = ResponseOf<'listAccounts'>['accounts'][number];

export interface PresetPlanView {
  all: PresetChoiceView;
  accounts?: Record<string, PresetChoiceView>;
}

/**
 * "Start from a preset": the account type (for each account found, guessed from its name and
 * balance) and a style give a complete set of rules. The preview says what it would set; the
 * rules below change only on "Use this preset", and nothing is saved until Save.
 */
export function PresetStep(props: {
  catalogue: PresetCatalogue;
  accounts: readonly Account[] | null;
  /** The rules the plan would set, one line each, for the preview. */
  preview(plan: PresetPlanView): string[];
  onApply(plan: PresetPlanView): void;
  onClose(): void;
}) {
  const { catalogue } = props;
  const accounts = props.accounts ?? [];
  const firstType = catalogue.accountTypes[0]?.id ?? '';
  const [style, setStyle] = useState(catalogue.styles[0]?.id ?? 'standard');
  const [types, setTypes] = useState<Record<string, string>>(() =>
    Object.fromEntries(accounts.map((a) => [String(a.id), catalogue.guess(a) ?? firstType])),
  );
  const [allType, setAllType] = useState(firstType);
  const typeOf = (id: number) =>
    types[String(id)] ?? catalogue.guess(accounts.find((a) => a.id === id) ?? { name: '' }) ?? firstType;
  const plan: PresetPlanView =
    accounts.length === 0
      ? { all: { type: allType, style } }
      : {
          all: { type: typeOf(accounts[0]?.id ?? 0), style },
          accounts: Object.fromEntries(accounts.map((a) => [String(a.id), { type: typeOf(a.id), style }])),
        };
  const lines = props.preview(plan);
  const typeSelect = (id: string, label: string, value: string, onChange: (v: string) => void) => (
    <div class="rg-field" key={id}>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {catalogue.accountTypes.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section class="rg-panel" aria-labelledby="rg-preset-h" id="preset" data-testid="preset-step">
      <h3 id="rg-preset-h" tabIndex={-1}>
        Start from a preset
      </h3>
      <p class="rg-dim">
        Every limit comes from the firm’s figures for the account type. The rules below change when you use the preset;
        nothing is saved until you press Save settings.
      </p>
      <div class="rg-cols">
        {accounts.length === 0
          ? typeSelect('rg-preset-type', 'Account type (every account)', allType, setAllType)
          : accounts.map((a) =>
              typeSelect(
                `rg-preset-type-${a.id}`,
                `Account type of ${a.name}${a.balance === undefined ? '' : ` (${money(a.balance)})`}`,
                typeOf(a.id),
                (v) => setTypes({ ...types, [String(a.id)]: v }),
              ),
            )}
      </div>
      <fieldset class="rg-preset-styles" aria-describedby="rg-preset-style-help">
        <legend class="rg-sr">Style</legend>
        <span aria-hidden="true">Style:</span>
        {catalogue.styles.map((s) => (
          <label key={s.id}>
            <input
              type="radio"
              name="rg-preset-style"
              value={s.id}
              checked={style === s.id}
              onChange={() => setStyle(s.id)}
            />{' '}
            {s.label}
          </label>
        ))}
      </fieldset>
      <p class="rg-dim" id="rg-preset-style-help">
        {catalogue.styles.find((s) => s.id === style)?.help}
      </p>
      {lines.length > 0 && (
        <div data-testid="preset-preview">
          <strong>This sets:</strong>
          <ul class="rg-preset-preview">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="rg-row" style={{ justifyContent: 'flex-start' }}>
        <button type="button" class="rg-btn rg-btn-primary" onClick={() => props.onApply(plan)}>
          Use this preset
        </button>
        <button type="button" class="rg-btn" onClick={props.onClose}>
          Not now
        </button>
      </div>
    </section>
  );
}
