import type { Enforcer } from '../enforce/enforcer';
import { mergeRejectionStats, type PayloadRejections } from '../gateway/payload-rejections';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { RealtimeSession } from '../realtime/realtime-session';
import { ruleFailuresOf } from '../rules/rule-memory';
import type { ServerClock } from '../time/server-clock';
import type { ConfigHolder } from './config-holder';
import type { EventPipeline } from './event-pipeline';
import type { Guard, GuardView } from './guard';
import type { GuardDays } from './guard-days';
import type { LossAudit } from './loss-audit';
import type { StorageHealthTracker } from './storage-health';

/**
 * What the views are built from, gathered from the parts that hold it: read-only, recomputed
 * on every call (the worker builds its snapshot from it, src/worker/snapshot.ts).
 */
export function createGuardView(deps: {
  pipeline: Pick<EventPipeline, 'state' | 'memory'>;
  config: Pick<ConfigHolder, 'active' | 'pending'>;
  lockouts: Pick<LockoutBook, 'all'>;
  enforcer: Pick<Enforcer, 'status'>;
  session: Pick<RealtimeSession, 'health' | 'parserStats'>;
  credentials: Guard['credentials'];
  days: Pick<GuardDays, 'info'>;
  clock: ServerClock;
  storage: Pick<StorageHealthTracker, 'current'>;
  rejections: Pick<PayloadRejections, 'stats'>;
  lossAudit: Pick<LossAudit, 'stats'>;
}): () => GuardView {
  const { pipeline, config, session, clock } = deps;
  return () => ({
    state: pipeline.state(),
    config: config.active(),
    pending: config.pending(),
    lockouts: deps.lockouts.all(),
    enforcement: (accountId) => deps.enforcer.status(accountId),
    health: session.health(),
    credentials: deps.credentials(),
    tradingDay: deps.days.info(),
    now: clock.now(),
    clock: clock.status(),
    parser: session.parserStats(),
    storage: deps.storage.current(),
    ruleFailures: ruleFailuresOf(pipeline.memory()),
    ruleMemory: (accountId) => pipeline.memory().accounts[String(accountId)],
    payloads: mergeRejectionStats(session.parserStats(), deps.rejections.stats()),
    lossAudits: deps.lossAudit.stats(),
  });
}
