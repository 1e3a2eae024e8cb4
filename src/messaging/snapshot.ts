import { z } from 'zod';

/**
 * GuardSnapshot: everything a view (popup, options, page overlay) renders, and nothing more.
 * The worker builds it from core state; views only map it to words and colours.
 *
 * Objects here are STRICT-by-stripping (zod's default `z.object`): the router re-parses every
 * outgoing snapshot, so a field the worker adds by mistake (a token, a key) is dropped before
 * it can leave the worker. Never make these schemas `looseObject`.
 */

export const AccountStatusSchema = z.enum(['ok', 'warning', 'cooldown', 'locked']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const RuleModeSchema = z.enum(['off', 'monitor', 'enforce']);

export const LockoutViewSchema = z.object({
  kind: z.enum(['lockout', 'cooldown']),
  reason: z.string(),
  ruleId: z.string(),
  /** Epoch ms the lockout ends, or null when it ends on a condition. */
  endsAt: z.number().nullable(),
  /** Words for a condition end, e.g. 'the platform allows trading again'. */
  condition: z.string().optional(),
  /** A symbol lockout (rule 11) blocks one root only. */
  symbol: z.string().optional(),
});
export type LockoutView = z.infer<typeof LockoutViewSchema>;

export const PnlPointSchema = z.object({ t: z.number(), v: z.number() });
export type PnlPoint = z.infer<typeof PnlPointSchema>;

export const MeterSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  /** null: the value is unknown (e.g. no quote yet); views say "unknown", never 0. */
  value: z.number().nullable(),
  limit: z.number(),
  unit: z.string(),
  /** Warning fractions of the limit, e.g. [0.5, 0.8, 0.95]. */
  warnAt: z.array(z.number()),
  mode: RuleModeSchema,
});
export type Meter = z.infer<typeof MeterSchema>;

export const EnforcementViewSchema = z.object({
  state: z.enum(['idle', 'running', 'waiting', 'failed']),
  message: z.string().nullable(),
  since: z.number().nullable(),
});
export type EnforcementView = z.infer<typeof EnforcementViewSchema>;

export const AccountSnapshotSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: AccountStatusSchema,
  lockouts: z.array(LockoutViewSchema),
  realizedPnl: z.number(),
  unrealizedPnl: z.number().nullable(),
  pnlSeries: z.array(PnlPointSchema),
  openContracts: z.number(),
  contractLimit: z.number().nullable(),
  meters: z.array(MeterSchema),
  enforcement: EnforcementViewSchema,
  /** Copy-trading group name, when the account is in one. */
  group: z.string().nullable().optional(),
});
export type AccountSnapshot = z.infer<typeof AccountSnapshotSchema>;

const HubStatusSchema = z.enum([
  'disconnected',
  'connecting',
  'connected',
  'reconnecting',
  'closed-weekend',
  'logged-out',
]);

export const HubHealthSchema = z.object({
  status: HubStatusSchema,
  since: z.number(),
  lastMessageAt: z.number().nullable(),
  stale: z.boolean(),
});

/** Mirrors core's GuardHealth (src/core/state/events.ts). */
export const HealthSchema = z.object({
  user: HubHealthSchema,
  market: HubHealthSchema,
  token: z.enum(['none', 'valid', 'refreshing', 'failed', 'reenter-key']),
  blindSince: z.number().nullable(),
});
export type HealthView = z.infer<typeof HealthSchema>;

/** Mirrors core's StorageHealth (src/core/storage/storage-health.ts). */
export const StorageHealthSchema = z.object({
  state: z.enum(['ok', 'failing']),
  since: z.number().nullable(),
  lastError: z.string().nullable(),
  quota: z.boolean(),
  failedWrites: z.number(),
});
export type StorageHealthView = z.infer<typeof StorageHealthSchema>;

export const ConfigChangeSchema = z.object({
  /** Dotted path in the config document, e.g. 'rules.dailyLoss.limit'. */
  path: z.string(),
  label: z.string().optional(),
  from: z.unknown(),
  to: z.unknown(),
});
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;

/** Loosening changes held back by the commitment lock until the next reset. */
export const PendingConfigSchema = z.object({
  effectiveAt: z.number(),
  changes: z.array(ConfigChangeSchema),
});
export type PendingConfig = z.infer<typeof PendingConfigSchema>;

export const CredentialsStatusSchema = z.object({
  configured: z.boolean(),
  userName: z.string().nullable(),
});

/** Where the TopstepX page keeps its order entry and account name (config, not code: the page changes). */
export const PageSelectorsSchema = z.object({
  orderEntry: z.array(z.string().max(500)).max(50),
  activeAccount: z.array(z.string().max(500)).max(50),
});
export type PageSelectors = z.infer<typeof PageSelectorsSchema>;

export const GuardSnapshotSchema = z.object({
  accounts: z.array(AccountSnapshotSchema),
  health: HealthSchema,
  /** Whether the guard's writes land (a full disk never stops enforcement; it shows here). */
  storage: StorageHealthSchema.optional(),
  pendingConfig: PendingConfigSchema.nullable(),
  failClosed: z.boolean(),
  credentials: CredentialsStatusSchema,
  /** Overrides the content script's built-in selectors when set. */
  pageSelectors: PageSelectorsSchema.optional(),
  generatedAt: z.number(),
  /** The guard's clock minus the wall clock: 0 except in local builds with a shifted clock (the demo). */
  clockOffsetMs: z.number().optional(),
});
export type GuardSnapshot = z.infer<typeof GuardSnapshotSchema>;
