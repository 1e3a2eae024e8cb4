import { z } from 'zod';
import { ActionResultSchema, LockPlanSchema, PageStatusReceiptSchema } from './action-answers';
import { isLoopbackUrl, LOOPBACK_ONLY_MESSAGE } from './gateway-policy';
import { type Problem, ProblemSchema } from './problem';
import { REPLAY_REQUESTS, REPLAY_RESPONSES } from './replay';
import { GuardSnapshotSchema, PendingConfigViewSchema } from './snapshot';

/**
 * The request/response protocol between the worker and the views. One zod schema per
 * request and per answer; the router validates both directions. Answers are re-parsed on
 * the way out, which strips any field the schema does not name (no secret can ride along).
 * The envelope (envelope.ts) and the answers the popup and the page overlay need
 * (action-answers.ts) live apart, so those views never build the rest (view-answers.ts).
 *
 * There is deliberately NO message to unlock (nor to shorten a "Lock me out"), to read the API
 * key or token, or to turn the guard off: a view cannot ask for what the protocol cannot express.
 */

/** A custom gateway's URL: http(s), on this computer only (gateway-policy.ts says why). */
const LoopbackUrlSchema = z
  .url({ protocol: /^https?$/, error: 'enter an http(s) URL' })
  .refine(isLoopbackUrl, { error: LOOPBACK_ONLY_MESSAGE });

export const GatewaySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('topstepx') }),
  z.object({
    kind: z.literal('custom'),
    restBase: LoopbackUrlSchema,
    userHub: LoopbackUrlSchema,
    marketHub: LoopbackUrlSchema,
  }),
]);
export type Gateway = z.infer<typeof GatewaySchema>;

export const JournalKindSchema = z.enum([
  'decision',
  'warning',
  'action',
  'enforcement',
  'lockout',
  'unlock',
  'missed-event',
  'malformed-event',
  'connection',
  'config',
  'auth',
  'clock',
  'error',
]);

export const JournalFiltersSchema = z.object({
  accountId: z.number().int().optional(),
  kinds: z.array(JournalKindSchema).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  limit: z.number().int().positive().max(10_000).optional(),
});
export type JournalFilters = z.infer<typeof JournalFiltersSchema>;

export const JournalEntryViewSchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  kind: JournalKindSchema,
  accountId: z.number().int().nullable(),
  ruleId: z.string().optional(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type JournalEntryView = z.infer<typeof JournalEntryViewSchema>;

export { type ActionResult, ActionResultSchema, LockPlanSchema, type LockPlanView } from './action-answers';
export {
  type ErrorCode,
  ErrorCodeSchema,
  type ReplyEnvelope,
  ReplyEnvelopeSchema,
  SNAPSHOT_PORT,
  type SnapshotPush,
  SnapshotPushSchema,
} from './envelope';
/** Declared in problem.ts, which the replay messages share (this file imports theirs). */
export { type Problem, ProblemSchema };

/** The problem path of a valid config the worker could not store (a full disk): nothing changed. */
export const STORAGE_PROBLEM_PATH = '(storage)' as const;

const ConfigResultSchema = z.object({
  ok: z.boolean(),
  /** Every problem, by path; empty when ok. Rejected config changes nothing. */
  problems: z.array(ProblemSchema),
  pending: PendingConfigViewSchema.nullable(),
});
export type ConfigResult = z.infer<typeof ConfigResultSchema>;

/** "Lock me out": which accounts, until when (core: src/core/guard/lock-me-out.ts). */
export const LockMeOutRequestSchema = z.object({
  target: z.discriminatedUnion('type', [
    z.object({ type: z.literal('account'), accountId: z.number().int() }),
    z.object({ type: z.literal('group'), name: z.string().min(1).max(60) }),
    z.object({ type: z.literal('all') }),
  ]),
  until: z.discriminatedUnion('type', [
    z.object({ type: z.literal('end-of-day') }),
    z.object({ type: z.literal('session'), session: z.enum(['asia', 'london', 'new-york']) }),
    z.object({ type: z.literal('at'), at: z.number().int() }),
  ]),
});
export type LockMeOutRequestView = z.infer<typeof LockMeOutRequestSchema>;

/** Every request: `type` plus its payload. */
export const RequestSchemas = {
  getSnapshot: z.object({ type: z.literal('getSnapshot') }),
  flattenAccount: z.object({
    type: z.literal('flattenAccount'),
    accountId: z.number().int(),
    confirm: z.literal(true),
  }),
  flattenAll: z.object({ type: z.literal('flattenAll'), confirm: z.literal(true) }),
  previewLockMeOut: LockMeOutRequestSchema.extend({ type: z.literal('previewLockMeOut') }),
  /** Irreversible until it ends: `endsAt` is the end the trader confirmed (refused if it moved). */
  lockMeOut: LockMeOutRequestSchema.extend({
    type: z.literal('lockMeOut'),
    endsAt: z.number(),
    confirm: z.literal(true),
  }),
  getConfig: z.object({ type: z.literal('getConfig') }),
  saveConfig: z.object({ type: z.literal('saveConfig'), config: z.unknown() }),
  importConfig: z.object({ type: z.literal('importConfig'), json: z.string().max(1_000_000) }),
  exportConfig: z.object({ type: z.literal('exportConfig') }),
  saveCredentials: z.object({
    type: z.literal('saveCredentials'),
    userName: z.string().trim().min(1),
    apiKey: z.string().trim().min(1),
    gateway: GatewaySchema,
  }),
  getCredentialsStatus: z.object({ type: z.literal('getCredentialsStatus') }),
  testConnection: z.object({ type: z.literal('testConnection') }),
  listAccounts: z.object({ type: z.literal('listAccounts') }),
  listContracts: z.object({ type: z.literal('listContracts') }),
  getJournal: z.object({ type: z.literal('getJournal'), filters: JournalFiltersSchema }),
  exportJournal: z.object({
    type: z.literal('exportJournal'),
    format: z.enum(['csv', 'json']),
    filters: JournalFiltersSchema,
  }),
  /** From the content script: can its layer find the page's order entry? (guard health) */
  reportPageStatus: z.object({
    type: z.literal('reportPageStatus'),
    loadId: z.string().min(1).max(64),
    orderEntry: z.enum(['recognised', 'missing', 'inactive']),
  }),
  ...REPLAY_REQUESTS,
} as const;

export const ResponseSchemas = {
  getSnapshot: GuardSnapshotSchema,
  flattenAccount: ActionResultSchema,
  flattenAll: ActionResultSchema,
  previewLockMeOut: LockPlanSchema,
  lockMeOut: ActionResultSchema,
  getConfig: z.object({ config: z.unknown(), pending: PendingConfigViewSchema.nullable() }),
  saveConfig: ConfigResultSchema,
  importConfig: ConfigResultSchema,
  exportConfig: z.object({ json: z.string() }),
  /** The key goes in once and never comes back out. */
  saveCredentials: z.object({ configured: z.literal(true), userName: z.string() }),
  getCredentialsStatus: z.object({
    configured: z.boolean(),
    userName: z.string().nullable(),
    gateway: GatewaySchema.nullable(),
    /** TopstepX refused the stored key (revoked or wrong): it must be entered again. */
    keyRefused: z.boolean().optional(),
  }),
  testConnection: z.object({ ok: z.boolean(), message: z.string(), accountCount: z.number().int().nullable() }),
  listAccounts: z.object({
    accounts: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        canTrade: z.boolean(),
        simulated: z.boolean().optional(),
        /** Absent: not known (never 0 for unknown). */
        balance: z.number().optional(),
      }),
    ),
  }),
  /** The gateway's contract list as symbols traders type ("NQ", "MNQ"), for the symbol pickers. */
  listContracts: z.object({ contracts: z.array(z.object({ symbol: z.string(), description: z.string() })) }),
  getJournal: z.object({ entries: z.array(JournalEntryViewSchema) }),
  exportJournal: z.object({ filename: z.string(), mime: z.string(), content: z.string() }),
  reportPageStatus: PageStatusReceiptSchema,
  ...REPLAY_RESPONSES,
} as const satisfies Record<keyof typeof RequestSchemas, z.ZodType>;

export type RequestType = keyof typeof RequestSchemas;
export type RequestOf<T extends RequestType> = z.infer<(typeof RequestSchemas)[T]>;
export type ResponseOf<T extends RequestType> = z.infer<(typeof ResponseSchemas)[T]>;
export type AnyRequest = { [T in RequestType]: RequestOf<T> }[RequestType];

export const REQUEST_TYPES = Object.keys(RequestSchemas) as RequestType[];

/**
 * What the content script (untrusted territory: it runs inside the TopstepX page) may ask
 * for: the snapshot, and to report what its layer sees. Nothing that acts on an account —
 * a compromised page must not be able to flatten (or do anything else to) any account.
 */
export const CONTENT_SCRIPT_ALLOWED: ReadonlySet<RequestType> = new Set<RequestType>([
  'getSnapshot',
  'reportPageStatus',
]);
