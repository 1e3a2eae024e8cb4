import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import type { ResponseOf } from '../../messaging/protocol';
import { systemViewClock, type ViewClock } from '../clock';
import { LockMeOut } from '../components/LockMeOut';
import { formSchemaOf } from '../schema-form/json-node';
import { labelTrail } from '../schema-form/node-at';
import { ProblemList } from '../schema-form/ProblemList';
import { getAt, setAt } from '../schema-form/paths';
import { problemsByPath } from '../schema-form/problems';
import { SymbolDatalist } from '../schema-form/widgets/SymbolDatalist';
import { BASE_CSS } from '../theme';
import { type AccountGroup, AccountsSection, type AccountsState } from './AccountsSection';
import { ConnectionSection, type HostPermissions } from './ConnectionSection';
import { Fold } from './Fold';
import { type DownloadFile, ImportExportSection } from './ImportExportSection';
import { JournalSection } from './JournalSection';
import { OPTIONS_CSS } from './options-css';
import { PageSection } from './PageSection';
import { pendingNotes } from './pending-map';
import { PresetStep } from './presets/PresetStep';
import { presetPreview } from './presets/preset-preview';
import { ReplaySection } from './replay/ReplaySection';
import { RulesSection } from './rules/RulesSection';
import { sameSettings } from './same-settings';
import type { SettingsGuide } from './settings-guide';
import { useConfigDraft } from './use-config-draft';
import { WelcomeNote } from './WelcomeNote';

/** Config keys edited by the accounts section (with names) instead of the generic form. */
export const ACCOUNT_PATHS = { monitored: 'monitoredAccountIds', groups: 'accountGroups' } as const;

const SYMBOL_LIST_ID = 'rg-symbols';

export interface OptionsProps {
  client: GuardClient;
  /** The config's zod schema (src/core/rules/config/config-schema.ts); the rule editor renders from it. */
  configSchema: z.ZodType;
  download(file: DownloadFile): void;
  clock?: ViewClock;
  /** 'journal' scrolls to and focuses the journal (popup link); 'setup' welcomes a new install. */
  initialSection?: string | undefined;
  /** The config's `page` section schema and built-in values: the advanced page section renders from it. */
  page?: { schema: z.ZodType; defaults: unknown };
  /** Brings an imported file of an earlier version to the current shape (the worker does the same). */
  migrate?: (value: unknown) => unknown;
  /** browser.permissions, for the custom gateway's optional host permission. */
  permissions?: HostPermissions;
  /** Words for problems, each rule's sentence, presets (from the guard's core, through the entrypoint). */
  guide?: SettingsGuide;
}

type Accounts = ResponseOf<'listAccounts'>['accounts'];

/**
 * One screen to start: connect (1), see the accounts found with their balances (2), then the
 * rules (3) as a list, one row each, with a preset to start from. Replay, import/export and the
 * journal follow, folded. Every change is a draft until "Save settings".
 */
export function OptionsApp(props: OptionsProps) {
  const { client, configSchema, guide } = props;
  const clock = props.clock ?? systemViewClock;
  const formSchema = useMemo(() => formSchemaOf(configSchema), [configSchema]);
  const defaults = useMemo(() => {
    const r = configSchema.safeParse({});
    return r.success ? r.data : null;
  }, [configSchema]);
  const draft = useConfigDraft(client, configSchema, guide?.issueWords);
  const { config, pending, formKey, localProblems, allProblems, serverProblems, update } = draft;
  const [accounts, setAccounts] = useState<AccountsState>({ state: 'not-connected' });
  const [symbols, setSymbols] = useState<ResponseOf<'listContracts'>['contracts']>([]);
  const [presetOpen, setPresetOpen] = useState<boolean | null>(null);
  const [replayAsk, setReplayAsk] = useState<{ n: number; accountIds: number[] | null } | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  const loadAccounts = useCallback(async () => {
    setAccounts({ state: 'loading' });
    try {
      const r = await client.request('listAccounts', {});
      setAccounts({ state: 'loaded', accounts: r.accounts });
    } catch (e) {
      setAccounts({ state: 'failed', message: errorMessage(e, 'no answer') });
    }
    // The symbol pickers work without the list (free text); it only suggests.
    client
      .request('listContracts', {})
      .then((r) => setSymbols(r.contracts))
      .catch(() => undefined);
  }, [client]);

  useEffect(() => {
    if (props.initialSection) document.getElementById(`rg-${props.initialSection}-h`)?.focus();
  }, [props.initialSection]);

  const onCredentials = useCallback(
    (s: ResponseOf<'getCredentialsStatus'>) => {
      const ok = s.configured && !s.keyRefused;
      if (ok) void loadAccounts();
      else setAccounts({ state: 'not-connected' });
    },
    [loadAccounts],
  );

  const now = clock.now();
  const accountList: Accounts | null = accounts.state === 'loaded' ? accounts.accounts : null;
  const firstRun = config !== null && defaults !== null && sameSettings(config, defaults);
  const showPresets = guide !== undefined && config !== null && (presetOpen ?? firstRun);

  const jumpTo = (path: string) => {
    draft.revealProblems();
    // After the row has opened: the field's control (or the first one of a group of them).
    setTimeout(() => {
      const id = `rg-cfg-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const el = document.getElementById(id);
      const target = el && el.tagName === 'FIELDSET' ? el.querySelector<HTMLElement>('input, select, button') : el;
      target?.focus();
    }, 0);
  };

  const monitored = (getAt(config, [ACCOUNT_PATHS.monitored]) ?? 'all') as 'all' | number[];
  const groups = (getAt(config, [ACCOUNT_PATHS.groups]) ?? []) as AccountGroup[];
  const accountName = (id: string) => accountList?.find((a) => String(a.id) === id)?.name ?? `Account ${id}`;

  return (
    <main class="rg-root rg-options" data-testid="options-root">
      <style>{BASE_CSS}</style>
      <style>{OPTIONS_CSS}</style>
      <SymbolDatalist id={SYMBOL_LIST_ID} symbols={symbols} />
      <header class="rg-header">
        <h1>Risk Guard settings</h1>
        <nav aria-label="Sections">
          <a href="#connection">Connect</a>
          <a href="#accounts">Accounts</a>
          <a href="#rules">Rules</a>
          <a href="#lock-me-out">Lock me out</a>
          <a href="#replay">Replay</a>
          <a href="#journal">Journal</a>
        </nav>
      </header>
      {props.initialSection === 'setup' && <WelcomeNote />}
      <ConnectionSection client={client} permissions={props.permissions} onStatus={onCredentials} />
      <AccountsSection
        accounts={accounts}
        monitored={monitored}
        groups={groups}
        problems={problemsByPath(allProblems)}
        onRetry={() => void loadAccounts()}
        onChange={(next) =>
          update((c) => setAt(setAt(c, [ACCOUNT_PATHS.monitored], next.monitored), [ACCOUNT_PATHS.groups], next.groups))
        }
      />
      {draft.loadError && (
        <p role="alert" class="rg-error">
          Settings unavailable: {draft.loadError}
        </p>
      )}
      {config === null && !draft.loadError && <p class="rg-dim">{'Loading your settings\u2026'}</p>}
      {config !== null && (
        <>
          <RulesSection
            schema={formSchema}
            config={config}
            update={update}
            problems={allProblems}
            pending={pending}
            now={now}
            accounts={accountList}
            guide={guide}
            symbolListId={SYMBOL_LIST_ID}
            reveal={draft.reveal}
            formKey={formKey}
            onReplay={(accountId) =>
              setReplayAsk((r) => ({ n: (r?.n ?? 0) + 1, accountIds: accountId === null ? null : [accountId] }))
            }
            presets={
              guide &&
              (showPresets ? (
                <PresetStep
                  key={`${formKey}:${accountList?.length ?? 0}`}
                  catalogue={guide.presets}
                  accounts={accountList}
                  preview={(plan) => presetPreview(formSchema, config, plan, guide, accountName)}
                  onClose={() => setPresetOpen(false)}
                  onApply={(plan) => {
                    draft.replace(
                      guide.presets.apply(config, plan),
                      'Preset set below: look the rules over, then Save settings.',
                    );
                    setPresetOpen(false);
                    setTimeout(() => saveButton.current?.focus(), 0);
                  }}
                />
              ) : (
                <p>
                  <button type="button" class="rg-btn" onClick={() => setPresetOpen(true)}>
                    {'Start from a preset\u2026'}
                  </button>{' '}
                  <span class="rg-dim">TopstepX 50K, 100K or 150K Combine or Express Funded, or practice</span>
                </p>
              ))
            }
          />
          {props.page && (
            <PageSection
              schema={props.page.schema}
              defaults={props.page.defaults}
              value={getAt(config, ['page'])}
              onChange={(next) => update((c) => setAt(c, ['page'], next))}
              problems={serverProblems}
              pending={pendingNotes(pending, now)}
              formKey={formKey}
            />
          )}
          {draft.attempted && (
            <ProblemList
              schema={formSchema}
              problems={allProblems}
              onPick={jumpTo}
              rename={(path) => problemTrail(formSchema, path, accountName)}
            />
          )}
          <div class="rg-savebar" data-testid="save-bar">
            <button type="button" class="rg-btn rg-btn-primary" ref={saveButton} onClick={() => void draft.save()}>
              Save settings
            </button>
            <button type="button" class="rg-btn" onClick={() => void draft.load()}>
              Discard changes
            </button>
            {draft.saveMsg && (
              <p role="status" class={draft.saveMsg.ok ? 'rg-tone-ok' : 'rg-error'}>
                {draft.saveMsg.text}
              </p>
            )}
          </div>
          <Fold
            id="lock-me-out"
            title="Lock me out"
            hint="Flatten now and stop trading until the end of the day, of a session, or a time you choose. It cannot be undone before it ends."
          >
            <LockMeOut
              client={client}
              accounts={(accountList ?? []).map((a) => ({ id: a.id, name: a.name }))}
              groups={groups.map((g) => g.name)}
              now={() => clock.now()}
              idPrefix="rg-options-lock"
            />
          </Fold>
          <ReplaySection
            client={client}
            accounts={accounts.state === 'not-connected' ? [] : accountList}
            draft={config}
            draftProblems={localProblems.length}
            download={props.download}
            now={() => clock.now()}
            ask={replayAsk}
          />
          <ImportExportSection
            client={client}
            migrate={props.migrate}
            schema={configSchema}
            download={props.download}
            issueWords={guide?.issueWords}
            onImported={() => void draft.load()}
          />
        </>
      )}
      <JournalSection
        client={client}
        accounts={accountList}
        download={props.download}
        open={props.initialSection === 'journal'}
      />
    </main>
  );
}

/** A problem's place in words; an account's own rules are named by the account. */
function problemTrail(
  schema: ReturnType<typeof formSchemaOf>,
  path: string[],
  accountName: (id: string) => string,
): string[] {
  const trail = labelTrail(schema, path);
  // accountOverrides.<id>.rules.<rule>.<field> reads "TOPX-1 › Daily realized loss › Loss limit".
  return path[0] === 'accountOverrides' && path[1] !== undefined ? [accountName(path[1]), ...trail.slice(2)] : trail;
}
