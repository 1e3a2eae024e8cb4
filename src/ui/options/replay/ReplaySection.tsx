import { useEffect, useRef, useState } from 'preact/hooks';
import type { GuardClient } from '../../../messaging/client';
import type { ResponseOf } from '../../../messaging/protocol';
import type { DownloadFile } from '../ImportExportSection';
import { ReplayResults } from './ReplayResults';
import { type ReplayRequest, useReplayJob } from './use-replay-job';

/**
 * "What would these rules have done?": pick accounts, a range and which settings, and the guard
 * replays the trader's own history through its rule engine (src/core/replay). The settings are
 * either those in force or the ones being edited above, saved or not: change a limit, replay,
 * decide, then save (or not).
 */

type RangeChoice = 'last-5' | 'last-20' | 'last-60' | 'dates';

export interface ReplaySectionProps {
  client: GuardClient;
  accounts: ResponseOf<'listAccounts'>['accounts'] | null;
  /** The config as edited on the page (may be unsaved). */
  draft: unknown;
  /** Problems the page shows for the draft: a draft with problems cannot be replayed. */
  draftProblems: number;
  download(file: DownloadFile): void;
  now(): number;
  /**
   * A rule row's "What would this have done?": each new `n` switches to the settings as
   * edited, picks the accounts (null: all) and brings the Replay button into view, focused.
   */
  ask?: { n: number; accountIds: number[] | null } | null;
}

export function ReplaySection(props: ReplaySectionProps) {
  const job = useReplayJob(props.client);
  const [picked, setPicked] = useState<number[] | null>(null);
  const [range, setRange] = useState<RangeChoice>('last-20');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [source, setSource] = useState<'draft' | 'saved'>('draft');
  const [monitorAsEnforce, setMonitorAsEnforce] = useState(true);
  const [bars, setBars] = useState(true);
  const accounts = props.accounts ?? [];
  const replayButton = useRef<HTMLButtonElement>(null);
  const askN = props.ask?.n ?? 0;
  useEffect(() => {
    if (!props.ask) return;
    setSource('draft');
    setPicked(props.ask.accountIds);
    replayButton.current?.scrollIntoView({ block: 'center' });
    replayButton.current?.focus();
  }, [askN]);
  // Every account until the trader picks; never one the login no longer has.
  const selected = (picked ?? accounts.map((a) => a.id)).filter((id) => accounts.some((a) => a.id === id));

  const toggle = (id: number, on: boolean) =>
    setPicked(on ? [...new Set([...selected, id])] : selected.filter((x) => x !== id));
  const draftBlocked = source === 'draft' && props.draftProblems > 0;

  const run = () => {
    const req: ReplayRequest = {
      accountIds: selected,
      range:
        range === 'dates'
          ? { kind: 'dates', from, to }
          : { kind: 'last', tradingDays: Number(range.slice('last-'.length)) },
      monitorAs: monitorAsEnforce ? 'enforce' : 'record',
      bars,
      ...(source === 'draft' ? { config: props.draft } : {}),
    };
    void job.start(req);
  };
  const s = job.status;

  return (
    <section class="rg-panel" aria-labelledby="rg-replay-h" id="replay" data-testid="replay-section">
      <h2 id="rg-replay-h" tabIndex={-1}>
        Replay: what would these rules have done?
      </h2>
      <p class="rg-dim">
        Replays your own trades, day by day, through the same rules and trading-day clock the guard uses live, and shows
        what they would have changed, including the days they would have cost you money.
      </p>
      <fieldset>
        <legend>Accounts</legend>
        {props.accounts === null && <span class="rg-dim">Loading accounts…</span>}
        {props.accounts !== null && accounts.length === 0 && (
          <span class="rg-dim">No accounts yet: connect to TopstepX first.</span>
        )}
        {accounts.map((a) => (
          <label key={a.id} style={{ marginRight: '12px' }}>
            <input
              type="checkbox"
              data-account={a.id}
              checked={selected.includes(a.id)}
              onChange={(e) => toggle(a.id, (e.target as HTMLInputElement).checked)}
            />{' '}
            {a.name}
          </label>
        ))}
      </fieldset>
      <div class="rg-row" style={{ justifyContent: 'flex-start', alignItems: 'flex-end' }}>
        <label class="rg-field">
          <span>Range</span>
          <select
            id="rg-replay-range"
            value={range}
            onChange={(e) => setRange((e.target as HTMLSelectElement).value as RangeChoice)}
          >
            <option value="last-5">Last 5 trading days</option>
            <option value="last-20">Last 20 trading days</option>
            <option value="last-60">Last 60 trading days</option>
            <option value="dates">Dates…</option>
          </select>
        </label>
        {range === 'dates' && (
          <>
            <label class="rg-field">
              <span>From (trading day)</span>
              <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
            </label>
            <label class="rg-field">
              <span>To</span>
              <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
            </label>
          </>
        )}
        <label class="rg-field">
          <span>Settings</span>
          <select
            id="rg-replay-source"
            value={source}
            onChange={(e) => setSource((e.target as HTMLSelectElement).value as 'draft' | 'saved')}
          >
            <option value="draft">As edited above (saved or not)</option>
            <option value="saved">In force (saved)</option>
          </select>
        </label>
      </div>
      <label style={{ display: 'block' }}>
        <input
          type="checkbox"
          checked={monitorAsEnforce}
          onChange={(e) => setMonitorAsEnforce((e.target as HTMLInputElement).checked)}
        />{' '}
        Rules in monitor mode act as if enforcing
      </label>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={bars} onChange={(e) => setBars((e.target as HTMLInputElement).checked)} /> Load
        minute bars (open-P&amp;L rules and timed closes; slower: 50 requests per 30 s)
      </label>
      {draftBlocked && (
        <p class="rg-error" role="alert">
          The settings above have {props.draftProblems} problem(s): fix them, or replay the settings in force.
        </p>
      )}
      <div class="rg-row" style={{ justifyContent: 'flex-start' }}>
        <button
          type="button"
          class="rg-btn"
          ref={replayButton}
          disabled={job.running || selected.length === 0 || draftBlocked || (range === 'dates' && (!from || !to))}
          onClick={run}
        >
          Replay
        </button>
        {job.running && (
          <button type="button" class="rg-btn rg-btn-danger" onClick={() => void job.cancel()}>
            Cancel
          </button>
        )}
      </div>
      {s && s.state !== 'done' && (
        <div role="status" data-testid="replay-progress">
          {s.state === 'running' && (
            <progress
              class="rg-meter"
              max={Math.max(1, s.total)}
              value={s.phase === 'replaying' ? s.total : s.done}
              aria-label="Replay progress"
            />
          )}
          <span class={s.state === 'failed' ? 'rg-error' : 'rg-dim'}>
            {s.message}
            {s.state === 'running' && s.total > 0 && s.phase !== 'replaying'
              ? ` (${s.done} of ${s.total} requests)`
              : ''}
          </span>
        </div>
      )}
      {job.problems.length > 0 && (
        <ul class="rg-error" role="alert" data-testid="replay-problems">
          {job.problems.map((p) => (
            <li key={`${p.path}:${p.message}`}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {job.error && (
        <p class="rg-error" role="alert">
          {job.error}
        </p>
      )}
      {s?.state === 'done' && s.result && (
        <ReplayResults result={s.result} failures={s.failures} now={props.now()} download={props.download} />
      )}
    </section>
  );
}
