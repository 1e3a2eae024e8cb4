import type { EnforcementStatus } from '../enforce/enforcement-status';
import type { Lockout } from '../enforce/lockout-record';
import type { GatewayApi } from '../gateway/api';
import type { Account } from '../gateway/schemas';
import type { ParserStats } from '../realtime/event-parser';
import type { PendingConfig } from '../rules/commitment-lock';
import type { GuardConfig } from '../rules/config-schema';
import type { Decision } from '../rules/decision';
import type { TradingDayInfo } from '../rules/rule';
import type { GuardState } from '../state/account-state';
import type { GuardHealth } from '../state/events';
import type { Journal } from '../state/journal';
import type { StorageHealth } from '../storage/storage-health';
import type { SaveConfigResult } from './config-holder';

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
  now: number;
  parser: ParserStats;
  /** Whether the guard's writes land; a full disk shows here (and never stops enforcement). */
  storage: StorageHealth;
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
  /** A scheduled deadline fired (reset, lockout expiry, rule timer). */
  onDeadline(name: string): Promise<void>;
  /** The guard's clock jumped (local builds' shifted clock): re-arm every deadline and catch up. */
  clockChanged(): Promise<void>;
  /** Every 30 s from an alarm: restart what is down, reconcile, catch up on deadlines. */
  watchdog(): Promise<void>;
  view(): GuardView;
  subscribe(listener: () => void): () => void;
  /** Every decision the rules take (for notifications); called after the enforcer has it. */
  onDecisions(listener: (decisions: readonly Decision[]) => void): () => void;
  readonly journal: Journal;
  /** History reads (trades, bars, contracts) through the resilient client, for the replay. */
  readonly history: Pick<GatewayApi, 'searchTrades' | 'retrieveBars' | 'contractById'>;
  whenIdle(accountId?: number): Promise<void>;
  flush(): Promise<void>;
  reconcile(reason: string): Promise<void>;
}
