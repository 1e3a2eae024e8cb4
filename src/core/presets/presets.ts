import type { RuleId, RuleSettingsMap } from '../rules/catalog/rule-catalog';
import { defaultConfig, type GuardConfig } from '../rules/config/config-schema';
import { type AccountType, type AccountTypeId, accountType } from './topstep-accounts';

/**
 * Presets: an account type and a style → a complete set of rules, every block given. Every
 * figure derives from the account type's two firm figures (max size, trailing maximum loss):
 *
 *   | rule                        | standard                      | strict                          |
 *   | max contracts               | the firm's size, in minis     | the same                        |
 *   | daily realized loss         | ¼ of the maximum loss         | ⅛ of the maximum loss           |
 *   | daily net loss (open incl.) | ½ of it, less 10 %            | ¼ of it, less 10 %              |
 *   | weekly loss                 | ½ of it                       | ¼ of it                         |
 *   | trailing drawdown guard     | stop 10 % of it before        | stop 25 % of it before          |
 *   | cooldown, stop required,    | off                           | pause after a loss of ½ the     |
 *   | trading hours               |                               | daily limit or 3 losers; stop   |
 *   |                             |                               | within 60 s; flat by 15:05 CT   |
 *
 * A practice account has no firm maximum loss: it takes a 50K account's figures and no
 * trailing drawdown guard. Amounts are rounded down to whole $25 (tighter, never looser).
 * Rules a preset does not name keep their defaults, so a rule added later is still complete.
 */

export type PresetStyle = 'standard' | 'strict';
export const PRESET_STYLES: readonly PresetStyle[] = ['standard', 'strict'];

export interface PresetChoice {
  type: AccountTypeId;
  style: PresetStyle;
}

type Rules = RuleSettingsMap;

const floor25 = (n: number): number => Math.floor(n / 25) * 25;

/** The figures a preset sets, for the page to show before it is applied. */
export interface PresetFigures {
  maxContracts: number;
  dailyLoss: number;
  netLossLimit: number;
  netLossBuffer: number;
  /** The week's realized loss that locks until the week's end. */
  weeklyLoss: number;
  /** null: no trailing drawdown guard (practice). */
  drawdown: { startingBalance: number; maxLoss: number; buffer: number } | null;
}

export function presetFigures(choice: PresetChoice): PresetFigures {
  const t: AccountType = accountType(choice.type);
  const strict = choice.style === 'strict';
  // Practice: the 50K figures, so the same habits carry over to an evaluation.
  const maxLoss = t.maxLoss ?? 2_000;
  const netLossLimit = floor25(maxLoss / (strict ? 4 : 2));
  return {
    maxContracts: t.maxMinis,
    dailyLoss: floor25(maxLoss / (strict ? 8 : 4)),
    netLossLimit,
    netLossBuffer: floor25(netLossLimit / 10),
    // A week may lose at most half the firm's maximum loss (a quarter, strict): no single week
    // can end the account.
    weeklyLoss: floor25(maxLoss / (strict ? 4 : 2)),
    drawdown:
      t.maxLoss === null
        ? null
        : { startingBalance: t.size, maxLoss: t.maxLoss, buffer: floor25(t.maxLoss * (strict ? 0.25 : 0.1)) },
  };
}

/** Every rule block for one account type and style. */
export function presetRules(choice: PresetChoice): Rules {
  const base = defaultConfig().defaultProfile.rules;
  const f = presetFigures(choice);
  const strict = choice.style === 'strict';
  const warnAt = strict ? [0.5, 0.75, 0.9] : [0.5, 0.8, 0.95];
  const rules: Rules = { ...base };
  const set = <K extends RuleId>(id: K, patch: Partial<Rules[K]>) => {
    rules[id] = { ...base[id], warnAt, ...patch };
  };
  set('maxContracts', { mode: 'enforce', limit: f.maxContracts, counting: 'mini', action: 'reduce' });
  set('dailyRealizedLoss', { mode: 'enforce', limit: f.dailyLoss });
  set('dailyNetLoss', { mode: 'enforce', firmLimit: f.netLossLimit, buffer: f.netLossBuffer });
  set('weeklyLoss', { mode: 'enforce', limit: f.weeklyLoss, flatten: true });
  set(
    'trailingDrawdown',
    f.drawdown === null ? { mode: 'off' } : { mode: 'enforce', ...f.drawdown, highEodSeed: null },
  );
  set('tradingPermission', { mode: 'enforce', alertWhenBlind: true });
  if (strict) {
    set('cooldownAfterLoss', {
      mode: 'enforce',
      tiers: [{ loss: floor25(f.dailyLoss / 2), minutes: 30 }],
      streak: { count: 3, minutes: 30 },
    });
    set('stopLossRequired', { mode: 'enforce', graceSec: 60 });
    // Topstep wants positions flat by its 15:10 CT cut-off; the session opens at 17:00 CT.
    // A window past midnight belongs to the day it opens: Sunday to Thursday evenings.
    set('tradingHours', {
      mode: 'enforce',
      timeZone: 'America/Chicago',
      weekdays: [0, 1, 2, 3, 4],
      start: '17:00',
      end: '15:05',
      holidays: [],
      symbolOverrides: {},
    });
  }
  return rules;
}

/** Which preset each account gets; `all` applies to every account without its own. */
export interface PresetPlan {
  all: PresetChoice;
  accounts?: Readonly<Record<string, PresetChoice>>;
}

const same = (a: PresetChoice, b: PresetChoice) => a.type === b.type && a.style === b.style;

/**
 * The config with the plan's rules: the most common choice becomes the default profile, every
 * account with another choice gets its own complete rule set (per-account overrides). The
 * plan replaces every rule and override; the rest of the config (trading day, alerts, accounts,
 * page blocking) is kept. Nothing is saved here: the page shows the result to save.
 */
export function applyPresetPlan(config: GuardConfig, plan: PresetPlan): GuardConfig {
  const accounts = Object.entries(plan.accounts ?? {});
  const tally: { choice: PresetChoice; n: number }[] = [];
  for (const [, c] of accounts) {
    const t = tally.find((x) => same(x.choice, c));
    if (t) t.n++;
    else tally.push({ choice: c, n: 1 });
  }
  const common = tally.length === 0 ? plan.all : tally.reduce((a, b) => (b.n > a.n ? b : a)).choice;
  const overrides: GuardConfig['accountOverrides'] = {};
  for (const [id, c] of accounts) {
    if (!same(c, common)) overrides[id] = { rules: presetRules(c) };
  }
  return { ...config, defaultProfile: { rules: presetRules(common) }, accountOverrides: overrides };
}
