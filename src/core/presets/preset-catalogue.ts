import { ConfigSchema, defaultConfig, type GuardConfig } from '../rules/config/config-schema';
import { applyPresetPlan, PRESET_STYLES, type PresetChoice, type PresetStyle } from './presets';
import { ACCOUNT_TYPE_IDS, ACCOUNT_TYPES, type AccountTypeId, guessAccountType } from './topstep-accounts';

/**
 * The presets as the options page takes them (plain strings in, a config out): the page only
 * knows message and view types, so the entrypoint hands it this object.
 */

const STYLE_WORDS: Record<PresetStyle, { label: string; help: string }> = {
  standard: {
    label: 'Standard',
    help: 'The firm’s size; a daily loss of a quarter of the firm’s maximum loss and a weekly one of half; both guards well before the firm’s limits.',
  },
  strict: {
    label: 'Strict',
    help: 'Half those losses; a 30-minute pause after a trade that loses half the daily limit, or three losers in a row; a stop within a minute; flat by 15:05 CT.',
  },
};

const isType = (id: string): id is AccountTypeId => (ACCOUNT_TYPE_IDS as readonly string[]).includes(id);
const isStyle = (id: string): id is PresetStyle => (PRESET_STYLES as readonly string[]).includes(id);

function choiceOf(c: { type: string; style: string }): PresetChoice {
  if (!isType(c.type)) throw new RangeError(`unknown account type '${c.type}'`);
  if (!isStyle(c.style)) throw new RangeError(`unknown style '${c.style}'`);
  return { type: c.type, style: c.style };
}

export const PRESET_CATALOGUE = {
  accountTypes: ACCOUNT_TYPES.map((t) => ({ id: t.id, label: t.label })),
  styles: PRESET_STYLES.map((id) => ({ id, ...STYLE_WORDS[id] })),
  guess: (account: { name: string; balance?: number | undefined }): string | null => guessAccountType(account),
  /**
   * The config as edited with the plan's rules. A draft that does not parse (problems still
   * on the page) gives way to the defaults: the preset is a complete set either way.
   */
  apply(
    config: unknown,
    plan: { all: { type: string; style: string }; accounts?: Record<string, { type: string; style: string }> },
  ): GuardConfig {
    const parsed = ConfigSchema.safeParse(config);
    const base = parsed.success ? parsed.data : defaultConfig();
    const accounts = Object.fromEntries(Object.entries(plan.accounts ?? {}).map(([id, c]) => [id, choiceOf(c)]));
    return applyPresetPlan(base, { all: choiceOf(plan.all), accounts });
  },
};
