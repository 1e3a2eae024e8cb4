import type { ResponseOf } from '../../messaging/protocol';
import { money } from '../schema-form/value-words';

type AccountRow = ResponseOf<'listAccounts'>['accounts'][number];
export interface AccountGroup {
  name: string;
  accountIds: number[];
}

/** What the page knows of the accounts: not asked yet (no connection), loading, failed, or the list. */
export type AccountsState =
  | { state: 'not-connected' }
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'loaded'; accounts: AccountRow[] };

/**
 * Step 2: the accounts the login has, with their balances, which ones the guard watches, and
 * copy-trading groups (folded). Edits the draft config at `monitoredAccountIds` ('all' | ids)
 * and `accountGroups`.
 */
export function AccountsSection(props: {
  accounts: AccountsState;
  monitored: 'all' | number[];
  groups: AccountGroup[];
  problems: ReadonlyMap<string, string[]>;
  onChange(next: { monitored: 'all' | number[]; groups: AccountGroup[] }): void;
  onRetry(): void;
}) {
  const { monitored, groups } = props;
  const set = (m: 'all' | number[], g: AccountGroup[]) => props.onChange({ monitored: m, groups: g });
  const groupProblems = [...props.problems].filter(([p]) => p.startsWith('accountGroups'));
  const list = props.accounts.state === 'loaded' ? props.accounts.accounts : [];
  const done = list.length > 0;
  return (
    <section class={`rg-panel${done ? ' rg-step-done' : ''}`} aria-labelledby="rg-acc-h" id="accounts">
      <div class="rg-step-h">
        <span class="rg-step-n" aria-hidden="true">
          {done ? '\u2713' : '2'}
        </span>
        <h2 id="rg-acc-h">Your accounts</h2>
      </div>
      {props.accounts.state === 'not-connected' && (
        <p class="rg-dim" data-testid="accounts-empty">
          Once connected, the accounts of your TopstepX login appear here with their balances.
        </p>
      )}
      {props.accounts.state === 'loading' && <p class="rg-dim">{'Reading your accounts\u2026'}</p>}
      {props.accounts.state === 'failed' && (
        <p class="rg-error" role="alert">
          Could not read your accounts: {props.accounts.message}.{' '}
          <button type="button" class="rg-link" onClick={props.onRetry}>
            Try again
          </button>
        </p>
      )}
      {props.accounts.state === 'loaded' && list.length === 0 && (
        <p class="rg-tone-warn" data-testid="accounts-empty">
          No active account on this login. Check the user name, or open an account on TopstepX, then{' '}
          <button type="button" class="rg-link" onClick={props.onRetry}>
            look again
          </button>
          .
        </p>
      )}
      {done && (
        <>
          <table class="rg-accounts" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" class="rg-num">
                  Balance
                </th>
                <th scope="col">Watched</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} data-account={a.id}>
                  <td>
                    {a.name}
                    {a.canTrade ? '' : <span class="rg-tone-warn"> (cannot trade)</span>}
                  </td>
                  <td class="rg-num">{a.balance === undefined ? 'unknown' : money(a.balance)}</td>
                  <td>
                    <label>
                      <input
                        type="checkbox"
                        checked={monitored === 'all' || monitored.includes(a.id)}
                        disabled={monitored === 'all'}
                        onChange={(e) =>
                          set(
                            e.currentTarget.checked
                              ? [...(monitored as number[]), a.id]
                              : (monitored as number[]).filter((id) => id !== a.id),
                            groups,
                          )
                        }
                      />
                      <span class="rg-sr">Watch {a.name}</span>
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="rg-field rg-inline">
            <label for="rg-monitored">The guard watches</label>
            <select
              id="rg-monitored"
              value={monitored === 'all' ? 'all' : 'some'}
              onChange={(e) =>
                set((e.currentTarget as HTMLSelectElement).value === 'all' ? 'all' : list.map((a) => a.id), groups)
              }
            >
              <option value="all">Every account, also ones opened later</option>
              <option value="some">Only the ticked accounts</option>
            </select>
          </div>
        </>
      )}
      {(done || groups.length > 0) && (
        <details open={groupProblems.length > 0 || undefined}>
          <summary>
            Copy-trading groups ({groups.length}){' '}
            <span class="rg-dim">a lockout on one account locks its whole group</span>
          </summary>
          {groups.map((g, i) => (
            <fieldset key={i}>
              <legend>Group {i + 1}</legend>
              <div class="rg-field">
                <label for={`rg-group-${i}`}>Group {i + 1} name</label>
                <input
                  id={`rg-group-${i}`}
                  type="text"
                  value={g.name}
                  onInput={(e) =>
                    set(
                      monitored,
                      groups.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)),
                    )
                  }
                />
              </div>
              {list.map((a) => (
                <label key={a.id} style={{ display: 'block' }}>
                  <input
                    type="checkbox"
                    checked={g.accountIds.includes(a.id)}
                    onChange={(e) => {
                      const ids = e.currentTarget.checked
                        ? [...g.accountIds, a.id]
                        : g.accountIds.filter((x) => x !== a.id);
                      set(
                        monitored,
                        groups.map((x, j) => (j === i ? { ...x, accountIds: ids } : x)),
                      );
                    }}
                  />{' '}
                  {a.name} in group {i + 1}
                </label>
              ))}
              <button
                type="button"
                class="rg-btn"
                onClick={() =>
                  set(
                    monitored,
                    groups.filter((_, j) => j !== i),
                  )
                }
              >
                Remove group {i + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            class="rg-btn"
            onClick={() => set(monitored, [...groups, { name: '', accountIds: [] }])}
          >
            Add a group
          </button>
          {groupProblems.length > 0 && (
            <ul class="rg-error" role="alert">
              {groupProblems.map(([p, ms]) => ms.map((m) => <li key={p + m}>{`${groupWords(p)}: ${m}`}</li>))}
            </ul>
          )}
        </details>
      )}
    </section>
  );
}

/** "accountGroups.0.name" → "Group 1 name"; "accountGroups.1.accountIds" → "Group 2 accounts". */
function groupWords(path: string): string {
  const [, i, field] = path.split('.');
  const n = Number(i) + 1;
  if (field === 'name') return `Group ${n} name`;
  if (field === 'accountIds') return `Group ${n} accounts`;
  return Number.isFinite(n) ? `Group ${n}` : 'Groups';
}
