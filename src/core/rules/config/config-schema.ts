import { z } from 'zod';
import { PageConfigSchema } from '../../page/page-config';
import { timeOfDay } from '../catalog/field-meta';
import { CATALOG, RULE_IDS, type RuleId, type RuleSettingsMap } from '../catalog/rule-catalog';
import { isValidTimeZone } from '../wall-clock/zoned-time';
import { migrateConfigInput } from './config-migrate';
import { issueInWords } from './issue-words';

/**
 * The guard's config: ONE zod document, the single source of truth for defaults, bounds,
 * labels, units and widgets (`.meta()`, typed in ../catalog/field-meta.ts, which the options page renders
 * from). Unknown keys are rejected (a typo must not silently fall back to a default). A default
 * profile applies to every account; per-account overrides REPLACE whole rule blocks.
 */

// Each rule block carries its rule's name and description, so the page can title every rule,
// including one added later, from the schema alone.
const ruleBlock = (id: RuleId) =>
  CATALOG[id].settingsSchema.meta({ label: CATALOG[id].name, help: CATALOG[id].description });

const ruleShape = Object.fromEntries(RULE_IDS.map((id) => [id, ruleBlock(id)])) as {
  [K in RuleId]: z.ZodType<RuleSettingsMap[K]>;
};

const RulesObject = z.strictObject(ruleShape);
// Every block has defaults, so `{}` is a complete input.
const RulesSchema = RulesObject.prefault({} as z.input<typeof RulesObject>);

// NOT `.optional()`: zod would apply the block's prefault and turn an absent block into a
// full default block, silently replacing the profile's. A union keeps "absent" absent.
const overrideShape = Object.fromEntries(
  RULE_IDS.map((id) => [id, z.union([z.undefined(), ruleBlock(id)])]),
) as unknown as {
  // Typed as optional so the inferred override keys are optional (`?:`), which they are.
  [K in RuleId]: z.ZodOptional<z.ZodType<RuleSettingsMap[K]>>;
};

export const ConfigSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    tradingDay: z
      .strictObject({
        resetTime: timeOfDay
          .default('17:00')
          .meta({ label: 'New trading day starts at', help: 'Daily limits and day lockouts end here' }),
        timeZone: z
          .string()
          .refine(isValidTimeZone, 'pick a time zone from the list')
          .default('America/Chicago')
          .meta({ label: 'Time zone of the reset', widget: 'timezone' }),
      })
      .prefault({})
      .meta({ label: 'Trading day' }),
    countFees: z.boolean().default(true).meta({ label: 'Count fees in realized P&L' }),
    countCommissions: z.boolean().default(true).meta({
      label: 'Count commissions in realized P&L',
      help: 'Trades carry commissions beside fees, and TopstepX does not say whether its fees include them. On (the default) counts both: the guard may stop you a few cents early, never late. Turn off only if you know the fees include them.',
    }),
    failClosed: z.boolean().default(true).meta({
      label: 'Fail closed',
      help: 'Block the TopstepX page’s order entry while the guard cannot see the account',
    }),
    blindGraceSec: z.number().int().min(5).max(3600).default(30).meta({
      label: 'Alert when blind for',
      unit: 'seconds',
      help: 'How long the guard may be blind before it alerts (and fails closed)',
    }),
    // Selectors and request patterns of the TopstepX page (src/core/page/page-config.ts).
    page: PageConfigSchema.prefault({}),
    notifications: z
      .strictObject({
        warnings: z.boolean().default(true).meta({ label: 'Warnings' }),
        enforcements: z.boolean().default(true).meta({ label: 'Enforcements' }),
        lockouts: z.boolean().default(true).meta({ label: 'Lockouts and cooldowns' }),
        blind: z.boolean().default(true).meta({ label: 'Guard blind' }),
        monitorOnly: z.boolean().default(true).meta({ label: 'Monitor-mode decisions' }),
        sound: z
          .enum(['off', 'soft', 'loud'])
          .default('loud')
          .meta({ label: 'Sound', options: { off: 'Off', soft: 'Soft', loud: 'Loud' } }),
      })
      .prefault({})
      .meta({ label: 'Alerts' }),
    accountGroups: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(60),
          accountIds: z.array(z.number().int()).min(2).max(100),
        }),
      )
      .max(50)
      .default([])
      .meta({ label: 'Account groups', help: 'A lockout on one account of a group locks the group (copy trading)' }),
    monitoredAccountIds: z
      .union([z.literal('all'), z.array(z.number().int()).max(500)])
      .default('all')
      .meta({ label: 'Monitored accounts' }),
    defaultProfile: z.strictObject({ rules: RulesSchema }).prefault({}),
    accountOverrides: z
      .record(
        z.string().regex(/^\d+$/, 'an account number'),
        z.strictObject({ rules: z.strictObject(overrideShape).prefault({}) }),
      )
      .default({})
      .meta({ label: 'Per-account rules', help: 'A block given here replaces the default profile’s block whole' }),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<number, string>();
    c.accountGroups.forEach((g, i) => {
      g.accountIds.forEach((id, j) => {
        const other = seen.get(id);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['accountGroups', i, 'accountIds', j],
            message: `account ${id} is already in group "${other}"`,
          });
        }
        seen.set(id, g.name);
      });
    });
  });

export type GuardConfig = z.infer<typeof ConfigSchema>;
export type ConfigProblem = { path: string; message: string };
export type ParseConfigResult = { ok: true; config: GuardConfig } | { ok: false; problems: ConfigProblem[] };

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Validates a whole config: accepted with every default filled in, or rejected with EVERY problem by path. */
export function parseConfig(input: unknown): ParseConfigResult {
  const r = ConfigSchema.safeParse(migrateConfigInput(input), { error: issueInWords });
  if (r.success) return { ok: true, config: r.data };
  const problems: ConfigProblem[] = [];
  collectProblems(r.error.issues, [], problems);
  return { ok: false, problems };
}

type Issue = z.core.$ZodIssue;

function depth(issues: readonly Issue[]): number {
  return issues.reduce((n, i) => Math.max(n, i.path.length + 1), 0);
}

function collectProblems(issues: readonly Issue[], prefix: PropertyKey[], out: ConfigProblem[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: pathOf([...path, key]), message: 'unknown setting' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest (e.g. the rule block, not "expected undefined"); of
      // branches as far, the last (the setting's own shape, after "absent" or "all").
      let best: readonly Issue[] = [];
      for (const branch of issue.errors) if (depth(branch) >= depth(best)) best = branch;
      collectProblems(best, path, out);
    } else {
      out.push({ path: pathOf(path) || '(root)', message: issue.message });
    }
  }
}

/** The config every new install starts with. */
export function defaultConfig(): GuardConfig {
  return ConfigSchema.parse({});
}

export type EffectiveRules = RuleSettingsMap;

/** One account's rules: the default profile with that account's override blocks in place. */
export function effectiveRules(config: GuardConfig, accountId: number): EffectiveRules {
  const override = config.accountOverrides[String(accountId)]?.rules;
  if (!override) return config.defaultProfile.rules;
  const out = { ...config.defaultProfile.rules } as Record<RuleId, unknown>;
  for (const id of RULE_IDS) {
    const block = override[id];
    if (block !== undefined) out[id] = block;
  }
  return out as EffectiveRules;
}

export function isMonitored(config: GuardConfig, accountId: number): boolean {
  return config.monitoredAccountIds === 'all' || config.monitoredAccountIds.includes(accountId);
}

/**
 * The config as JSON Schema with every field's label, unit, help, default and bounds: what
 * the options page renders its editor from (zod's own export, so it cannot drift).
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
