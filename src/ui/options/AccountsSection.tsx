import type { ResponseOf } from '../../messaging/protocol';

type AccountRow = ResponseOf<'listAccounts'>['accounts'][number];
export interface AccountGroup {
  name: string;
  accountIds: number[];
}

/**
 * Monitored accounts and copy-trading groups, with account names (the generic form would only
 * show ids). Edits the draft config at `monitoredAccountIds` ('all' | ids) and `accountGroups`.
 */
export function AccountsSection(props: {
  accounts: readonly AccountRow[] | null;
  monitored: 'all' | number[];
  groups: AccountGroup[];
  problems: ReadonlyMap<string, string[]>;
  onChange(next: { monitored: 'all' | number[]; groups: AccountGroup[] }): void;
}) {
  const { accounts, monitored, groups } = props;
  const set = (m: 'all' | number[], g: AccountGroup[]) => props.onChange({ monitored: m, groups: g });
  const groupProblems = [...props.problems].filter(([p]) => p.startsWith('accountGroups'));
  if (accounts === null) return <p class="rg-dim">{'Loading accounts\u2026'}</p>;
  return (
    <section class="rg-panel" aria-labelledby="rg-acc-h" id="accounts">
      <h2 id="rg-acc-h">Accounts</h2>
      <fieldset>
        <legend>Monitored accounts</legend>
        <label>
          <input type="radio" name="rg-monitored" checked={monitored === 'all'} onChange={() => set('all', groups)} />{' '}
          All accounts
        </label>
        <label>
          <input
            type="radio"
            name="rg-monitored"
            checked={monitored !== 'all'}
            onChange={() =>
              set(
                accounts.map((a) => a.id),
                groups,
              )
            }
          />{' '}
          Only the accounts ticked below
        </label>
        {monitored !== 'all' &&
          accounts.map((a) => (
            <label key={a.id} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={monitored.includes(a.id)}
                onChange={(e) =>
                  set(e.currentTarget.checked ? [...monitored, a.id] : monitored.filter((id) => id !== a.id), groups)
                }
              />{' '}
              {a.name}{' '}
              <span class="rg-dim">
                ({a.id}
                {a.canTrade ? '' : ', cannot trade'})
              </span>
            </label>
          ))}
        {accounts.length === 0 && <p class="rg-dim">No accounts found: save and test the connection first.</p>}
      </fieldset>
      <fieldset>
        <legend>Account groups (copy trading: a lockout on one account locks the whole group)</legend>
        {groups.map((g, i) => (
          <div key={i} class="rg-panel">
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
            {accounts.map((a) => (
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
          </div>
        ))}
        <button type="button" class="rg-btn" onClick={() => set(monitored, [...groups, { name: '', accountIds: [] }])}>
          Add a group
        </button>
        {groupProblems.length > 0 && (
          <ul class="rg-error" role="alert">
            {groupProblems.map(([p, ms]) => ms.map((m) => <li key={p + m}>{`${p}: ${m}`}</li>))}
          </ul>
        )}
      </fieldset>
    </section>
  );
}
