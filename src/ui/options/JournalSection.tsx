import { useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import type { JournalEntryView, JournalFilters, ResponseOf } from '../../messaging/protocol';
import { JournalKindSchema } from '../../messaging/protocol';
import { formatChicagoDateTime } from '../format';
import { Fold } from './Fold';
import type { DownloadFile } from './ImportExportSection';

type Kind = JournalEntryView['kind'];
const KINDS = JournalKindSchema.options;

/** datetime-local text (local time) → epoch ms, or undefined when empty/invalid. */
function toMs(text: string): number | undefined {
  if (text === '') return undefined;
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function JournalSection(props: {
  client: GuardClient;
  accounts: ResponseOf<'listAccounts'>['accounts'] | null;
  download(file: DownloadFile): void;
  /** Open from the start (the popup's link to the journal). */
  open?: boolean;
}) {
  const [accountId, setAccountId] = useState('');
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<JournalEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const filters = (): JournalFilters => {
    const f: JournalFilters = { limit: 1000 };
    if (accountId !== '') f.accountId = Number(accountId);
    if (kinds.length > 0) f.kinds = kinds;
    const a = toMs(from);
    const b = toMs(to);
    if (a !== undefined) f.from = a;
    if (b !== undefined) f.to = b;
    return f;
  };

  const load = async () => {
    setError(null);
    try {
      setEntries((await props.client.request('getJournal', { filters: filters() })).entries);
    } catch (e) {
      setError(errorMessage(e, 'no answer'));
    }
  };
  const exportAs = async (format: 'csv' | 'json') => {
    try {
      props.download(await props.client.request('exportJournal', { format, filters: filters() }));
    } catch (e) {
      setError(errorMessage(e, 'no answer'));
    }
  };
  const names = new Map((props.accounts ?? []).map((a) => [a.id, a.name]));

  return (
    <Fold
      id="journal"
      title="Journal"
      hint="Everything the guard decided and did: filter, read, export."
      open={props.open}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="rg-row">
          <div class="rg-field">
            <label for="rg-j-account">Account</label>
            <select id="rg-j-account" value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
              <option value="">All accounts</option>
              {(props.accounts ?? []).map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div class="rg-field">
            <label for="rg-j-from">From</label>
            <input id="rg-j-from" type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div class="rg-field">
            <label for="rg-j-to">To</label>
            <input id="rg-j-to" type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
        <fieldset>
          <legend>Kinds (none ticked: all)</legend>
          {KINDS.map((k) => (
            <label key={k} style={{ marginRight: '10px' }}>
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
              />{' '}
              {k}
            </label>
          ))}
        </fieldset>
        <div class="rg-row">
          <button type="submit" class="rg-btn">
            Show entries
          </button>
          <button type="button" class="rg-btn" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" class="rg-btn" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="rg-error">
          Journal unavailable: {error}
        </p>
      )}
      {entries !== null &&
        (entries.length === 0 ? (
          <p class="rg-dim">No entries match.</p>
        ) : (
          <table>
            <caption class="rg-dim">{entries.length} entries</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Account</th>
                <th scope="col">Kind</th>
                <th scope="col">Rule</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{formatChicagoDateTime(e.at)}</td>
                  <td>{e.accountId === null ? '\u2014' : (names.get(e.accountId) ?? String(e.accountId))}</td>
                  <td>{e.kind}</td>
                  <td>{e.ruleId ?? '\u2014'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Fold>
  );
}
