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
  /** A symbol lockout (`symbolBlocks`) blocks one root only. */
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
  /** A "more than N" limit (contracts, orders): at N the next one breaches; only past N is a breach. */
  moreThan: z.boolean().optional(),
});
export type Meter = z.infer<typeof MeterSchema>;

export const EnforcementViewSchema = z.object({
  state: z.enum(['idle', 'running', 'waiting', 'failed']),
  message: z.string().nullable(),
  since: z.number().nullable(),
});
export type EnforcementView = z.infer<typeof EnforcementViewSchema>;

/** A rule that threw on its last evaluation of the account: it decides nothing until it works again. */
export const RuleErrorViewSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  message: z.string(),
  since: z.number(),
});
export type RuleErrorView = z.infer<typeof RuleErrorViewSchema>;

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
  /** Rules failing on this account (shown as *error*); optional so an older cached snapshot still parses. */
  ruleErrors: z.array(RuleErrorViewSchema).optional(),
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

/** Mirrors core's StorageHealth (src/core/guard/storage-health.ts). */
export const StorageHealthSchema = z.object({
  state: z.enum(['ok', 'failing']),
  since: z.number().nullable(),
  lastError: z.string().nullable(),
  quota: z.boolean(),
  failedWrites: z.number(),
});
export type StorageHealthView = z.infer<typeof StorageHealthSchema>;

/** Mirrors core's ServerClockStatus (src/core/time/server-clock.ts): the guard's time against the server's and the computer's. */
export const ClockStatusSchema = z.object({
  source: z.enum(['server', 'saved', 'local']),
  skewMs: z.number().nullable(),
  uncertaintyMs: z.number().nullable(),
});
export type ClockStatusView = z.infer<typeof ClockStatusSchema>;

export const ConfigChangeSchema = z.object({
  /** Dotted path in the config document, e.g. 'rules.dailyLoss.limit'. */
  path: z.string(),
  label: z.string().optional(),
  from: z.unknown(),
  to: z.unknown(),
});
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;

/** Loosening changes held back by the commitment lock until the next reset. */
export const PendingConfigViewSchema = z.object({
  effectiveAt: z.number(),
  changes: z.array(ConfigChangeSchema),
});
export type PendingConfigView = z.infer<typeof PendingConfigViewSchema>;

export const CredentialsStatusSchema = z.object({
  configured: z.boolean(),
  userName: z.string().nullable(),
});

/** Where the TopstepX page keeps what the layer touches (config `page`, not code: the page changes). */
export const PageSelectorsSchema = z.object({
  /** Order-entry areas covered during a lockout… */
  cover: z.array(z.string().max(500)).max(50),
  /** …except the subtrees holding these (close, cancel, flatten). */
  keepUsable: z.array(z.string().max(500)).max(50),
  accountPicker: z.array(z.string().max(500)).max(50),
  contractPicker: z.array(z.string().max(500)).max(50),
});
export type PageSelectors = z.infer<typeof PageSelectorsSchema>;

/** The guard's hold on the TopstepX page: the layer's view of the page, and the network block. */
export const PageHealthSchema = z.object({
  /** 'missing': a trading page is open and the layer finds none of its order-entry areas. */
  orderEntry: z.enum(['unknown', 'recognised', 'missing']),
  /** Since when `orderEntry` is what it is (null for unknown). */
  since: z.number().nullable(),
  networkBlock: z.object({
    active: z.boolean(),
    failure: z.object({ message: z.string(), since: z.number() }).nullable(),
  }),
});
export type PageHealth = z.infer<typeof PageHealthSchema>;

/** Gateway payloads that failed validation (counted, journaled once per kind, never dropped silently). */
export const PayloadHealthSchema = z.object({
  rejected: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
});
export type PayloadHealth = z.infer<typeof PayloadHealthSchema>;

export const GuardSnapshotSchema = z.object({
  accounts: z.array(AccountSnapshotSchema),
  health: HealthSchema,
  /** Whether the guard's writes land (a full disk never stops enforcement; it shows here). */
  storage: StorageHealthSchema.optional(),
  pendingConfig: PendingConfigViewSchema.nullable(),
  failClosed: z.boolean(),
  credentials: CredentialsStatusSchema,
  /** The page's selectors from config; the content script has built-in defaults without them. */
  pageSelectors: PageSelectorsSchema.optional(),
  page: PageHealthSchema.optional(),
  payloads: PayloadHealthSchema.optional(),
  generatedAt: z.number(),
  /** The guard's time (the server's) minus the computer's clock: the views count down on it. */
  clockOffsetMs: z.number().optional(),
  clock: ClockStatusSchema.optional(),
});
export type GuardSnapshot = z.infer<typeof GuardSnapshotSchema>;
