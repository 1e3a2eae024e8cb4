import { describe, expect, it, vi } from 'vitest';
import type { Guard } from '../../../src/core/guard/guard';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import { parseConfig } from '../../../src/core/rules/config/config-schema';
import type { HandlerContext } from '../../../src/messaging/router';
import type { GuardHost } from '../../../src/worker/guard-host';
import { createHandlers } from '../../../src/worker/handlers';
import { createReplayJobs } from '../../../src/worker/replay-jobs';
import { buildSnapshot } from '../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../src/worker/snapshot/pnl-series';
import { createSnapshotPublisher } from '../../../src/worker/snapshot/snapshot-publisher';
import { NOW, sampleView } from './fixtures';

function fakeGuard() {
  const journal = createMemoryJournal();
  const view = sampleView();
  const guard = {
    view: () => view,
    flatten: vi.fn(async (accountId: number | 'all') => (accountId === 'all' ? [1, 2] : [accountId])),
    saveConfig: vi.fn(async (input: unknown) => {
      const parsed = parseConfig(input);
      return parsed.ok
        ? { ok: true as const, changes: [], pending: null }
        : { ok: false as const, problems: parsed.problems };
    }),
    credentials: () => ({ configured: true, userName: 'demo' }),
    testConnection: async () => ({ ok: true, message: 'Connected: 2 active account(s)', accountCount: 2 }),
    listAccounts: async () => [
      { id: 1, name: 'COMBINE-1', balance: 50_125.5, canTrade: true, isVisible: true, simulated: true },
    ],
    history: {
      availableContracts: async () => [
        {
          id: 'CON.F.US.ENQ.Z26',
          name: 'NQZ6',
          description: 'E-mini NASDAQ-100',
          tickSize: 0.25,
          tickValue: 5,
          activeContract: true,
        },
      ],
    },
    previewLockMeOut: vi.fn(() => ({
      ok: true as const,
      accountIds: [1],
      accountNames: ['COMBINE-1'],
      endsAt: NOW + 3_600_000,
      summary: 'COMBINE-1: flattened now and locked until the end of the trading day',
    })),
    lockMeOut: vi.fn(async (_req: unknown, endsAt: number) =>
      endsAt === NOW + 3_600_000
        ? {
            ok: true as const,
            accountIds: [1],
            accountNames: ['COMBINE-1'],
            endsAt,
            summary: 'COMBINE-1: flattened now and locked until the end of the trading day',
          }
        : {
            ok: false as const,
            message: 'Not locked: the end changed since you confirmed it; check it and confirm again.',
          },
    ),
    journal,
  } as unknown as Guard;
  return { guard, journal };
}

function setup(extra: Partial<Parameters<typeof createHandlers>[0]> = {}) {
  const { guard, journal } = fakeGuard();
  const saveCredentials = vi.fn(async () => {});
  const host: GuardHost = {
    ready: async () => guard,
    gateway: () => ({ kind: 'topstepx' }),
    saveCredentials,
    onGuard: () => {},
    startup: () => ({ state: 'ready', attempts: 0, error: null, retryAt: null }),
    storage: () => Promise.reject(new Error('not used')),
  };
  const publisher = createSnapshotPublisher();
  const handlers = createHandlers({
    host,
    publisher,
    snapshot: async () => buildSnapshot(guard.view(), createPnlSeries()),
    now: () => NOW,
    replay: createReplayJobs({ host, newId: () => 'job-1' }),
    ...extra,
  });
  return { handlers, guard, journal, saveCredentials, publisher };
}

const popup: HandlerContext = { sender: 'extension-page', tabId: null };
const page: HandlerContext = { sender: 'content-script', tabId: 7 };

describe('the worker’s answers to the views', () => {
  it('answers getSnapshot from the publisher when it has one, else builds one', async () => {
    const { handlers, publisher } = setup();
    const built = await handlers.getSnapshot({ type: 'getSnapshot' }, popup);
    expect(built.accounts).toHaveLength(2);
    publisher.publish({ ...built, generatedAt: 42 });
    expect((await handlers.getSnapshot({ type: 'getSnapshot' }, popup)).generatedAt).toBe(42);
  });

  it('flattens an account through the guard and says who asked', async () => {
    const { handlers, guard } = setup();
    expect(
      (await handlers.flattenAccount({ type: 'flattenAccount', accountId: 1, confirm: true }, popup)).accepted,
    ).toBe(true);
    expect(guard.flatten).toHaveBeenCalledWith(1, 'the popup');
    expect((await handlers.flattenAll({ type: 'flattenAll', confirm: true }, popup)).message).toContain('2 account');
  });

  it('previews a lock-me-out with the accounts and the end, then locks only the end confirmed', async () => {
    const { handlers, guard } = setup();
    const request = { target: { type: 'account' as const, accountId: 1 }, until: { type: 'end-of-day' as const } };
    expect(await handlers.previewLockMeOut({ type: 'previewLockMeOut', ...request }, popup)).toEqual({
      ok: true,
      message: 'COMBINE-1: flattened now and locked until the end of the trading day',
      accountNames: ['COMBINE-1'],
      endsAt: NOW + 3_600_000,
    });
    const locked = await handlers.lockMeOut(
      { type: 'lockMeOut', ...request, endsAt: NOW + 3_600_000, confirm: true },
      popup,
    );
    expect(locked).toEqual({
      accepted: true,
      message:
        'Locked: COMBINE-1: flattened now and locked until the end of the trading day. It cannot be undone before it ends.',
    });
    expect(guard.lockMeOut).toHaveBeenCalledWith(request, NOW + 3_600_000);
    const moved = await handlers.lockMeOut({ type: 'lockMeOut', ...request, endsAt: NOW, confirm: true }, popup);
    expect(moved.accepted).toBe(false);
  });

  it('refuses to flatten an account the guard does not watch', async () => {
    const { handlers, guard } = setup();
    const answer = await handlers.flattenAccount({ type: 'flattenAccount', accountId: 999, confirm: true }, popup);
    expect(answer.accepted).toBe(false);
    expect(guard.flatten).not.toHaveBeenCalled();
  });

  it('rejects an invalid config whole, listing every problem by path', async () => {
    const { handlers } = setup();
    const answer = await handlers.saveConfig(
      { type: 'saveConfig', config: { countFees: 'yes', defaultProfile: { rules: { maxContracts: { limit: -1 } } } } },
      popup,
    );
    expect(answer.ok).toBe(false);
    const paths = answer.problems.map((p) => p.path);
    expect(paths).toContain('countFees');
    expect(paths).toContain('defaultProfile.rules.maxContracts.limit');
  });

  it('imports a config file, and says so plainly when it is not JSON', async () => {
    const { handlers } = setup();
    const bad = await handlers.importConfig({ type: 'importConfig', json: '{ not json' }, popup);
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]?.path).toBe('(file)');
    const exported = await handlers.exportConfig({ type: 'exportConfig' }, popup);
    expect((await handlers.importConfig({ type: 'importConfig', json: exported.json }, popup)).ok).toBe(true);
  });

  it('takes the API key once and answers only that it is configured', async () => {
    const { handlers, saveCredentials } = setup();
    const answer = await handlers.saveCredentials(
      { type: 'saveCredentials', userName: 'demo', apiKey: 'SECRET-KEY', gateway: { kind: 'topstepx' } },
      popup,
    );
    expect(answer).toEqual({ configured: true, userName: 'demo' });
    expect(JSON.stringify(answer)).not.toContain('SECRET-KEY');
    expect(saveCredentials).toHaveBeenCalledWith('demo', 'SECRET-KEY', { kind: 'topstepx' });
    const status = await handlers.getCredentialsStatus({ type: 'getCredentialsStatus' }, popup);
    expect(status).toEqual({ configured: true, userName: 'demo', gateway: { kind: 'topstepx' }, keyRefused: false });
  });

  it('tells the options page when TopstepX refused the stored key', async () => {
    const { handlers, guard } = setup();
    const refused = sampleView({ health: { ...sampleView().health, token: 'reenter-key' } });
    (guard as { view: () => typeof refused }).view = () => refused;
    const status = await handlers.getCredentialsStatus({ type: 'getCredentialsStatus' }, popup);
    expect(status.keyRefused).toBe(true);
  });

  it('lists accounts, tests the connection, and exports the journal as CSV', async () => {
    const { handlers, journal } = setup();
    expect((await handlers.listAccounts({ type: 'listAccounts' }, popup)).accounts[0]).toMatchObject({
      id: 1,
      simulated: true,
      balance: 50_125.5,
    });
    expect((await handlers.listContracts({ type: 'listContracts' }, popup)).contracts).toEqual([
      { symbol: 'NQ', description: 'E-mini NASDAQ-100' },
    ]);
    expect((await handlers.testConnection({ type: 'testConnection' }, popup)).ok).toBe(true);
    await journal.append({
      at: NOW,
      kind: 'lockout',
      accountId: 1,
      ruleId: 'dailyRealizedLoss',
      message: 'locked, "until" 17:00',
      data: { x: 1 },
    });
    const entries = await handlers.getJournal({ type: 'getJournal', filters: { accountId: 1 } }, popup);
    expect(entries.entries).toHaveLength(1);
    const csv = await handlers.exportJournal({ type: 'exportJournal', format: 'csv', filters: {} }, popup);
    expect(csv.mime).toContain('csv');
    expect(csv.content).toContain('"locked, ""until"" 17:00"');
  });

  it('rejects a config whole when the browser refuses one of its patterns, and the guard never sees it', async () => {
    const checkConfig = vi.fn(async () => [{ path: 'page.blockRequests.0', message: 'the browser does not accept' }]);
    const { handlers, guard } = setup({ checkConfig });
    const answer = await handlers.saveConfig({ type: 'saveConfig', config: {} }, popup);
    expect(answer).toMatchObject({ ok: false, problems: [{ path: 'page.blockRequests.0' }] });
    expect(guard.saveConfig).not.toHaveBeenCalled();
    const imported = await handlers.importConfig({ type: 'importConfig', json: '{}' }, popup);
    expect(imported.ok).toBe(false);
  });

  it('records what the page’s layer reports per tab, and forgets the tab when its snapshot port closes', async () => {
    const report = vi.fn();
    const forgetTab = vi.fn();
    const { handlers } = setup({ page: { report, forgetTab } });
    await handlers.reportPageStatus({ type: 'reportPageStatus', loadId: 'l1', orderEntry: 'missing' }, page);
    expect(report).toHaveBeenCalledWith(7, 'l1', 'missing');
    const stop = handlers.subscribe(() => {}, page);
    stop();
    expect(forgetTab).toHaveBeenCalledWith(7);
    handlers.subscribe(() => {}, popup)();
    expect(forgetTab).toHaveBeenCalledTimes(1);
  });
});
