import { errorMessage } from '../core/error-message';
import type { LockMeOutPlan } from '../core/guard/lock-me-out';
import { Lane } from '../core/resilience/lanes';
import { type GuardConfig, parseConfig } from '../core/rules/config/config-schema';
import { formatJournalExport } from '../messaging/journal-export';
import type { JournalEntryView, LockPlanView, Problem } from '../messaging/protocol';
import type { RouterHandlers } from '../messaging/router';
import type { GuardSnapshot } from '../messaging/snapshot';
import { contractSymbols } from './contract-symbols';
import type { GuardHost } from './guard-host';
import type { OrderEntryReport } from './page/page-health';
import type { ReplayJobs } from './replay-jobs';
import { pendingConfigView } from './snapshot/build-snapshot';
import type { SnapshotPublisher } from './snapshot/snapshot-publisher';

function lockPlanView(p: LockMeOutPlan): LockPlanView {
  return p.ok
    ? { ok: true, message: p.summary, accountNames: p.accountNames, endsAt: p.endsAt }
    : { ok: false, message: p.message, accountNames: [], endsAt: null };
}

/** JSON-safe copy of journal data for a message (no functions, no cycles). */
function toView(entries: Awaited<ReturnType<import('../core/journal/journal').Journal['list']>>): JournalEntryView[] {
  return entries.map((e) => ({
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    accountId: e.accountId,
    ...(e.ruleId ? { ruleId: e.ruleId } : {}),
    message: e.message,
    ...(e.data ? { data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown> } : {}),
  }));
}

/**
 * The worker's answers to the views. The router has already validated the message and the
 * sender (the page may only read snapshots and report what its layer sees); answers are
 * re-validated on the way out, so nothing here can leak the key or token.
 */
export function createHandlers(deps: {
  host: GuardHost;
  publisher: SnapshotPublisher;
  snapshot: () => Promise<GuardSnapshot>;
  now: () => number;
  /** Checks the schema cannot make (the browser's own regex engine); problems reject the save whole. */
  checkConfig?: (config: GuardConfig) => Promise<Problem[]>;
  /** The page's layer reports; a tab is forgotten when its snapshot port closes. */
  page?: {
    report(tabId: number, loadId: string, state: OrderEntryReport): void;
    forgetTab(tabId: number): void;
  };
  replay: ReplayJobs;
}): RouterHandlers {
  const { host } = deps;
  const save = async (config: unknown) => {
    const guard = await host.ready();
    const parsed = parseConfig(config);
    const extra = parsed.ok && deps.checkConfig ? await deps.checkConfig(parsed.config) : [];
    if (extra.length > 0) return { ok: false, problems: extra, pending: pendingConfigView(guard.view().pending) };
    const result = await guard.saveConfig(config);
    return result.ok
      ? { ok: true, problems: [], pending: pendingConfigView(result.pending) }
      : { ok: false, problems: result.problems, pending: pendingConfigView(guard.view().pending) };
  };
  return {
    getSnapshot: async () => deps.publisher.current() ?? deps.snapshot(),
    subscribe: (push, ctx) => {
      const stop = deps.publisher.subscribe(push);
      return () => {
        stop();
        if (ctx.sender === 'content-script' && ctx.tabId !== null) deps.page?.forgetTab(ctx.tabId);
      };
    },
    reportPageStatus(req, ctx) {
      if (ctx.tabId !== null) deps.page?.report(ctx.tabId, req.loadId, req.orderEntry);
      return { ok: true as const };
    },
    async flattenAccount(req) {
      const guard = await host.ready();
      if (!guard.view().state.accounts[String(req.accountId)]) {
        return { accepted: false, message: `Account ${req.accountId} is not one the guard watches` };
      }
      await guard.flatten(req.accountId, 'the popup');
      return { accepted: true, message: 'Flattening: cancelling orders and closing positions' };
    },
    async flattenAll() {
      const guard = await host.ready();
      const ids = await guard.flatten('all', 'the popup');
      return {
        accepted: ids.length > 0,
        message: ids.length > 0 ? `Flattening ${ids.length} account(s)` : 'No account to flatten',
      };
    },
    async previewLockMeOut(req) {
      const guard = await host.ready();
      return lockPlanView(guard.previewLockMeOut({ target: req.target, until: req.until }));
    },
    async lockMeOut(req) {
      const guard = await host.ready();
      const r = await guard.lockMeOut({ target: req.target, until: req.until }, req.endsAt);
      return r.ok
        ? { accepted: true, message: `Locked: ${r.summary}. It cannot be undone before it ends.` }
        : { accepted: false, message: r.message };
    },
    async getConfig() {
      const guard = await host.ready();
      const view = guard.view();
      return { config: view.config, pending: pendingConfigView(view.pending) };
    },
    saveConfig: (req) => save(req.config),
    async importConfig(req) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.json);
      } catch (error) {
        const guard = await host.ready();
        return {
          ok: false,
          problems: [{ path: '(file)', message: `not valid JSON: ${errorMessage(error)}` }],
          pending: pendingConfigView(guard.view().pending),
        };
      }
      return save(parsed);
    },
    async exportConfig() {
      const guard = await host.ready();
      const config: GuardConfig = guard.view().config;
      return { json: `${JSON.stringify(config, null, 2)}\n` };
    },
    async saveCredentials(req) {
      await host.saveCredentials(req.userName, req.apiKey, req.gateway);
      return { configured: true as const, userName: req.userName };
    },
    async getCredentialsStatus() {
      const guard = await host.ready();
      const c = guard.credentials();
      return {
        configured: c.configured,
        userName: c.userName,
        gateway: host.gateway(),
        keyRefused: c.configured && guard.view().health.token === 'reenter-key',
      };
    },
    async testConnection() {
      const guard = await host.ready();
      return guard.testConnection();
    },
    async listAccounts() {
      const guard = await host.ready();
      const accounts = await guard.listAccounts();
      return {
        accounts: accounts.map((a) => ({
          id: a.id,
          name: a.name,
          canTrade: a.canTrade,
          ...(a.simulated !== undefined ? { simulated: a.simulated } : {}),
          ...(Number.isFinite(a.balance) ? { balance: a.balance } : {}),
        })),
      };
    },
    async listContracts() {
      const guard = await host.ready();
      const contracts = await guard.history.availableContracts({ live: false }, { lane: Lane.Routine });
      return { contracts: contractSymbols(contracts) };
    },
    async getJournal(req) {
      const guard = await host.ready();
      return { entries: toView(await guard.journal.list(req.filters)) };
    },
    async exportJournal(req) {
      const guard = await host.ready();
      return formatJournalExport(toView(await guard.journal.list(req.filters)), req.format, deps.now());
    },
    startReplay: (req) => deps.replay.start(req),
    replayStatus: (req) => deps.replay.status(req.jobId),
    cancelReplay: (req) => ({ cancelled: deps.replay.cancel(req.jobId) }),
  };
}
