import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { GuardClient } from '../../messaging/client';
import type { Problem, ResponseOf } from '../../messaging/protocol';
import type { PendingConfig } from '../../messaging/snapshot';
import { systemClock, type ViewClock } from '../clock';
import { getAt, setAt } from '../schema-form/paths';
import { problemsByPath, validateValue } from '../schema-form/problems';
import { SchemaForm } from '../schema-form/SchemaForm';
import { BASE_CSS } from '../theme';
import { pendingView } from '../view-models/guard-view';
import { type AccountGroup, AccountsSection } from './AccountsSection';
import { ConnectionSection } from './ConnectionSection';
import { type DownloadFile, ImportExportSection } from './ImportExportSection';
import { JournalSection } from './JournalSection';
import { pendingNotes } from './pending-map';
import { ReplaySection } from './replay/ReplaySection';

/** Config keys edited by the accounts section (with names) instead of the generic form. */
export const ACCOUNT_PATHS = { monitored: 'monitoredAccountIds', groups: 'accountGroups' } as const;

export interface OptionsProps {
  client: GuardClient;
  /** The config's zod schema (src/core/rules/config-schema.ts); the rule editor renders from it. */
  configSchema: z.ZodType;
  download(file: DownloadFile): void;
  clock?: ViewClock;
  /** 'journal' scrolls to and focuses the journal (popup link). */
  initialSection?: string;
}

export function OptionsApp(props: OptionsProps) {
  const { client, configSchema } = props;
  const clock = props.clock ?? systemClock;
  const [config, setConfig] = useState<unknown>(null);
  const [pending, setPending] = useState<PendingConfig | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [saveMsg, setSaveMsg] = useState<{ text: string; ok: boolean } | null>(null);
  const [accounts, setAccounts] = useState<ResponseOf<'listAccounts'>['accounts'] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const loadConfig = useCallback(async () => {
    try {
      const r = await client.request('getConfig', {});
      setConfig(r.config);
      setPending(r.pending);
      setFormKey((k) => k + 1);
      setServerProblems([]);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : 'no answer');
    }
  }, [client]);

  useEffect(() => {
    void loadConfig();
    client
      .request('listAccounts', {})
      .then((r) => setAccounts(r.accounts))
      .catch(() => setAccounts([]));
  }, [client, loadConfig]);

  useEffect(() => {
    if (props.initialSection) document.getElementById(`rg-${props.initialSection}-h`)?.focus();
  }, [props.initialSection]);

  const localProblems = useMemo(
    () => (config === null ? [] : validateValue(configSchema, config)),
    [config, configSchema],
  );
  const now = clock.now();
  const pendingBanner = pendingView(pending, now);

  const save = async () => {
    setSaveMsg(null);
    if (localProblems.length > 0) {
      setSaveMsg({ text: `Not saved: fix the ${localProblems.length} problem(s) shown.`, ok: false });
      return;
    }
    try {
      const r = await client.request('saveConfig', { config });
      setServerProblems(r.problems);
      setPending(r.pending);
      setSaveMsg(
        r.ok
          ? {
              ok: true,
              text: r.pending
                ? 'Saved. Tighter limits apply now; looser ones wait for the next reset (commitment lock).'
                : 'Saved. In force now.',
            }
          : { ok: false, text: 'Not saved: the guard rejected the settings (see the problems below).' },
      );
    } catch (e) {
      setSaveMsg({ text: `Not saved: ${e instanceof Error ? e.message : 'no answer'}`, ok: false });
    }
  };

  const monitored = (getAt(config, [ACCOUNT_PATHS.monitored]) ?? 'all') as 'all' | number[];
  const groups = (getAt(config, [ACCOUNT_PATHS.groups]) ?? []) as AccountGroup[];

  return (
    <main class="rg-root" style={{ maxWidth: '860px', margin: '0 auto', padding: '12px' }} data-testid="options-root">
      <style>{BASE_CSS}</style>
      <h1>Risk Guard settings</h1>
      <nav aria-label="Sections" class="rg-row" style={{ justifyContent: 'flex-start' }}>
        <a href="#connection">Connection</a>
        <a href="#accounts">Accounts</a>
        <a href="#rules">Rules</a>
        <a href="#replay">Replay</a>
        <a href="#import-export">Import / export</a>
        <a href="#journal">Journal</a>
      </nav>
      <ConnectionSection client={client} />
      {loadError && (
        <p role="alert" class="rg-error">
          Settings unavailable: {loadError}
        </p>
      )}
      {config !== null && (
        <>
          <AccountsSection
            accounts={accounts}
            monitored={monitored}
            groups={groups}
            problems={problemsByPath([...localProblems, ...serverProblems])}
            onChange={(next) =>
              setConfig(
                setAt(setAt(config, [ACCOUNT_PATHS.monitored], next.monitored), [ACCOUNT_PATHS.groups], next.groups),
              )
            }
          />
          <section class="rg-panel" aria-labelledby="rg-rules-h" id="rules">
            <h2 id="rg-rules-h">Rules and settings</h2>
            {pendingBanner && (
              <div class="rg-pending" role="note" data-testid="pending">
                <strong>{pendingBanner.title}</strong> (commitment lock: looser limits wait for the next reset)
                <ul>
                  {pendingBanner.items.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              </div>
            )}
            <SchemaForm
              key={formKey}
              schema={configSchema}
              value={config}
              onChange={(next) => setConfig(next)}
              extraProblems={serverProblems}
              pending={pendingNotes(pending, now)}
              hidden={[ACCOUNT_PATHS.monitored, ACCOUNT_PATHS.groups, 'version']}
              idPrefix="rg-cfg"
            />
            <div class="rg-row">
              <button type="button" class="rg-btn" onClick={() => void save()}>
                Save settings
              </button>
              <button type="button" class="rg-btn" onClick={() => void loadConfig()}>
                Discard changes
              </button>
            </div>
            {saveMsg && (
              <p role="status" class={saveMsg.ok ? 'rg-tone-ok' : 'rg-error'}>
                {saveMsg.text}
              </p>
            )}
          </section>
          <ReplaySection
            client={client}
            accounts={accounts}
            draft={config}
            draftProblems={localProblems.length}
            download={props.download}
            now={() => clock.now()}
          />
          <ImportExportSection
            client={client}
            schema={configSchema}
            download={props.download}
            onImported={() => void loadConfig()}
          />
        </>
      )}
      <JournalSection client={client} accounts={accounts} download={props.download} />
    </main>
  );
}
