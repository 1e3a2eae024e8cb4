import type { EnforcementStatus } from '../enforce/enforcement-status';
import type { GatewayApi } from '../gateway/api';
import type { PayloadRejectionStats } from '../gateway/payload-rejections';
import type { Account } from '../gateway/schemas';
import type { Journal } from '../journal/journal';
import type { Lockout } from '../lockouts/lockout-record';
import type { ParserStats } from '../realtime/event-parser';
import type { PendingConfig } from '../rules/config/commitment-lock';
import type { GuardConfig } from '../rules/config/config-schema';
import type { Decision } from '../rules/decision';
import type { TradingDayInfo } from '../rules/rule';
import type { RuleMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import type { GuardHealth } from '../state/events';
import type { ServerClockStatus } from '../time/server-clock';
import type { SaveConfigResult } from './config-holder';
import type { LockMeOutPlan, LockMeOutRequest } from './lock-me-out';
import type { LossAuditStats } from './loss-audit';
import type { StorageHealth } from './storage-health';

/** What the views are built from: read-only, recomputed on demand. */
export interface GuardView {
  state: GuardState;
  config: GuardConfig;
  pending: PendingConfig | null;
  lockouts: Lockout[];
  enforcement(accountId: number): EnforcementStatus;
  health: GuardHealth;
  credentials: { configured: boolean; userName: string | null };
  tradingDay: TradingDayInfo;
  /** The guard's time (`now`) against the server's and the computer's clocks. */
  clock: ServerClockStatus;
  now: number;
  parser: ParserStats;
  /** Whether the guard's writes land; a full disk shows here (and never stops enforcement). */
  storage: StorageHealth;
  /** Rules that threw on their last evaluation of an account: shown as *error*, the others decide as usual. */
  ruleFailures: Array<{ accountId: number; ruleId: string; message: string; since: number }>;
  /** What the rules remember of an account (the week's figures, today's high), for the meters. */
  ruleMemory(accountId: number): RuleMemory | undefined;
  /** Gateway payloads that failed validation: hub events and REST answers, by kind. */
  payloads: PayloadRejectionStats;
  /** Audits of accounts near a daily loss limit (loss-audit.ts): how many ran, found missed trades, failed. */
  lossAudits: LossAuditStats;
}

/** The guard of one browser profile, as its host (the worker, a test) drives it. */
export interface Guard {
  /** Load everything, catch up on missed deadlines, connect, reconcile, resume. Idempotent. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stores the key encrypted, signs in, (re)connects. The key never leaves the guard. */
  setCredentials(userName: string, apiKey: string): Promise<void>;
  credentials(): { configured: boolean; userName: string | null };
  testConnection(): Promise<{ ok: boolean; message: string; accountCount: number | null }>;
  listAccounts(): Promise<Account[]>;
  saveConfig(input: unknown): Promise<SaveConfigResult>;
  /** The trader's own "Flatten": same enforcer, same idempotence. Returns the accounts asked. */
  flatten(accountId: number | 'all', trigger: string): Promise<number[]>;
  /** "Lock me out": what a request would lock and until when (the confirmation step names it). */
  previewLockMeOut(request: LockMeOutRequest): LockMeOutPlan;
  /** Flattens and locks, irreversibly until it ends, if the end is still the one confirmed. */
  lockMeOut(request: LockMeOutRequest, endsAt: number): Promise<LockMeOutPlan>;
  /** A scheduled deadline fired (reset, lockout expiry, rule timer). */
  onDeadline(name: string): Promise<void>;
  /** Time moved for every clock (local builds' shifted clock): re-arm every deadline and catch up. */
  clockChanged(): Promise<void>;
  /** Every 30 s from an alarm: restart what is down, reconcile, catch up on deadlines. */
  watchdog(): Promise<void>;
  view(): GuardView;
  subscribe(listener: () => void): () => void;
  /** Every decision the rules take (for notifications); called after the enforcer has it. */
  onDecisions(listener: (decisions: readonly Decision[]) => void): () => void;
  readonly journal: Journal;
  /** History and contract reads through the resilient client, for the replay and the symbol pickers. */
  readonly history: Pick<GatewayApi, 'searchTrades' | 'retrieveBars' | 'contractById' | 'availableContracts'>;
  whenIdle(accountId?: number): Promise<void>;
  flush(): Promise<void>;
  reconcile(reason: string): Promise<void>;
}
